import { describe, expect, it } from 'vitest';
import { patientRequests } from '../../../src/core/clients/_rest-patient-update.ts';
import { restCollectionPath, restOwnerOf } from '../../../src/core/clients/rest-object-path.ts';
import { shapeRestBody } from '../../../src/core/clients/shape-rest-body.ts';
import type { JsonObject } from '../../../src/core/store/store-port.ts';
import restPatient from '../../fixtures/rest-patient-full.json' with { type: 'json' };

const uuid = 'b79dc6d8-849f-49e2-aff3-0abb3adb378f';
const base = 'http://h/openmrs';
const fixture = (): Record<string, any> => structuredClone(restPatient);

describe('shapeRestBody()', () => {
  it('shapeRestBody() drops read-only fields at every depth and sends references as uuids', () => {
    const shaped = shapeRestBody(fixture() as JsonObject, { keepUuid: true });
    const text = JSON.stringify(shaped);
    for (const field of ['display', 'links', 'auditInfo', 'resourceVersion', '"age"', 'voided']) expect(text).not.toContain(field);
    expect(shaped['uuid']).toBe(uuid);
    expect(shaped['identifiers']).toEqual([{
      uuid: '5e7b1a1f-0c7d-4b7e-9a51-3f0d2c8e9a10', identifier: '100-8', identifierType: '05a29f94-c0ed-11e2-94be-8c13b969e334',
      location: '8d6c993e-c2cc-11de-8d13-0010c6dffd0f', preferred: true,
    }]);
    expect((shaped['person'] as JsonObject)['names']).toEqual([{
      uuid: '0a9c2f3e-91b4-4f0c-8d2a-6b3e1f5c7d21', givenName: 'Amina', middleName: 'Wanjiru', familyName: 'Otieno', preferred: true,
    }]);
  });

  it('shapeRestBody() leaves the uuid out of an update, and omits the keys asked', () => {
    expect(shapeRestBody({ uuid: 'x', name: 'Kibera', retired: false, parentLocation: { uuid: 'l', display: 'Nairobi', name: 'Nairobi' } }))
      .toEqual({ name: 'Kibera', parentLocation: 'l' });
    expect(shapeRestBody({ a: 1, b: 2 }, { omit: ['b'] })).toEqual({ a: 1 });
  });
});

describe('restOwnerOf() and restCollectionPath()', () => {
  it('restOwnerOf() reads the owner from a self link; restCollectionPath() fills it in', () => {
    const body = { links: [{ rel: 'self', uri: `${base}/ws/rest/v1/person/p-1/name/n-1` }] };
    expect(restOwnerOf(body, 'person/{parent}/name')).toBe('p-1');
    expect(restOwnerOf(body, 'person/{parent}/address')).toBeUndefined();
    expect(restOwnerOf(body, 'patient')).toBeUndefined();
    expect(restCollectionPath('person/{parent}/name', 'p-1')).toBe('/ws/rest/v1/person/p-1/name');
    expect(restCollectionPath('person/{parent}/name')).toBeUndefined();
    expect(restCollectionPath('obs')).toBe('/ws/rest/v1/obs');
  });
});

describe('patientRequests()', () => {
  it('patientRequests() sends nothing when both sides agree, display and audit aside', () => {
    const parent = fixture();
    const local = fixture();
    local['display'] = 'changed';
    local['auditInfo'] = {};
    expect(patientRequests(local as JsonObject, parent as JsonObject, { base, uuid })).toEqual([]);
  });

  it('patientRequests() creates, updates, voids and restores sub-resources by uuid', () => {
    const parent = fixture();
    parent['person'].addresses[0].voided = true;
    const local = fixture();
    local['person'].names.push({ uuid: 'n-2', givenName: 'Ami', familyName: 'Otieno', preferred: false, voided: false });
    local['identifiers'][0].identifier = '100-9';
    local['person'].attributes = [];
    local['person'].names[0].voided = true;
    const requests = patientRequests(local as JsonObject, parent as JsonObject, { base, uuid });
    expect(requests).toEqual([
      { method: 'DELETE', url: `${base}/ws/rest/v1/person/${uuid}/name/0a9c2f3e-91b4-4f0c-8d2a-6b3e1f5c7d21` },
      { method: 'POST', url: `${base}/ws/rest/v1/person/${uuid}/name`, body: { uuid: 'n-2', givenName: 'Ami', familyName: 'Otieno', preferred: false } },
      { method: 'POST', url: `${base}/ws/rest/v1/person/${uuid}/address/c3d2e1f0-8a7b-4c6d-9e5f-1a2b3c4d5e6f`, body: expect.objectContaining({ cityVillage: 'Kibera', voided: false }) },
      { method: 'POST', url: `${base}/ws/rest/v1/patient/${uuid}/identifier/5e7b1a1f-0c7d-4b7e-9a51-3f0d2c8e9a10`, body: expect.objectContaining({ identifier: '100-9', identifierType: '05a29f94-c0ed-11e2-94be-8c13b969e334' }) },
    ]);
  });

  it('patientRequests() voids a sub-resource missing locally and posts changed person fields', () => {
    const parent = fixture();
    const local = fixture();
    local['person'].addresses = [];
    local['person'].gender = 'M';
    const requests = patientRequests(local as JsonObject, parent as JsonObject, { base, uuid });
    expect(requests.map((r) => `${r.method} ${r.url.slice(base.length)}`)).toEqual([
      `POST /ws/rest/v1/person/${uuid}`, `DELETE /ws/rest/v1/person/${uuid}/address/c3d2e1f0-8a7b-4c6d-9e5f-1a2b3c4d5e6f`,
    ]);
    expect(requests[0]?.body).toMatchObject({ gender: 'M' });
  });
});
