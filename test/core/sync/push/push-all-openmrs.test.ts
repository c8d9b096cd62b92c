import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import type { JsonObject } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { listPushFailures } from '../../../../src/core/sync/push/push-failures.ts';
import restPatient from '../../../fixtures/rest-patient-full.json' with { type: 'json' };
import fhirPatient from '../../../fixtures/fhir2-patient.json' with { type: 'json' };
import { createFakeOpenmrs, openmrsBase, openmrsLogin } from './_fake-openmrs.ts';
import { createChild, fakeClock } from './_push-kit.ts';

const uuid = 'b79dc6d8-849f-49e2-aff3-0abb3adb378f';
const nameUuid = '0a9c2f3e-91b4-4f0c-8d2a-6b3e1f5c7d21';
const eventId = '00000001-feed-4000-8000-000000000000';

/** OpenMRS holding the fixture patient (REST and FHIR), with a CREATED event in its patient feed. */
function openmrsWithPatient() {
  const fake = createFakeOpenmrs();
  fake.rest.set(`patient/${uuid}`, structuredClone(restPatient) as JsonObject);
  fake.fhir.set(`Patient/${uuid}`, structuredClone(fhirPatient) as JsonObject);
  fake.feeds.get('patient')?.events.push({ id: eventId, uuid, action: 'CREATED' });
  return fake;
}

function childOf(fake: ReturnType<typeof createFakeOpenmrs>, preferredClient?: Record<string, string>) {
  const clock = fakeClock();
  const child = createChild(fake.fetch, { now: clock.now, base: openmrsBase, credentials: openmrsLogin, ...(preferredClient ? { preferredClient } : {}) });
  return { clock, child };
}

