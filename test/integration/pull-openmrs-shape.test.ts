import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/core/hash/canonical-hash.ts';
import type { JsonObject, Representation } from '../../src/core/store/store-port.ts';
import type { RunSummary } from '../../src/core/sync/runner/runner-types.ts';
import { filterBean, obs, patients } from './fixtures-parent/openmrs-data.ts';
import { createOpenmrsParent, type OpenmrsParent, parentBase, parentLogin } from './fixtures-parent/openmrs-parent.ts';
import { makeChild, type StoreState, storeState, type TestChild } from './_network-kit.ts';

const categories = ['location', 'patient', 'observation'] as const;
const kiberaOnly = { [filterBean]: 'Kenya%Nairobi%*%Kibera%*' };
const mombasaOnly = { [filterBean]: 'Kenya%Mombasa%*%*%*' };

async function pullFromOpenmrs(catchment: Record<string, string>): Promise<{ parent: OpenmrsParent; child: TestChild; summary: RunSummary }> {
  const parent = createOpenmrsParent();
  const child = await makeChild({
    parentBase, fetch: parent.fetch, categories, credentials: parentLogin, preferredClient: { patient: 'fhir' }, ts: { catchment },
  });
  return { parent, child, summary: await child.syncOnce() };
}

/** What the child must hold: live objects in the representation they can be fetched in, voided ones removed. */
function expected(parent: OpenmrsParent, spec: Record<'patient' | 'observation', Record<string, Representation | 'removed'>>): StoreState {
  const state: StoreState = { location: {}, patient: {}, observation: {} };
  const fhirTypes = { patient: 'Patient', observation: 'Observation' } as const;
  const restNames = { patient: 'patient', observation: 'obs' } as const;
  for (const category of ['patient', 'observation'] as const) {
    for (const [uuid, form] of Object.entries(spec[category])) {
      const body = form === 'fhir' ? parent.fhir.get(`${fhirTypes[category]}/${uuid}`) : parent.rest.get(`${restNames[category]}/${uuid}`);
      (state[category] as StoreState[string])[uuid] = form === 'removed' ? { removed: true } : { removed: false, hash: canonicalHash(body as JsonObject) };
    }
  }
  return state;
}

const allPatients = {
  [patients.twiceUpdated]: 'fhir', [patients.kiberaUpdated]: 'fhir', [patients.voided]: 'removed',
  [patients.restOnly]: 'rest', [patients.plain]: 'fhir', [patients.onPageTwo]: 'fhir',
} as const;

