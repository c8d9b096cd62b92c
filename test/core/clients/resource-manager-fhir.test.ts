import { describe, expect, it } from 'vitest';
import { maxPageSizeExtensionUrl } from '../../../src/core/clients/parse-capabilities.ts';
import type { FetchOutcome } from '../../../src/core/clients/resource-manager.ts';
import { createFakeParent, fhirBase, fhirRequest, parentBase, patients, statementFor } from './_fake-parent.ts';
import { managerOn, seen } from './_kit.ts';

const kinds = (outcomes: FetchOutcome[]): string[] => outcomes.map((o) => o.kind);

describe('createResourceManager() over FHIR _id search', () => {
  it('fetchObjects() reads 100 patients with one search request, in request order, with versions', async () => {
    const parent = createFakeParent();
    for (const p of patients(100)) parent.addFhir(p);
    const requests = patients(100).reverse().map((p) => fhirRequest('patient', 'Patient', String(p['id'])));
    const outcomes = await managerOn(parent).fetchObjects(requests);
    expect(seen(parent).filter((r) => r.includes('/Patient'))).toHaveLength(1);
    expect(seen(parent)[1]).toMatch(/^GET \/ws\/fhir2\/R4\/Patient\?_id=p099,p098,.*&_count=100$/);
    expect(outcomes.map((o) => o.request.uuid)).toEqual(requests.map((r) => r.uuid));
    expect(outcomes[0]).toMatchObject({
      kind: 'found', representation: 'fhir', client: 'fhir', version: '1700000099',
      url: `${fhirBase}/Patient/p099`, body: { resourceType: 'Patient', id: 'p099' },
    });
  });

  it('fetchObjects() splits groups by type and by the smaller of groupSize and the page size', async () => {
    const statement = statementFor(['Patient', 'Location'], { rest: { extension: [{ url: maxPageSizeExtensionUrl, valueInteger: 40 }] } });
    const parent = createFakeParent({ metadata: statement });
    for (const p of patients(100)) parent.addFhir(p);
    parent.addFhir({ resourceType: 'Location', id: 'loc1' });
    const requests = [...patients(100).map((p) => fhirRequest('patient', 'Patient', String(p['id']))), fhirRequest('location', 'Location', 'loc1')];
    const outcomes = await managerOn(parent, { groupSize: 100 }).fetchObjects(requests);
    expect(kinds(outcomes).every((k) => k === 'found')).toBe(true);
    const searches = seen(parent).slice(1);
    expect(searches.filter((r) => r.includes('/Patient?'))).toHaveLength(3);
    expect(searches.filter((r) => r.includes('/Location?'))).toHaveLength(1);
    expect(searches.every((r) => /_count=(40|20|1)$/.test(r))).toBe(true);
  });

  it('fetchObjects() follows next links from a proxy host, rewritten onto the base', async () => {
    const parent = createFakeParent({ pageSize: 40, nextLinkBase: 'https://openmrs.example.org/openmrs' });
    for (const p of patients(100)) parent.addFhir(p);
    const outcomes = await managerOn(parent).fetchObjects(patients(100).map((p) => fhirRequest('patient', 'Patient', String(p['id']))));
    expect(kinds(outcomes).filter((k) => k === 'found')).toHaveLength(100);
    expect(parent.requests.every((r) => r.origin === new URL(parentBase).origin)).toBe(true);
    expect(seen(parent).slice(1).map((r) => r.replace(/_id=[^&]*/, '_id=…'))).toEqual([
      'GET /ws/fhir2/R4/Patient?_id=…&_count=100',
      'GET /ws/fhir2/R4/Patient?_id=…&_count=40&_offset=40',
      'GET /ws/fhir2/R4/Patient?_id=…&_count=40&_offset=80',
    ]);
  });

  it('fetchObjects() refuses a next link to a foreign host and fails that group without calling it', async () => {
    const parent = createFakeParent({ pageSize: 10, rewriteNext: (next) => `https://evil.example/collect${new URL(next).search}` });
    for (const p of patients(20)) parent.addFhir(p);
    const outcomes = await managerOn(parent).fetchObjects(patients(20).map((p) => fhirRequest('patient', 'Patient', String(p['id']))));
    expect(outcomes.every((o) => o.kind === 'failed' && o.error.code === 'LINK_FOREIGN_ORIGIN')).toBe(true);
    expect(parent.requests.some((r) => r.origin === 'https://evil.example')).toBe(false);
  });

  it('fetchObjects() re-reads ids a search left out: 410 is gone, 404 falls back to REST, 404 without REST is gone', async () => {
    const parent = createFakeParent();
    parent.addFhir({ resourceType: 'Patient', id: 'live' });
    parent.addFhir({ resourceType: 'Patient', id: 'voided' });
    parent.voidFhir('Patient', 'voided');
    parent.addRest('patient/restonly', { uuid: 'restonly', display: 'Amina', voided: false });
    const requests = [
      fhirRequest('patient', 'Patient', 'live'), fhirRequest('patient', 'Patient', 'voided'),
      fhirRequest('patient', 'Patient', 'restonly'), fhirRequest('patient', 'Patient', 'nowhere', false),
    ];
    const outcomes = await managerOn(parent).fetchObjects(requests);
    expect(outcomes[0]).toMatchObject({ kind: 'found', client: 'fhir' });
    expect(outcomes[1]).toMatchObject({ kind: 'gone', status: 410, client: 'fhir', url: `${fhirBase}/Patient/voided` });
    expect(outcomes[2]).toMatchObject({
      kind: 'found', representation: 'rest', client: 'rest', url: `${parentBase}/ws/rest/v1/patient/restonly?v=full`, body: { uuid: 'restonly' },
    });
    expect(outcomes[3]).toMatchObject({ kind: 'gone', status: 404, client: 'fhir' });
    expect(seen(parent).slice(1)).toEqual([
      'GET /ws/fhir2/R4/Patient?_id=live,voided,restonly,nowhere&_count=4',
      'GET /ws/fhir2/R4/Patient/voided', 'GET /ws/fhir2/R4/Patient/restonly', 'GET /ws/fhir2/R4/Patient/nowhere',
      'GET /ws/rest/v1/patient/restonly?v=full',
    ]);
  });
});

