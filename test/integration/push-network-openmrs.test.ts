// A child edge node under an OpenMRS-shaped parent: a patient pulled in REST form and changed through the node's own REST API reaches the parent through REST, under its uuid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/core/hash/canonical-hash.ts';
import type { JsonObject } from '../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../src/core/sync/conflict/object-state.ts';
import restPatient from '../fixtures/rest-patient-full.json' with { type: 'json' };
import fhirPatient from '../fixtures/fhir2-patient.json' with { type: 'json' };
import { createFakeOpenmrs, type FakeOpenmrs, openmrsBase, openmrsLogin } from '../core/sync/push/_fake-openmrs.ts';
import { type PushNode, startPushNode, syncOk } from './_push-network-kit.ts';

const uuid = 'b79dc6d8-849f-49e2-aff3-0abb3adb378f';
let fake: FakeOpenmrs;
let child: PushNode;

beforeAll(async () => {
  fake = createFakeOpenmrs();
  fake.rest.set(`patient/${uuid}`, structuredClone(restPatient) as JsonObject);
  fake.fhir.set(`Patient/${uuid}`, structuredClone(fhirPatient) as JsonObject);
  fake.feeds.get('patient')?.events.push({ id: '00000001-feed-4000-8000-000000000000', uuid, action: 'CREATED' });
  child = await startPushNode({
    name: 'clinic', parent: { base: openmrsBase }, fetch: fake.fetch, login: { name: openmrsLogin.username, password: openmrsLogin.password },
    classes: [{ category: 'location', enabled: true }, { category: 'patient', enabled: true, preferredClient: 'rest' }],
  });
});

afterAll(async () => {
  await child?.close();
});

describe('an edge node pushing to OpenMRS', () => {
  it('pulls the patient in its REST form', async () => {
    await syncOk(child);
    expect(await child.store.getObject('patient', uuid)).toMatchObject({ representation: 'rest', base: { hash: canonicalHash(restPatient as JsonObject) } });
  });

  it('a change made through the node\'s REST API reaches OpenMRS through REST with the patient\'s uuid', async () => {
    const served = await child.call(`/openmrs/ws/rest/v1/patient/${uuid}?v=full`);
    expect(served.status).toBe(200);
    const edited = structuredClone(served.body) as { person: { gender: string } } & JsonObject;
    edited.person.gender = 'M';
    expect((await child.call(`/openmrs/ws/rest/v1/patient/${uuid}`, { method: 'POST', body: edited })).status).toBe(200);
    fake.requests.length = 0;

    await syncOk(child);
    const writes = fake.requests.filter((r) => !r.line.startsWith('GET '));
    expect(writes.map((r) => r.line)).toEqual([`POST /ws/rest/v1/person/${uuid}`]);
    expect(writes[0]?.body).toMatchObject({ gender: 'M' });
    expect((fake.rest.get(`patient/${uuid}`) as { person: { gender: string } }).person.gender).toBe('M');
    const after = await child.store.getObject('patient', uuid);
    expect(after && hasUnpushedChange(after)).toBe(false);
    expect((await child.call('/status')).body['push']['pending']).toMatchObject({ changes: 0 });
  });

  it('a location created through the node\'s REST API is created on OpenMRS with the same uuid', async () => {
    const location = 'aaaaaaaa-0000-4000-8000-00000000000a';
    const created = await child.call('/openmrs/ws/rest/v1/location', { method: 'POST', body: { uuid: location, name: 'Mathare Clinic', description: 'Outreach' } });
    expect(created.status).toBe(201);
    fake.requests.length = 0;

    await syncOk(child);
    const writes = fake.requests.filter((r) => !r.line.startsWith('GET '));
    expect(writes.map((r) => r.line)).toEqual(['POST /ws/rest/v1/location']);
    expect(writes[0]?.body).toEqual({ uuid: location, name: 'Mathare Clinic', description: 'Outreach' });
    expect(fake.rest.get(`location/${location}`)).toMatchObject({ uuid: location, name: 'Mathare Clinic' });
  });
});
