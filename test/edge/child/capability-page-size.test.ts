// The edge node's CapabilityStatement states its largest _count, in the extension children read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCapabilities } from '../../../src/core/clients/parse-capabilities.ts';
import { maxSearchCount } from '../../../src/edge/app/fhir/fhir-search-params.ts';
import { fhirCall, startNode, type TestNode } from './_edge-node-kit.ts';

let node: TestNode;
beforeAll(async () => { node = await startNode(); });
afterAll(async () => { await node.close(); });

describe('CapabilityStatement max page size', () => {
  it('GET metadata carries urn:openmrs-sync2-ts:fhir:max-page-size = the largest _count served, and parseCapabilities() reads it', async () => {
    const { status, body } = await fhirCall(node, 'metadata');
    expect(status).toBe(200);
    expect((body?.['rest'] as { extension: unknown[] }[])[0]?.extension).toEqual([{ url: 'urn:openmrs-sync2-ts:fhir:max-page-size', valueInteger: maxSearchCount }]);
    expect(parseCapabilities(body).maxPageSize).toBe(maxSearchCount);
  });

});
