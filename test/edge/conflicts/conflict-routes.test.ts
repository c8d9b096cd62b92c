// The conflict endpoints of an edge node: list, read and resolve conflicts, admin only, errors as problem+json with stable codes.
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../src/core/sync/conflict/object-state.ts';
import { childAuth } from '../app/start-test-edge.ts';
import { createTestApp, fakeClock, type TestApp } from '../app/create-test-app.ts';
import { conflictsUrl, patient, storeConflict } from './_conflict-fixtures.ts';

const a = '0a1b2c3d-0000-4000-8000-00000000000a';
const b = '0a1b2c3d-0000-4000-8000-00000000000b';
const base = patient(a);
const local = patient(a, { gender: 'male', birthDate: '1991-02-02' });
const parent = patient(a, { gender: 'other', active: true });

let t: TestApp;
let idA: string;

async function json(response: Response): Promise<Record<string, any>> {
  return await response.json() as Record<string, any>;
}

function resolve(id: string, body: unknown, init: RequestInit = {}) {
  return t.request(`${conflictsUrl}/${encodeURIComponent(id)}/resolve`, { method: 'POST', json: body, ...init });
}

beforeEach(async () => {
  t = await createTestApp({ now: fakeClock().now });
  idA = await storeConflict(t.store, a, { base, local, parent, fields: ['gender'], createdAt: 2_000 });
  await storeConflict(t.store, b, { base: patient(b), local: patient(b, { gender: 'male' }), parent: null, fields: ['gender'], createdAt: 3_000 });
});

describe('GET /openmrs/ws/rest/sync2/conflicts', () => {
  it('lists the open conflicts oldest first, without bodies, with links to each', async () => {
    const response = await t.request(conflictsUrl);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body['total']).toBe(2);
    expect(body['results'].map((r: JsonObject) => r['uuid'])).toEqual([a, b]);
    expect(body['results'][0]).toMatchObject({
      id: `patient/${a}`, category: 'patient', reason: 'overlap', fields: ['gender'], open: true, createdAt: new Date(2_000).toISOString(),
      links: { self: `${conflictsUrl}/patient%2F${a}`, resolve: `${conflictsUrl}/patient%2F${a}/resolve` },
    });
    expect(body['results'][0]).not.toHaveProperty('local');
    expect(body['results'][1]).toMatchObject({ reason: 'removed-on-parent' });
  });

  it('leaves resolved conflicts out unless ?all=true', async () => {
    expect((await resolve(idA, { take: 'parent' })).status).toBe(200);
    expect((await json(await t.request(conflictsUrl)))['results'].map((r: JsonObject) => r['uuid'])).toEqual([b]);
    const all = await json(await t.request(`${conflictsUrl}?all=true`));
    expect(all['results'].map((r: JsonObject) => [r['uuid'], r['open']])).toEqual([[a, false], [b, true]]);
  });

  it('answers 400 QUERY_INVALID for ?all=yes', async () => {
    const response = await t.request(`${conflictsUrl}?all=yes`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(response))['code']).toBe('QUERY_INVALID');
  });

  it('refuses a request without credentials (401) and a child user (403), as problem+json', async () => {
    const anonymous = await t.request(conflictsUrl, { headers: { authorization: '' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    expect((await json(anonymous))['code']).toBe('UNAUTHENTICATED');
    const child = await t.request(conflictsUrl, { headers: { authorization: childAuth } });
    expect(child.status).toBe(403);
    expect((await json(child))['code']).toBe('FORBIDDEN');
  });
});

describe('GET /openmrs/ws/rest/sync2/conflicts/{id}', () => {
  it('answers the base, local and parent bodies and the conflicting fields, by encoded or plain id', async () => {
    for (const path of [`${conflictsUrl}/patient%2F${a}`, `${conflictsUrl}/patient/${a}`]) {
      const response = await t.request(path);
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ id: `patient/${a}`, fields: ['gender'], base, local, parent, open: true });
    }
  });

  it('answers 404 CONFLICT_NOT_FOUND for an unknown id', async () => {
    const response = await t.request(`${conflictsUrl}/patient%2Fnope`);
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ code: 'CONFLICT_NOT_FOUND', details: { id: 'patient/nope' } });
  });
});

