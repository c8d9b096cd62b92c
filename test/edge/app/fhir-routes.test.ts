import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/store/store-port.ts';
import { errorCodeSystem } from '../../../src/edge/app/error-response.ts';
import { createTestApp, fakeClock, fhirBase, type TestApp } from './create-test-app.ts';
import { childAuth } from './start-test-edge.ts';

const patient = (id: string, family = 'Otieno'): JsonObject => ({ resourceType: 'Patient', id, name: [{ family }], gender: 'female' });
const codeOf = (outcome: { issue: { details: { coding: { system: string; code: string }[] } }[] }): string | undefined =>
  outcome.issue[0]?.details.coding.find((c) => c.system === errorCodeSystem)?.code;

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock();
  let n = 0;
  t = await createTestApp({ now: clock.now, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
});
afterEach(async () => { await t.store.close(); });

const put = (id: string, body: JsonObject, headers: Record<string, string> = {}) =>
  t.request(`${fhirBase}/${body['resourceType'] as string}/${id}`, { method: 'PUT', json: body, headers });

describe('FHIR create, read, update', () => {
  it('POST assigns a new id and answers 201 with Location, ETag and meta', async () => {
    const res = await t.request(`${fhirBase}/Patient`, { method: 'POST', json: patient('client-id') });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toBe('00000000-0000-4000-8000-000000000001');
    expect(res.headers.get('location')).toBe(`${fhirBase}/Patient/${body.id}/_history/1`);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(body.meta).toEqual({ versionId: '1', lastUpdated: new Date(clock.now()).toISOString() });
    expect((await t.request(res.headers.get('location') as string)).status).toBe(200);
  });

  it('PUT creates with the client\'s id (201), then updates (200) with the next version', async () => {
    const created = await put('p1', patient('p1'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${fhirBase}/Patient/p1/_history/1`);
    clock.advance(1000);
    const updated = await put('p1', patient('p1', 'Achieng'));
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('W/"2"');
    const read = await t.request(`${fhirBase}/Patient/p1`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"2"');
    const body = await read.json();
    expect(body.name).toEqual([{ family: 'Achieng' }]);
    expect(body.meta.versionId).toBe('2');
    expect(body.meta.lastUpdated).toBe(new Date(clock.now()).toISOString());
  });

  it('stores the body without the client\'s meta.versionId and meta.lastUpdated but keeps its tags', async () => {
    const tag = { system: 'http://example.org/tags', code: 'demo' };
    await put('p1', { ...patient('p1'), meta: { versionId: '99', lastUpdated: '2020-01-01T00:00:00Z', tag: [tag] } });
    const stored = await t.store.getObject('patient', 'p1');
    expect(stored?.body?.['meta']).toEqual({ tag: [tag] });
    expect((await (await t.request(`${fhirBase}/Patient/p1`)).json()).meta.versionId).toBe('1');
  });

  it('GET answers 304 when If-None-Match names the current version', async () => {
    await put('p1', patient('p1'));
    const res = await t.request(`${fhirBase}/Patient/p1`, { headers: { 'if-none-match': 'W/"1"' } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe('W/"1"');
  });

  it('GET of an unknown id is a 404 OperationOutcome with a stable code', async () => {
    const res = await t.request(`${fhirBase}/Patient/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    const outcome = await res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].code).toBe('not-found');
    expect(codeOf(outcome)).toBe('RESOURCE_NOT_FOUND');
  });

  it('a _history read of an older version is 404: only the current version is kept', async () => {
    await put('p1', patient('p1'));
    await put('p1', patient('p1', 'B'));
    expect((await t.request(`${fhirBase}/Patient/p1/_history/1`)).status).toBe(404);
    expect((await t.request(`${fhirBase}/Patient/p1/_history/2`)).status).toBe(200);
  });

  it('any resource type works: it gets a category named after it', async () => {
    const allergy = { resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' } };
    expect((await put('a1', allergy)).status).toBe(201);
    expect((await t.store.getObject('allergyintolerance', 'a1'))?.representation).toBe('fhir');
    expect((await t.request(`${fhirBase}/AllergyIntolerance/a1`)).status).toBe(200);
  });

  it('Encounters are filed as visits or encounters by their tag, and read back under Encounter', async () => {
    const tag = (code: string) => ({ meta: { tag: [{ system: 'http://fhir.openmrs.org/ext/encounter-tag', code }] } });
    await put('v1', { resourceType: 'Encounter', id: 'v1', ...tag('visit') });
    await put('e1', { resourceType: 'Encounter', id: 'e1', ...tag('encounter') });
    expect((await t.store.getObject('visit', 'v1'))?.uuid).toBe('v1');
    expect((await t.store.getObject('encounter', 'e1'))?.uuid).toBe('e1');
    expect((await t.request(`${fhirBase}/Encounter/v1`)).status).toBe(200);
    const search = await (await t.request(`${fhirBase}/Encounter`)).json();
    expect(search.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(['e1', 'v1']);
  });

  it('logs child writes with origin child and the child\'s instance id, admin writes as local', async () => {
    await put('p1', patient('p1'));
    await put('p2', patient('p2'), { authorization: childAuth });
    const rows = await t.store.changesSince(0);
    expect(rows.map((r) => [r.uuid, r.origin, r.originId])).toEqual([['p1', 'local', undefined], ['p2', 'child', 'child-1']]);
  });
});

describe('FHIR echoes and If-Match', () => {
  it('a write with the same canonical body logs nothing and keeps the version', async () => {
    await put('p1', patient('p1'));
    const echo = await put('p1', { ...patient('p1'), meta: { versionId: '1' }, text: { status: 'generated', div: '<div/>' } });
    expect(echo.status).toBe(200);
    expect(echo.headers.get('etag')).toBe('W/"1"');
    expect(await t.store.countChanges('patient')).toBe(1);
  });

  it('PUT with a stale If-Match is 412 and changes nothing; the current one succeeds', async () => {
    await put('p1', patient('p1'));
    await put('p1', patient('p1', 'B'));
    const stale = await put('p1', patient('p1', 'C'), { 'if-match': 'W/"1"' });
    expect(stale.status).toBe(412);
    expect(codeOf(await stale.json())).toBe('VERSION_MISMATCH');
    expect((await t.store.getObject('patient', 'p1'))?.body?.['name']).toEqual([{ family: 'B' }]);
    expect((await put('p1', patient('p1', 'C'), { 'if-match': 'W/"2"' })).status).toBe(200);
  });

  it('two concurrent PUTs with the same If-Match: exactly one wins', async () => {
    await put('p1', patient('p1'));
    const results = await Promise.all(['A', 'B', 'C'].map((family) => put('p1', patient('p1', family), { 'if-match': 'W/"1"' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    expect((await t.store.getObject('patient', 'p1'))?.version).toBe('2');
    expect(await t.store.countChanges('patient')).toBe(2);
  });

  it('concurrent PUTs without If-Match all land, one version each', async () => {
    await put('p1', patient('p1'));
    const results = await Promise.all(['A', 'B', 'C'].map((family) => put('p1', patient('p1', family))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect((await t.store.getObject('patient', 'p1'))?.version).toBe('4');
    expect(await t.store.countChanges('patient')).toBe(4);
  });

  it('If-Match on a missing resource is 412, an unreadable one 400', async () => {
    expect((await put('p9', patient('p9'), { 'if-match': 'W/"1"' })).status).toBe(412);
    const bad = await put('p9', patient('p9'), { 'if-match': 'W/"1", W/"2"' });
    expect(bad.status).toBe(400);
    expect(codeOf(await bad.json())).toBe('PRECONDITION_INVALID');
    expect(await t.store.getObject('patient', 'p9')).toBeUndefined();
  });
});

describe('FHIR delete', () => {
  it('DELETE keeps a tombstone: read is 410, search skips it, a VOIDED event is logged', async () => {
    await put('p1', patient('p1'));
    const res = await t.request(`${fhirBase}/Patient/p1`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.headers.get('etag')).toBe('W/"2"');
    const gone = await t.request(`${fhirBase}/Patient/p1`);
    expect(gone.status).toBe(410);
    expect(codeOf(await gone.json())).toBe('RESOURCE_GONE');
    expect((await (await t.request(`${fhirBase}/Patient?_id=p1`)).json()).total).toBe(0);
    const rows = await t.store.feedChanges('patient', { from: 0, limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(['CREATED', 'VOIDED']);
    expect((await t.store.getObject('patient', 'p1'))?.removed).toBe(true);
  });

  it('DELETE of a type outside the table logs DELETED; a second DELETE changes nothing', async () => {
    await put('a1', { resourceType: 'AllergyIntolerance', id: 'a1' });
    await t.request(`${fhirBase}/AllergyIntolerance/a1`, { method: 'DELETE' });
    expect((await t.request(`${fhirBase}/AllergyIntolerance/a1`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.store.feedChanges('allergyintolerance', { from: 0, limit: 10 })).map((r) => r.action)).toEqual(['CREATED', 'DELETED']);
  });

  it('DELETE honours If-Match and answers 404 for an unknown id', async () => {
    await put('p1', patient('p1'));
    expect((await t.request(`${fhirBase}/Patient/p1`, { method: 'DELETE', headers: { 'if-match': 'W/"7"' } })).status).toBe(412);
    expect((await t.store.getObject('patient', 'p1'))?.removed).toBe(false);
    expect((await t.request(`${fhirBase}/Patient/nope`, { method: 'DELETE' })).status).toBe(404);
  });

  it('PUT over a tombstone restores the resource and logs UNVOIDED', async () => {
    await put('p1', patient('p1'));
    await t.request(`${fhirBase}/Patient/p1`, { method: 'DELETE' });
    expect((await put('p1', patient('p1'))).status).toBe(200);
    expect((await t.request(`${fhirBase}/Patient/p1`)).status).toBe(200);
    expect((await t.store.feedChanges('patient', { from: 2, limit: 1 }))[0]?.action).toBe('UNVOIDED');
  });
});

describe('FHIR bad requests store nothing', () => {
  it.each([
    ['malformed JSON', '{"resourceType": "Patient",', 'BODY_MALFORMED', 400],
    ['a JSON array', '[1]', 'BODY_NOT_OBJECT', 400],
    ['a wrong resource type', JSON.stringify({ resourceType: 'Observation', id: 'x1' }), 'RESOURCE_TYPE_MISMATCH', 400],
    ['an id that differs from the URL', JSON.stringify({ resourceType: 'Patient', id: 'other' }), 'ID_MISMATCH', 400],
  ])('PUT with %s is answered with its code', async (_name, body, code, status) => {
    const res = await t.request(`${fhirBase}/Patient/x1`, { method: 'PUT', body, headers: { 'content-type': 'application/fhir+json' } });
    expect(res.status).toBe(status);
    expect(codeOf(await res.json())).toBe(code);
    expect(await t.store.lastSeq()).toBe(0);
  });

  it('an unknown FHIR route is a 404 OperationOutcome', async () => {
    const res = await t.request(`${fhirBase}/patient/x/y/z`);
    expect(res.status).toBe(404);
    expect(codeOf(await res.json())).toBe('ROUTE_NOT_FOUND');
  });

  it('a FHIR write over an object stored as REST is 409 REPRESENTATION_MISMATCH', async () => {
    await t.request('/openmrs/ws/rest/v1/patient', { method: 'POST', json: { uuid: 'r1', identifiers: [] } });
    const res = await put('r1', patient('r1'));
    expect(res.status).toBe(409);
    expect(codeOf(await res.json())).toBe('REPRESENTATION_MISMATCH');
    expect((await t.request(`${fhirBase}/Patient/r1`)).status).toBe(404);
  });
});
