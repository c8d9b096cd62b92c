import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/store/store-port.ts';
import { parseDateCondition } from '../../../src/edge/app/fhir/fhir-search-params.ts';
import { createTestApp, fakeClock, fhirBase, type TestApp } from './create-test-app.ts';

const idsOf = (bundle: { entry?: { resource: { id: string } }[] }): string[] => (bundle.entry ?? []).map((e) => e.resource.id);

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  clock = fakeClock(Date.UTC(2026, 2, 2, 8, 0, 0));
  t = await createTestApp({ now: clock.now });
});
afterEach(async () => { await t.store.close(); });

const put = (body: JsonObject) =>
  t.request(`${fhirBase}/${body['resourceType'] as string}/${body['id'] as string}`, { method: 'PUT', json: body });
const search = async (query: string) => {
  const res = await t.request(`${fhirBase}/${query}`);
  expect(res.status).toBe(200);
  return res.json();
};

describe('FHIR search', () => {
  beforeEach(async () => {
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      await put({ resourceType: 'Patient', id, meta: id === 'p2' ? { tag: [{ system: 'urn:s', code: 'demo' }] } : {} });
      clock.advance(24 * 3600_000); // one a day: p1 on Mar 2, p5 on Mar 6
    }
    await put({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p1' } });
    await put({ resourceType: 'Observation', id: 'o2', subject: { reference: 'http://x.org/fhir/Patient/p2' } });
    await put({ resourceType: 'Observation', id: 'o3', subject: { reference: 'Group/p1' } });
  });

  it('_id takes a comma list and answers a searchset with total', async () => {
    const bundle = await search('Patient?_id=p3,p1,missing');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(idsOf(bundle)).toEqual(['p1', 'p3']);
    expect(bundle.entry[0].fullUrl).toBe(`${fhirBase}/Patient/p1`);
    expect(bundle.link[0]).toEqual({ relation: 'self', url: `${fhirBase}/Patient?_id=p3%2Cp1%2Cmissing` });
  });

  it('_lastUpdated filters on this node\'s write time with prefixes and partial dates', async () => {
    expect(idsOf(await search('Patient?_lastUpdated=2026-03-03'))).toEqual(['p2']);
    expect(idsOf(await search('Patient?_lastUpdated=ge2026-03-05'))).toEqual(['p4', 'p5']);
    expect(idsOf(await search('Patient?_lastUpdated=gt2026-03-05'))).toEqual(['p5']);
    expect(idsOf(await search('Patient?_lastUpdated=lt2026-03-03T00:00:00Z'))).toEqual(['p1']);
    expect(idsOf(await search('Patient?_lastUpdated=ge2026-03-03&_lastUpdated=le2026-03-04'))).toEqual(['p2', 'p3']);
  });

  it('_tag matches system|code and bare codes', async () => {
    expect(idsOf(await search('Patient?_tag=urn:s|demo'))).toEqual(['p2']);
    expect(idsOf(await search('Patient?_tag=demo'))).toEqual(['p2']);
    expect(idsOf(await search('Patient?_tag=other|demo'))).toEqual([]);
  });

  it('patient and subject match references in any form', async () => {
    expect(idsOf(await search('Observation?patient=p1'))).toEqual(['o1']);
    expect(idsOf(await search('Observation?patient=Patient/p2'))).toEqual(['o2']);
    expect(idsOf(await search('Observation?subject=p1'))).toEqual(['o1', 'o3']);
    expect(idsOf(await search('Observation?subject=Group/p1'))).toEqual(['o3']);
  });

  it('_count pages through every match once by following next links', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${fhirBase}/Patient?_count=2`;
    let pages = 0;
    while (url) {
      const bundle = await (await t.request(url)).json();
      seen.push(...idsOf(bundle));
      url = bundle.link.find((l: { relation: string }) => l.relation === 'next')?.url;
      if (url) expect(url.startsWith(`${fhirBase}/Patient?`)).toBe(true);
      pages += 1;
    }
    expect(seen).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(pages).toBe(3);
  });

  it('_summary=count answers the total only; deleted resources drop out', async () => {
    await t.request(`${fhirBase}/Patient/p3`, { method: 'DELETE' });
    const bundle = await search('Patient?_summary=count');
    expect(bundle.total).toBe(4);
    expect(bundle.entry).toEqual([]);
  });

  it('an unsupported or invalid parameter is a 400, never ignored', async () => {
    const unsupported = await t.request(`${fhirBase}/Patient?name=Otieno`);
    expect(unsupported.status).toBe(400);
    expect((await unsupported.json()).issue[0].details.coding[0].code).toBe('SEARCH_PARAM_UNSUPPORTED');
    expect((await t.request(`${fhirBase}/Patient?_lastUpdated=yesterday`)).status).toBe(400);
    expect((await t.request(`${fhirBase}/Patient?_count=-1`)).status).toBe(400);
  });
});

describe('parseDateCondition()', () => {
  it('parseDateCondition() turns a date of any precision into a range', () => {
    expect(parseDateCondition('2026')).toEqual({ prefix: 'eq', start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) });
    expect(parseDateCondition('ge2026-12')).toEqual({ prefix: 'ge', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
    expect(parseDateCondition('lt2026-03-02T10:00:00+03:00')).toEqual({ prefix: 'lt', start: Date.UTC(2026, 2, 2, 7), end: Date.UTC(2026, 2, 2, 7, 0, 1) });
    expect(parseDateCondition('sa2026')).toBeUndefined();
  });
});

describe('FHIR batch and metadata', () => {
  it('a batch processes each entry on its own and answers a batch-response', async () => {
    await put({ resourceType: 'Patient', id: 'p1' });
    const bundle = {
      resourceType: 'Bundle', type: 'batch', entry: [
        { resource: { resourceType: 'Patient', id: 'p2' }, request: { method: 'PUT', url: 'Patient/p2' } },
        { resource: { resourceType: 'Patient', name: [{ family: 'N' }] }, request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: `${fhirBase}/Patient/p1` } },
        { request: { method: 'GET', url: 'Patient?_id=p1,p2' } },
        { resource: { resourceType: 'Patient', id: 'p1', gender: 'male' }, request: { method: 'PUT', url: 'Patient/p1', ifMatch: 'W/"9"' } },
        { request: { method: 'DELETE', url: 'Patient/p1' } },
        { request: { method: 'GET', url: 'Patient/missing' } },
        { request: { method: 'GET', url: 'https://elsewhere.example/fhir/Patient/p1' } },
      ],
    };
    const res = await t.request(fhirBase, { method: 'POST', json: bundle });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.type).toBe('batch-response');
    expect(out.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual([
      '201 Created', '201 Created', '200 OK', '200 OK', '412 Precondition Failed', '204 No Content', '404 Not Found', '400 Bad Request',
    ]);
    expect(out.entry[0].response).toMatchObject({ location: `${fhirBase}/Patient/p2/_history/1`, etag: 'W/"1"' });
    expect(out.entry[3].resource.total).toBe(2);
    expect(out.entry[4].response.outcome.resourceType).toBe('OperationOutcome');
    expect((await t.store.getObject('patient', 'p1'))?.removed).toBe(true);
  });

  it('a transaction is refused with 400 and nothing is written', async () => {
    const res = await t.request(fhirBase, { method: 'POST', json: {
      resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', id: 'p1' }, request: { method: 'PUT', url: 'Patient/p1' } }],
    } });
    expect(res.status).toBe(400);
    expect((await res.json()).issue[0].details.coding[0].code).toBe('TRANSACTION_UNSUPPORTED');
    expect(await t.store.lastSeq()).toBe(0);
  });

  it('metadata tells the truth: R4, versioned updates, update-create, batch', async () => {
    const res = await t.request(`${fhirBase}/metadata`, { headers: { authorization: '' } });
    expect(res.status).toBe(200);
    const statement = await res.json();
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    const rest = statement.rest[0];
    expect(rest.mode).toBe('server');
    expect(rest.interaction).toEqual([{ code: 'batch' }]);
    const patientCap = rest.resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patientCap).toMatchObject({ versioning: 'versioned-update', updateCreate: true, conditionalUpdate: false });
    expect(patientCap.interaction.map((i: { code: string }) => i.code)).toEqual(['read', 'search-type', 'create', 'update', 'delete']);
    expect(patientCap.searchParam.map((p: { name: string }) => p.name)).toEqual(['_id', '_lastUpdated', '_tag', 'patient', 'subject']);
    expect(rest.resource.map((r: { type: string }) => r.type)).toEqual(['Encounter', 'Location', 'Observation', 'Patient']);
  });
});
