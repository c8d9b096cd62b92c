import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/core/clients/create-limiter.ts';
import { createJsonTransport } from '../../../src/core/clients/json-transport.ts';
import { SyncFhirClient } from '../../../src/core/clients/sync-fhir-client.ts';
import type { FetchLike } from '../../../src/core/ports/ports.ts';
import { createFakeParent, fhirBase, parentBase, patients } from './_fake-parent.ts';
import { expectedAuthorization, instantSleep, rejectionOf } from './_kit.ts';

interface Call { method: string; url: string; headers: Headers; body?: string }

function recording(respond: (call: Call) => Response): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (input, init) => {
    const call: Call = { method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers), ...(typeof init?.body === 'string' ? { body: init.body } : {}) };
    calls.push(call);
    return respond(call);
  };
  return { fetch, calls };
}

function clientOn(fetch: FetchLike): SyncFhirClient {
  const transport = createJsonTransport({
    fetch, base: parentBase, limit: createLimiter(2), headers: { authorization: expectedAuthorization }, sleep: instantSleep().sleep, retry: { retries: 1 },
  });
  return new SyncFhirClient({ base: `${parentBase}/`, transport });
}

describe('SyncFhirClient (fhirclient FhirClient over the injected transport)', () => {
  it('SyncFhirClient is a fhirclient FhirClient on the parent FHIR base', () => {
    const client = clientOn(recording(() => new Response('{}')).fetch);
    expect(client.fhirBaseUrl).toBe(fhirBase);
    expect(typeof client.pages).toBe('function');
  });

  it("fhirclient's update() sends PUT with If-Match and credentials through the injected fetch", async () => {
    const { fetch, calls } = recording(() => Response.json({ resourceType: 'Patient', id: 'x', meta: { versionId: '2' } }));
    const body = await clientOn(fetch).update({ resourceType: 'Patient', id: 'x' }, { headers: { 'If-Match': 'W/"1"' } });
    expect(body).toMatchObject({ meta: { versionId: '2' } });
    expect(calls[0]).toMatchObject({ method: 'PUT', url: `${fhirBase}/Patient/x` });
    expect(calls[0]?.headers.get('if-match')).toBe('W/"1"');
    expect(calls[0]?.headers.get('authorization')).toBe(expectedAuthorization);
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ resourceType: 'Patient', id: 'x' });
  });

  it("fhirclient's create() is not retried after a 503 (it may have landed), and a 412 update throws HTTP_ERROR", async () => {
    const busy = recording(() => new Response('', { status: 503 }));
    expect((await rejectionOf(clientOn(busy.fetch).create({ resourceType: 'Patient' }))).details['status']).toBe(503);
    expect(busy.calls).toHaveLength(1);
    const stale = recording(() => Response.json({ resourceType: 'OperationOutcome' }, { status: 412 }));
    const error = await rejectionOf(clientOn(stale.fetch).update({ resourceType: 'Patient', id: 'x' }));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.details['status']).toBe(412);
  });

  it("fhirclient's resources() walks search pages through the injected fetch", async () => {
    const parent = createFakeParent({ pageSize: 3 });
    for (const p of patients(7)) parent.addFhir(p);
    const ids: string[] = [];
    const client = clientOn(parent.fetch);
    for await (const resource of client.resources(`Patient?_id=${patients(7).map((p) => p['id']).join(',')}&_count=3`)) {
      ids.push(String((resource as { id: string }).id));
    }
    expect(ids).toEqual(['p000', 'p001', 'p002', 'p003', 'p004', 'p005', 'p006']);
    expect(parent.requests).toHaveLength(3);
  });

  it('searchByIds() stops paging once every id is found', async () => {
    const parent = createFakeParent({ pageSize: 2 });
    for (const p of patients(6)) parent.addFhir(p);
    const found = await clientOn(parent.fetch).searchByIds('Patient', ['p000', 'p001']);
    expect(found.map((r) => r['id'])).toEqual(['p000', 'p001']);
    expect(parent.requests).toHaveLength(1);
  });

  it('batchRead() refuses an answer that is not a Bundle', async () => {
    const { fetch } = recording(() => Response.json({ resourceType: 'OperationOutcome' }));
    const error = await rejectionOf(clientOn(fetch).batchRead([{ type: 'Patient', id: 'x' }]));
    expect(error.code).toBe('RESPONSE_MALFORMED');
  });

  it('request() refuses a URL on another host without sending it', async () => {
    const { fetch, calls } = recording(() => new Response('{}'));
    const error = await rejectionOf(clientOn(fetch).request('https://evil.example/x'));
    expect(error.code).toBe('LINK_FOREIGN_ORIGIN');
    expect(calls).toHaveLength(0);
  });
});