describe('pulling from a parent in the real OpenMRS shape (atomfeed pages of 5, fhir2, REST)', () => {
  let run: Awaited<ReturnType<typeof pullFromOpenmrs>>;
  beforeAll(async () => {
    run = await pullFromOpenmrs(kiberaOnly);
  });

  it('syncOnce() pulls every object of the fixture feeds, each in the representation it could be fetched in', async () => {
    expect(run.summary.status).toBe('ok');
    expect(await storeState(run.child.store, categories)).toEqual(expected(run.parent, {
      patient: allPatients,
      observation: { [obs.o1]: 'removed', [obs.o2]: 'fhir', [obs.o4]: 'rest', [obs.o5]: 'removed', [obs.o6]: 'fhir', [obs.o8]: 'fhir' },
    }));
    const forms = async (category: string) => Object.fromEntries((await run.child.store.listObjects({ category })).map((o) => [o.uuid, o.representation]));
    expect(await forms('patient')).toMatchObject({ [patients.restOnly]: 'rest', [patients.plain]: 'fhir' });
    expect(await forms('observation')).toMatchObject({ [obs.o4]: 'rest', [obs.o2]: 'fhir' });
    // fhir2's versionId (a ms timestamp) is kept as the base version.
    expect((await run.child.store.getObject('patient', patients.plain))?.base?.version).toMatch(/^\d{13}$/);
  });

  it('syncOnce() ends voided objects removed, a void\'s two events (UPDATED, VOIDED) making one removal with no fetch', async () => {
    for (const [category, uuid] of [['patient', patients.voided], ['observation', obs.o1], ['observation', obs.o5]] as const) {
      expect(await run.child.store.getObject(category, uuid), uuid).toMatchObject({ removed: true });
    }
    // o5 was already voided when page 1 named it (fhir2 answered 410); page 3's UPDATED + VOIDED are one removal, nothing fetched.
    const rows = await run.child.store.changesSince(0);
    expect(rows.filter((r) => r.uuid === obs.o5).map((r) => r.action)).toEqual(['VOIDED']);
    const [removal] = await run.child.store.listAudit({ uuid: obs.o5, limit: 1 });
    expect(removal).toMatchObject({ operation: 'pull', action: 'VOIDED', details: { eventIds: [expect.any(String), expect.any(String)] } });
    expect(run.parent.requests.filter((r) => r.url.includes(obs.o5))).toHaveLength(2); // page 1's search, then its own read (410)
  });

  it('syncOnce() fetches an object updated twice on one page once, and logs no change when its body did not change', async () => {
    const [last] = await run.child.store.listAudit({ uuid: patients.twiceUpdated, limit: 1 });
    expect(last).toMatchObject({ action: 'UPDATED', outcome: 'noop', details: { eventIds: [expect.any(String), expect.any(String)] } });
    const rows = await run.child.store.changesSince(0);
    expect(rows.filter((r) => r.uuid === patients.twiceUpdated).map((r) => r.action)).toEqual(['CREATED']);
  });

  it('syncOnce() takes an obs edit (void + new uuid) as the old object removed and a new one created', async () => {
    const rows = await run.child.store.changesSince(0);
    expect(rows.filter((r) => r.uuid === obs.o1).map((r) => r.action)).toEqual(['VOIDED']);
    expect(rows.filter((r) => r.uuid === obs.o6).map((r) => r.action)).toEqual(['CREATED']);
    expect((await run.child.store.getObject('observation', obs.o6))?.body).toMatchObject({ id: obs.o6, valueQuantity: { unit: 'kg' } });
  });

  it('syncOnce() uses fhir2 as it is: metadata once, `_id` searches, no batch, REST after a 404, never the proxy host', () => {
    const { requests } = run.parent;
    const paths = requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);
    expect(requests.every((r) => r.url.startsWith(`${parentBase}/`))).toBe(true);
    expect(paths.filter((p) => p.endsWith('/metadata'))).toHaveLength(1);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(paths.filter((p) => p.includes('/ws/atomfeed/')).sort()).toEqual([
      'GET /openmrs/ws/atomfeed/location/recent',
      'GET /openmrs/ws/atomfeed/observation/1', 'GET /openmrs/ws/atomfeed/observation/2', 'GET /openmrs/ws/atomfeed/observation/recent',
      'GET /openmrs/ws/atomfeed/patient/1', 'GET /openmrs/ws/atomfeed/patient/2', 'GET /openmrs/ws/atomfeed/patient/recent',
    ]);
    expect(paths.some((p) => p.startsWith('GET /openmrs/ws/fhir2/R4/Patient?_id='))).toBe(true);
    const restOnly = paths.findIndex((p) => p === `GET /openmrs/ws/fhir2/R4/Patient/${patients.restOnly}`);
    expect(restOnly).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf(`GET /openmrs/ws/rest/v1/patient/${patients.restOnly}?v=full`)).toBeGreaterThan(restOnly);
    expect(paths).toContain(`GET /openmrs/ws/fhir/Observation/${obs.o4}`);
    const authenticated = requests.filter((r) => !r.url.includes('/ws/atomfeed/') && !r.url.endsWith('/metadata'));
    expect(authenticated.every((r) => r.authorization === `Basic ${btoa('admin:Admin123')}`)).toBe(true);
  });

  it('syncOnce() with nothing new reads only each feed\'s `recent` page', async () => {
    run.parent.requests.length = 0;
    const summary = await run.child.syncOnce();
    expect(summary.pull?.counts).toMatchObject({ entries: 0, applied: 0 });
    expect(run.parent.requests.map((r) => new URL(r.url).pathname).sort()).toEqual(
      ['location', 'observation', 'patient'].map((c) => `/openmrs/ws/atomfeed/${c}/recent`),
    );
  });
});

describe('catchment filters on an OpenMRS-shaped parent', () => {
  it('syncOnce() skips the events of other catchments, so objects only they name are never pulled', async () => {
    const kibera = await pullFromOpenmrs(kiberaOnly);
    const mombasa = await pullFromOpenmrs(mombasaOnly);
    const uuids = async (child: TestChild) => (await child.store.listObjects({ category: 'observation', includeRemoved: true })).map((o) => o.uuid).sort();
    expect(await uuids(kibera.child)).toEqual([obs.o1, obs.o2, obs.o4, obs.o5, obs.o6, obs.o8].sort());
    expect(await uuids(mombasa.child)).toEqual([obs.o3, obs.o4, obs.o7].sort());
    expect(await storeState(mombasa.child.store, categories)).toEqual(expected(mombasa.parent, {
      patient: allPatients, observation: { [obs.o3]: 'fhir', [obs.o4]: 'rest', [obs.o7]: 'fhir' },
    }));
    const filtered = (summary: RunSummary) => summary.pull?.categories.map((c) => (c.status === 'ok' ? c.read.entriesFiltered : -1));
    expect(filtered(kibera.summary)).toEqual([0, 0, 3]);
    expect(filtered(mombasa.summary)).toEqual([0, 3, 9]);
  });
});