describe('pushAll() against an OpenMRS-shaped parent', () => {
  it('pushAll() sends a REST patient changed locally through REST with its uuid: person fields and the changed name as sub-resources, shaped', async () => {
    const fake = openmrsWithPatient();
    const { child } = childOf(fake, { patient: 'rest' });
    await child.pull();
    const pulled = await child.store.getObject('patient', uuid);
    expect(pulled).toMatchObject({ representation: 'rest', base: { hash: canonicalHash(restPatient as JsonObject) } });
    const edited = structuredClone(pulled?.body) as { person: { gender: string; names: { givenName: string }[] } } & JsonObject;
    edited.person.gender = 'M';
    (edited.person.names[0] as { givenName: string }).givenName = 'Aminah';
    await child.write('patient', uuid, edited, 'rest');
    fake.requests.length = 0;

    const summary = await child.push();
    expect(summary).toMatchObject({ status: 'ok', counts: { pushed: 1, failed: 0 } });
    expect(fake.requests.map((r) => r.line)).toEqual([
      `GET /ws/rest/v1/patient/${uuid}?v=full`,
      `POST /ws/rest/v1/person/${uuid}`,
      `POST /ws/rest/v1/person/${uuid}/name/${nameUuid}`,
      `GET /ws/rest/v1/patient/${uuid}?v=full`,
    ]);
    expect(fake.requests[1]?.body).toEqual({ gender: 'M', birthdate: '1992-04-17T00:00:00.000+0300', birthdateEstimated: false, dead: false });
    expect(fake.requests[2]?.body).toEqual({ givenName: 'Aminah', middleName: 'Wanjiru', familyName: 'Otieno', preferred: true });
    const held = fake.rest.get(`patient/${uuid}`) as { person: { gender: string; names: { givenName: string }[] } };
    expect(held.person.gender).toBe('M');
    expect(held.person.names[0]?.givenName).toBe('Aminah');
    const after = await child.store.getObject('patient', uuid);
    expect(after && hasUnpushedChange(after)).toBe(false);
    expect(after?.base?.hash).toBe(canonicalHash(fake.rest.get(`patient/${uuid}`) as JsonObject));
  });

  it('pushAll() creates a REST location with its uuid, and takes a 500 on a retried create as already there', async () => {
    const fake = createFakeOpenmrs();
    const { child } = childOf(fake);
    const location = 'aaaaaaaa-0000-4000-8000-00000000000a';
    await child.write('location', location, { uuid: location, name: 'Mathare Clinic', description: 'Outreach', display: 'Mathare Clinic', links: [] }, 'rest');
    const summary = await child.push();
    expect(summary.counts).toMatchObject({ pushed: 1 });
    expect(fake.requests.map((r) => r.line)).toEqual([
      `GET /ws/rest/v1/location/${location}?v=full`, 'POST /ws/rest/v1/location', `GET /ws/rest/v1/location/${location}?v=full`,
    ]);
    expect(fake.requests[1]?.body).toEqual({ uuid: location, name: 'Mathare Clinic', description: 'Outreach' });
    expect(fake.rest.get(`location/${location}`)).toMatchObject({ uuid: location, name: 'Mathare Clinic' });

    // A second node with the same object (a lost acknowledgement): the read finds it, nothing is posted.
    const again = childOf(fake).child;
    await again.write('location', location, fake.rest.get(`location/${location}`) as JsonObject, 'rest');
    fake.requests.length = 0;
    expect((await again.push()).counts).toMatchObject({ already: 1 });
    expect(fake.requests.map((r) => r.line)).toEqual([`GET /ws/rest/v1/location/${location}?v=full`]);
  });

  it('pushAll() treats OpenMRS\'s 500 for an existing uuid as "exists": read again, same object → already', async () => {
    const fake = createFakeOpenmrs();
    const { child } = childOf(fake);
    const location = 'aaaaaaaa-0000-4000-8000-00000000000b';
    const body = { uuid: location, name: 'Kibera', display: 'Kibera', retired: false, links: [] };
    // The read misses it (a replica lag, say), the create hits the uuid.
    let reads = 0;
    const inner = fake.fetch;
    const fetch: typeof inner = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith(`location/${location}?v=full`) && reads++ === 0) {
        fake.rest.set(`location/${location}`, { ...body });
        return Response.json({ error: { message: 'not found' } }, { status: 404 });
      }
      return inner(input, init);
    };
    const other = createChild(fetch, { now: fakeClock().now, base: openmrsBase, credentials: openmrsLogin });
    await other.write('location', location, body, 'rest');
    expect((await other.push()).counts).toMatchObject({ already: 1, failed: 0 });
    expect(fake.requests.map((r) => r.line)).toContain('POST /ws/rest/v1/location');
  });

  it('pushAll() updates a FHIR patient on fhir2 by PUT after reading it, and fails a FHIR create with PUSH_UNSUPPORTED', async () => {
    const fake = openmrsWithPatient();
    const { child } = childOf(fake);
    await child.pull();
    expect((await child.store.getObject('patient', uuid))?.representation).toBe('fhir');
    await child.write('patient', uuid, { ...(fhirPatient as JsonObject), gender: 'male' });
    const fresh = 'cccccccc-0000-4000-8000-00000000000c';
    await child.write('patient', fresh, { resourceType: 'Patient', id: fresh, gender: 'female' });
    fake.requests.length = 0;
    const summary = await child.push();
    expect(summary).toMatchObject({ status: 'partial', counts: { pushed: 1, failed: 1 } });
    // The new one is read (it might be there already), but never POSTed: fhir2 would give it another id.
    expect(fake.requests.map((r) => r.line)).toEqual([`GET /ws/fhir2/R4/Patient/${uuid}`, `PUT /ws/fhir2/R4/Patient/${uuid}`, `GET /ws/fhir2/R4/Patient/${fresh}`]);
    expect(fake.fhir.get(`Patient/${uuid}`)).toMatchObject({ gender: 'male' });
    const [failed] = await listPushFailures(child.store);
    expect(failed).toMatchObject({ uuid: fresh, error: { code: 'PUSH_UNSUPPORTED' } });
  });
});
