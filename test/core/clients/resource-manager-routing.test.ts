import { describe, expect, it } from 'vitest';
import { defaultCategories } from '../../../src/core/categories/category-table.ts';
import { chooseClient } from '../../../src/core/clients/choose-client.ts';
import { type CustomClient, createClientRegistry } from '../../../src/core/clients/client-registry.ts';
import type { FetchOutcome, ObjectRequest } from '../../../src/core/clients/resource-manager.ts';
import { SyncError } from '../../../src/core/errors/sync-error.ts';
import { createFakeParent, fhirRequest, parentBase } from './_fake-parent.ts';
import { expectedAuthorization, managerOn, rejectionOf, seen } from './_kit.ts';

const links = { fhir: '/ws/fhir2/R4/Patient/x', rest: '/ws/rest/v1/patient/x?v=full', hl7: '/ws/hl7/x' };

describe('chooseClient()', () => {
  const request: ObjectRequest = { category: 'patient', uuid: 'x', links };

  it('chooseClient() takes the preferred client when the entry links to it, else fhir, rest, custom', () => {
    const base = { fhir: true, customClients: ['hl7'] };
    expect(chooseClient(request, { ...base, preferredClient: { patient: 'hl7' } })).toBe('hl7');
    expect(chooseClient(request, { ...base, preferredClient: { patient: 'rest' } })).toBe('rest');
    expect(chooseClient(request, { ...base, preferredClient: { patient: 'absent' } })).toBe('fhir');
    expect(chooseClient(request, { ...base, fhir: false })).toBe('rest');
    expect(chooseClient({ ...request, links: { hl7: '/x' } }, base)).toBe('hl7');
    expect(chooseClient({ ...request, links: { hl7: '/x' } }, { ...base, customClients: [] })).toBeUndefined();
  });

  it('chooseClient() never uses FHIR for a category without a FHIR form', () => {
    const name = { category: 'person_name', uuid: 'n', links: { fhir: '/ws/fhir2/R4/Patient/p', rest: '/ws/rest/v1/person/p/name/n' } };
    expect(chooseClient(name, { fhir: true, customClients: [], categories: defaultCategories })).toBe('rest');
  });
});

describe('createResourceManager() routing', () => {
  it('fetchObjects() honours the preferred client of a category', async () => {
    const parent = createFakeParent();
    parent.addRest('patient/x', { uuid: 'x' });
    const [outcome] = await managerOn(parent, { preferredClient: { patient: 'rest' } }).fetchObjects([fhirRequest('patient', 'Patient', 'x')]);
    expect(outcome).toMatchObject({ kind: 'found', client: 'rest' });
    expect(seen(parent).slice(1)).toEqual(['GET /ws/rest/v1/patient/x?v=full']);
  });

  it('fetchObjects() fails an object no client can fetch with CLIENT_UNAVAILABLE', async () => {
    const parent = createFakeParent();
    const [outcome] = await managerOn(parent).fetchObjects([{ category: 'form', uuid: 'f', links: { sms: '/x' } }]);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'CLIENT_UNAVAILABLE' } });
  });

  it('fetchObjects() hands requests to a registered custom client, with the parent transport, in request order', async () => {
    const parent = createFakeParent();
    parent.addRest('patient/y', { uuid: 'y' });
    const seenByClient: string[] = [];
    const hl7: CustomClient = {
      async fetchObjects(requests, context) {
        return await Promise.all(requests.map(async (request): Promise<FetchOutcome> => {
          const url = context.resolveLink(request);
          seenByClient.push(url);
          await context.transport(`${parentBase}/ws/rest/v1/patient/y`);
          return { kind: 'found', request, representation: 'rest', body: { uuid: request.uuid }, client: 'hl7', url };
        }));
      },
    };
    const registry = createClientRegistry();
    registry.registerClient('hl7', hl7);
    const requests = [{ category: 'patient', uuid: 'a', links: { hl7: '/ws/hl7/a' } }, fhirRequest('patient', 'Patient', 'y', true),
      { category: 'patient', uuid: 'b', links: { hl7: '/ws/hl7/b' } }];
    parent.addFhir({ resourceType: 'Patient', id: 'y' });
    const outcomes = await managerOn(parent, { customClients: registry }).fetchObjects(requests);
    expect(outcomes.map((o) => [o.request.uuid, o.kind, 'client' in o ? o.client : undefined])).toEqual([
      ['a', 'found', 'hl7'], ['y', 'found', 'fhir'], ['b', 'found', 'hl7'],
    ]);
    expect(seenByClient).toEqual([`${parentBase}/ws/hl7/a`, `${parentBase}/ws/hl7/b`]);
    expect(parent.requests.every((r) => r.authorization === expectedAuthorization)).toBe(true);
  });

  it('fetchObjects() fails what a custom client leaves out or throws, but stops on its PARENT_UNAUTHORIZED', async () => {
    const registry = createClientRegistry();
    registry.registerClient('short', { fetchObjects: async () => [] });
    registry.registerClient('broken', { fetchObjects: async () => { throw new Error('boom'); } });
    registry.registerClient('denied', { fetchObjects: async () => { throw new SyncError('PARENT_UNAUTHORIZED'); } });
    const manager = managerOn(createFakeParent(), { customClients: registry });
    const outcomes = await manager.fetchObjects([{ category: 'x', uuid: '1', links: { short: '/a' } }, { category: 'x', uuid: '2', links: { broken: '/b' } }]);
    expect(outcomes[0]).toMatchObject({ kind: 'failed', client: 'short', error: { code: 'CLIENT_UNAVAILABLE' } });
    expect(outcomes[1]).toMatchObject({ kind: 'failed', client: 'broken', error: { code: 'UNEXPECTED', message: 'boom' } });
    const error = await rejectionOf(manager.fetchObjects([{ category: 'x', uuid: '3', links: { denied: '/c' } }]));
    expect(error.code).toBe('PARENT_UNAUTHORIZED');
  });
});

describe('createClientRegistry()', () => {
  it('registerClient() refuses built-in names, bad names, duplicates and clients without fetchObjects', () => {
    const registry = createClientRegistry();
    const client: CustomClient = { fetchObjects: async () => [] };
    registry.registerClient('hl7', client);
    expect(registry.names()).toEqual(['hl7']);
    expect(registry.get('hl7')).toBe(client);
    for (const name of ['fhir', 'rest', 'hl7', '', '9lives', 'with space']) {
      expect(() => registry.registerClient(name, client)).toThrow(TypeError);
    }
    expect(() => registry.registerClient('other', {} as CustomClient)).toThrow(TypeError);
  });
});