describe('POST /openmrs/ws/rest/sync2/conflicts/{id}/resolve', () => {
  it('take local: answers the closed record and the object, now a local change over the parent\'s version, audited as the admin', async () => {
    const response = await resolve(idA, { take: 'local' });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ id: idA, open: false, resolution: 'local', object: { uuid: a, removed: false, body: local } });
    const stored = await t.store.getObject('patient', a);
    expect(stored?.body).toEqual(local);
    expect(stored?.base?.body).toEqual(parent);
    expect(stored && hasUnpushedChange(stored)).toBe(true);
    const rows = await t.store.changesSince(0);
    expect(rows.at(-1)).toMatchObject({ uuid: a, origin: 'local', action: 'UPDATED' });
    const [audit] = await t.store.listAudit({ operation: 'resolve', limit: 1 });
    expect(audit).toMatchObject({ uuid: a, outcome: 'ok', details: { conflictId: idA, resolution: 'local', by: 'admin' } });
  });

  it('take parent: the object becomes the parent\'s version, with nothing left to push', async () => {
    expect((await resolve(idA, { take: 'parent' })).status).toBe(200);
    const stored = await t.store.getObject('patient', a);
    expect(stored?.body).toEqual(parent);
    expect(stored && hasUnpushedChange(stored)).toBe(false);
  });

  it('a merged body becomes the local change', async () => {
    const merged = patient(a, { gender: 'male', birthDate: '1991-02-02', active: true });
    const response = await resolve(idA, { take: 'merged', body: merged });
    expect(response.status).toBe(200);
    expect((await json(response))['resolution']).toBe('merged');
    expect((await t.store.getObject('patient', a))?.body).toEqual(merged);
  });

  it('per-field choices take each named field from its side and merge the rest', async () => {
    const response = await resolve(idA, { fields: { gender: 'parent' } });
    expect(response.status).toBe(200);
    // gender from the parent; birthDate (local only) and active (parent only) merged.
    expect((await t.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other', birthDate: '1991-02-02', active: true });
  });

  it('answers 422 RESOLUTION_FIELDS_MISSING naming the fields still without a side', async () => {
    const response = await resolve(idA, { fields: { birthDate: 'local' } });
    expect(response.status).toBe(422);
    expect(await json(response)).toMatchObject({ code: 'RESOLUTION_FIELDS_MISSING', details: { id: idA, fields: ['gender'] } });
    expect((await t.store.getConflict(idA))?.resolvedAt).toBeUndefined();
  });

  it.each([
    [{ take: 'theirs' }], [{ take: 'merged' }], [{ take: 'local', body: {} }], [{ fields: {} }], [{ fields: { gender: 'mine' } }], [{}],
  ])('answers 400 RESOLUTION_INVALID for %j and changes nothing', async (choice) => {
    const response = await resolve(idA, choice);
    expect(response.status).toBe(400);
    expect((await json(response))['code']).toBe('RESOLUTION_INVALID');
    expect((await t.store.getConflict(idA))?.resolvedAt).toBeUndefined();
  });

  it('answers 400 BODY_MALFORMED for a body that is not JSON', async () => {
    const response = await t.request(`${conflictsUrl}/${encodeURIComponent(idA)}/resolve`, { method: 'POST', body: '{take', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect((await json(response))['code']).toBe('BODY_MALFORMED');
  });

  it('answers 409 CONFLICT_RESOLVED the second time, 404 for an unknown id, 409 CONFLICT_STALE after a later local edit', async () => {
    expect((await resolve(idA, { take: 'local' })).status).toBe(200);
    const again = await resolve(idA, { take: 'parent' });
    expect(again.status).toBe(409);
    expect((await json(again))['code']).toBe('CONFLICT_RESOLVED');
    expect((await json(await resolve('patient/nope', { take: 'local' })))['code']).toBe('CONFLICT_NOT_FOUND');
    const edit = await t.request(`/openmrs/ws/fhir2/R4/Patient/${b}`, {
      method: 'PUT', json: patient(b, { gender: 'unknown' }), headers: { 'content-type': 'application/fhir+json' },
    });
    expect(edit.status).toBe(200);
    const stale = await resolve(`patient/${b}`, { take: 'local' });
    expect(stale.status).toBe(409);
    expect((await json(stale))['code']).toBe('CONFLICT_STALE');
  });

  it('answers 404 ROUTE_NOT_FOUND for another action', async () => {
    const response = await t.request(`${conflictsUrl}/${encodeURIComponent(idA)}/accept`, { method: 'POST', json: { take: 'local' } });
    expect(response.status).toBe(404);
    expect((await json(response))['code']).toBe('ROUTE_NOT_FOUND');
  });
});
