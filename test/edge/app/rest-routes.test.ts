import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, fhirBase, restBase, type TestApp } from './create-test-app.ts';
import { childAuth } from './start-test-edge.ts';

const personUuid = 'b79dc6d8-849f-49e2-aff3-0abb3adb378f';
const nameUuid = '0a9c2f3e-91b4-4f0c-8d2a-6b3e1f5c7d21';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.store.close(); });

const post = (path: string, json: unknown, headers: Record<string, string> = {}) => t.request(`${restBase}/${path}`, { method: 'POST', json, headers });

describe('OpenMRS REST', () => {
  it('POST keeps the client\'s uuid; GET ?v=full serves it with an absolute self link', async () => {
    const created = await post('patient', { uuid: personUuid, identifiers: [], display: 'Amina' });
    expect(created.status).toBe(201);
    const res = await t.request(`${restBase}/patient/${personUuid}?v=full`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = await res.json();
    expect(body).toMatchObject({ uuid: personUuid, display: 'Amina' });
    expect(body.links).toEqual([{ rel: 'self', uri: `${restBase}/patient/${personUuid}` }]);
    const rows = await t.store.feedChanges('patient', { from: 0, limit: 5 });
    expect(rows.map((r) => r.action)).toEqual(['CREATED']);
  });

  it('POST without a uuid generates one', async () => {
    const body = await (await post('location', { name: 'Kibera Clinic' })).json();
    expect(body.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.store.getObject('location', body.uuid))?.representation).toBe('rest');
  });

  it('creating an existing uuid is 409 OBJECT_EXISTS; retrying the same create changes nothing', async () => {
    await post('patient', { uuid: personUuid, gender: 'F' });
    const retry = await post('patient', { uuid: personUuid, gender: 'F' });
    expect(retry.status).toBe(200);
    const clash = await post('patient', { uuid: personUuid, gender: 'M' });
    expect(clash.status).toBe(409);
    expect(await clash.json()).toEqual({ error: { message: `An object with uuid ${personUuid} already exists`, code: 'OBJECT_EXISTS', detail: `{"uuid":"${personUuid}"}` } });
    expect(await t.store.countChanges('patient')).toBe(1);
  });

  it('POST …/{uuid} sets the fields given and keeps the others', async () => {
    await post('patient', { uuid: personUuid, gender: 'F', birthdate: '1992-04-17' });
    const res = await post(`patient/${personUuid}`, { gender: 'M' }, { authorization: childAuth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ uuid: personUuid, gender: 'M', birthdate: '1992-04-17' });
    const rows = await t.store.feedChanges('patient', { from: 0, limit: 5 });
    expect(rows.map((r) => [r.action, r.origin])).toEqual([['CREATED', 'local'], ['UPDATED', 'child']]);
  });

  it('updating an unknown uuid is 404 in the OpenMRS error shape; a uuid mismatch is 400', async () => {
    const missing = await post(`patient/${personUuid}`, { gender: 'M' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('RESOURCE_NOT_FOUND');
    await post('patient', { uuid: personUuid });
    const mismatch = await post(`patient/${personUuid}`, { uuid: 'other' });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error.code).toBe('ID_MISMATCH');
  });

  it('DELETE voids: the object is still served with voided true, and a VOIDED event is logged', async () => {
    await post('patient', { uuid: personUuid, voided: false });
    const res = await t.request(`${restBase}/patient/${personUuid}?reason=duplicate`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    const body = await (await t.request(`${restBase}/patient/${personUuid}`)).json();
    expect(body).toMatchObject({ voided: true, voidReason: 'duplicate' });
    expect((await t.store.getObject('patient', personUuid))?.removed).toBe(true);
    expect((await t.store.feedChanges('patient', { from: 0, limit: 5 })).map((r) => r.action)).toEqual(['CREATED', 'VOIDED']);
    expect((await t.request(`${restBase}/patient/${personUuid}`, { method: 'DELETE' })).status).toBe(204);
    expect(await t.store.countChanges('patient')).toBe(2);
  });

  it('DELETE retires metadata: retired true and a RETIRED event; unretiring logs UNRETIRED', async () => {
    await post('location', { uuid: 'loc-1', name: 'Kibera' });
    await t.request(`${restBase}/location/loc-1`, { method: 'DELETE' });
    expect((await (await t.request(`${restBase}/location/loc-1`)).json()).retired).toBe(true);
    await post('location/loc-1', { retired: false });
    expect((await t.store.feedChanges('location', { from: 0, limit: 5 })).map((r) => r.action)).toEqual(['CREATED', 'RETIRED', 'UNRETIRED']);
  });

  it('sub-resources live under their owner: person/{p}/name/{uuid} is the person_name category', async () => {
    expect((await post(`person/${personUuid}/name`, { uuid: nameUuid, givenName: 'Amina' })).status).toBe(201);
    expect((await t.store.getObject('person_name', nameUuid))?.representation).toBe('rest');
    expect((await t.request(`${restBase}/person/${personUuid}/name/${nameUuid}`)).status).toBe(200);
    expect((await t.request(`${restBase}/person/someone-else/name/${nameUuid}`)).status).toBe(404);
    const feed = await (await t.request(`/openmrs/ws/atomfeed/person_name/recent`)).text();
    expect(feed).toContain(`{"rest":"/ws/rest/v1/person/${personUuid}/name/${nameUuid}?v=full"}`);
  });

  it('objects stored as FHIR are not served through REST', async () => {
    await t.request(`${fhirBase}/Patient/${personUuid}`, { method: 'PUT', json: { resourceType: 'Patient', id: personUuid } });
    expect((await t.request(`${restBase}/patient/${personUuid}`)).status).toBe(404);
    expect((await post(`patient/${personUuid}`, { gender: 'M' })).status).toBe(404);
    expect((await post('patient', { uuid: personUuid })).status).toBe(409);
  });

  it('purge, unknown routes and malformed bodies are refused and store nothing', async () => {
    await post('patient', { uuid: personUuid });
    expect((await t.request(`${restBase}/patient/${personUuid}?purge=true`, { method: 'DELETE' })).status).toBe(400);
    const unknown = await t.request(`${restBase}/observation/${personUuid}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('ROUTE_NOT_FOUND');
    const malformed = await t.request(`${restBase}/patient`, { method: 'POST', body: '{"uuid":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('BODY_MALFORMED');
    expect(await t.store.lastSeq()).toBe(1);
  });

  it('REST needs credentials', async () => {
    const res = await t.request(`${restBase}/patient/${personUuid}`, { headers: { authorization: '' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="OpenMRS"');
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
  });
});