describe('createResourceManager() over batch Bundles and single reads', () => {
  it('fetchObjects() reads a group in one batch Bundle when the parent has batch but no _id search', async () => {
    const statement = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', interaction: [{ code: 'batch' }], resource: [{ type: 'Patient', interaction: [{ code: 'read' }] }] }] };
    const parent = createFakeParent({ metadata: statement });
    for (const p of patients(30)) parent.addFhir(p);
    parent.voidFhir('Patient', 'p003');
    const requests = [...patients(30).map((p) => fhirRequest('patient', 'Patient', String(p['id']))), fhirRequest('patient', 'Patient', 'zzz', false)];
    const outcomes = await managerOn(parent).fetchObjects(requests);
    expect(seen(parent).slice(1)).toEqual(['POST /ws/fhir2/R4']);
    expect(outcomes[0]).toMatchObject({ kind: 'found', version: '17000000' + '0' });
    expect(outcomes[3]).toMatchObject({ kind: 'gone', status: 410 });
    expect(outcomes[30]).toMatchObject({ kind: 'gone', status: 404, client: 'fhir' });
    expect(outcomes.filter((o) => o.kind === 'found')).toHaveLength(29);
  });

  it('fetchObjects() reads one by one without _id search or batch, never more than `concurrency` at once', async () => {
    const statement = { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'read' }] }] }] };
    const parent = createFakeParent({ metadata: statement });
    for (const p of patients(20)) parent.addFhir(p);
    const outcomes = await managerOn(parent, { concurrency: 3 }).fetchObjects(patients(20).map((p) => fhirRequest('patient', 'Patient', String(p['id']))));
    expect(outcomes.filter((o) => o.kind === 'found')).toHaveLength(20);
    expect(seen(parent).slice(1)).toHaveLength(20);
    expect(parent.maxInFlight()).toBe(3);
  });

  it('fetchObjects() reads a legacy /ws/fhir/ link as is, and its 404 falls back to REST', async () => {
    const parent = createFakeParent();
    parent.addRest('patient/old', { uuid: 'old' });
    const request = { category: 'patient', uuid: 'old', links: { fhir: '/ws/fhir/Patient/old', rest: '/ws/rest/v1/patient/old?v=full' } };
    const [outcome] = await managerOn(parent).fetchObjects([request]);
    expect(outcome).toMatchObject({ kind: 'found', representation: 'rest' });
    expect(seen(parent).slice(1)).toEqual(['GET /ws/fhir/Patient/old', 'GET /ws/rest/v1/patient/old?v=full']);
  });
});
