// The failed-event endpoints of an edge node: list, retry now, export, and drop only after an export of the event as it is.
import { beforeEach, describe, expect, it } from 'vitest';
import type { FailedEvent, JsonObject } from '../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../src/core/sync/conflict/object-state.ts';
import { createTestApp, fakeClock, type TestApp } from '../app/create-test-app.ts';
import { failedEventsUrl, patient, storeFailedPull, storeFailedPush, storeLocalChange } from './_conflict-fixtures.ts';

const a = '0a1b2c3d-0000-4000-8000-0000000000a1';
const b = '0a1b2c3d-0000-4000-8000-0000000000b2';
const c = '0a1b2c3d-0000-4000-8000-0000000000c3';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
let deadPush: FailedEvent;
let duePush: FailedEvent;
let pull: FailedEvent;

async function json(response: Response): Promise<Record<string, any>> {
  return await response.json() as Record<string, any>;
}

const item = (id: string, action = '') => `${failedEventsUrl}/${encodeURIComponent(id)}${action}`;

beforeEach(async () => {
  clock = fakeClock();
  t = await createTestApp({ now: clock.now });
  await storeLocalChange(t.store, a, { base: patient(a), local: patient(a, { gender: 'male' }) });
  await storeLocalChange(t.store, b, { base: null, local: patient(b) });
  deadPush = await storeFailedPush(t.store, a, { dead: true, attempts: 8 });
  duePush = await storeFailedPush(t.store, b);
  pull = await storeFailedPull(t.store, c);
});

describe('GET /openmrs/ws/rest/sync2/failed-events', () => {
  it('lists every failed event, dead letters first, times as ISO strings, with action links', async () => {
    const body = await json(await t.request(failedEventsUrl));
    expect(body['total']).toBe(3);
    expect(body['results'].map((e: JsonObject) => e['id'])).toEqual([deadPush.id, pull.id, duePush.id]);
    expect(body['results'][0]).toMatchObject({
      direction: 'push', dead: true, attempts: 8, lastFailedAt: new Date(5_000).toISOString(),
      links: { retry: item(deadPush.id, '/retry'), export: item(deadPush.id, '/export') },
    });
    expect(body['results'][0]).not.toHaveProperty('nextRetryAt');
  });

  it('filters by ?direction and ?dead, and refuses other values with 400 QUERY_INVALID', async () => {
    const ids = async (query: string) => (await json(await t.request(`${failedEventsUrl}${query}`)))['results'].map((e: JsonObject) => e['id']);
    expect(await ids('?direction=pull')).toEqual([pull.id]);
    expect(await ids('?direction=push&dead=true')).toEqual([deadPush.id]);
    expect(await ids('?dead=false')).toEqual([pull.id, duePush.id]);
    for (const query of ['?direction=sideways', '?dead=1']) {
      const response = await t.request(`${failedEventsUrl}${query}`);
      expect(response.status).toBe(400);
      expect((await json(response))['code']).toBe('QUERY_INVALID');
    }
  });

  it('GET {id} answers one event; an unknown id is 404 FAILED_EVENT_NOT_FOUND', async () => {
    expect(await json(await t.request(item(pull.id)))).toMatchObject({ id: pull.id, direction: 'pull', entryId: `entry-${c}` });
    const missing = await t.request(item('push:push:patient/nope'));
    expect(missing.status).toBe(404);
    expect((await json(missing))['code']).toBe('FAILED_EVENT_NOT_FOUND');
  });
});

describe('POST /openmrs/ws/rest/sync2/failed-events/{id}/retry', () => {
  it('makes a dead push due now, alive again, with a retry audit row by the admin', async () => {
    clock.advance(60_000);
    const response = await t.request(item(deadPush.id, '/retry'), { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ id: deadPush.id, dead: false, nextRetryAt: new Date(clock.now()).toISOString() });
    expect(await t.store.listFailedEvents({ direction: 'push', dueBy: clock.now() })).toHaveLength(1);
    const [audit] = await t.store.listAudit({ operation: 'retry', limit: 1 });
    expect(audit).toMatchObject({ uuid: a, details: { failedEventId: deadPush.id, by: 'admin' } });
  });

  it('makes a failed pull due now too; an unknown id is 404', async () => {
    expect((await t.request(item(pull.id, '/retry'), { method: 'POST' })).status).toBe(200);
    expect((await t.store.getFailedEvent(pull.id))?.nextRetryAt).toBe(clock.now());
    expect((await t.request(item('pull:x:y', '/retry'), { method: 'POST' })).status).toBe(404);
  });
});

describe('GET …/{id}/export and DELETE …/{id}', () => {
  it('refuses to drop a failed push that was never exported: 409 EXPORT_REQUIRED, nothing changes', async () => {
    const response = await t.request(item(deadPush.id), { method: 'DELETE' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await json(response)).toMatchObject({ code: 'EXPORT_REQUIRED', details: { id: deadPush.id } });
    expect(await t.store.getFailedEvent(deadPush.id)).toBeDefined();
    expect((await t.store.getObject('patient', a))?.body).toMatchObject({ gender: 'male' });
  });

  it('exports the push with its object, then drops it: the object reverts to its base, audited as a drop', async () => {
    const exported = await t.request(item(deadPush.id, '/export'));
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="failed-event-push_push_patient_/);
    expect(await json(exported)).toMatchObject({ format: 'openmrs-sync2-ts.push-failure', failedEvent: { id: deadPush.id }, object: { uuid: a, body: { gender: 'male' } } });
    const dropped = await t.request(item(deadPush.id), { method: 'DELETE' });
    expect(dropped.status).toBe(200);
    expect(await json(dropped)).toEqual({ id: deadPush.id, dropped: true, reverted: true });
    expect(await t.store.getFailedEvent(deadPush.id)).toBeUndefined();
    const stored = await t.store.getObject('patient', a);
    expect(stored?.body).toEqual(patient(a));
    expect(stored && hasUnpushedChange(stored)).toBe(false);
    const [audit] = await t.store.listAudit({ operation: 'drop', limit: 1 });
    expect(audit).toMatchObject({ uuid: a, details: { failedEventId: deadPush.id, exported: true, by: 'admin' } });
  });

  it('asks for a new export when the object changed after the export', async () => {
    expect((await t.request(item(duePush.id, '/export'))).status).toBe(200);
    await storeLocalChange(t.store, b, { base: null, local: patient(b, { gender: 'unknown' }) });
    const response = await t.request(item(duePush.id), { method: 'DELETE' });
    expect(response.status).toBe(409);
    expect((await json(response))['code']).toBe('EXPORT_REQUIRED');
    expect((await t.request(item(duePush.id, '/export'))).status).toBe(200);
    expect((await t.request(item(duePush.id), { method: 'DELETE' })).status).toBe(200);
    // Never pushed: dropping the change leaves the object removed here.
    expect((await t.store.getObject('patient', b))?.removed).toBe(true);
  });

  it('asks for a new export when the push failed again after the export', async () => {
    expect((await t.request(item(duePush.id, '/export'))).status).toBe(200);
    await t.store.applyBatch({ failedEvents: { put: [{ ...duePush, attempts: duePush.attempts + 1, lastFailedAt: 9_000 }] } });
    expect((await t.request(item(duePush.id), { method: 'DELETE' })).status).toBe(409);
  });

  it('drops an exported pull failure; the export names its format; a second DELETE is 404', async () => {
    expect((await t.request(item(pull.id), { method: 'DELETE' })).status).toBe(409);
    expect(await json(await t.request(item(pull.id, '/export')))).toMatchObject({ format: 'openmrs-sync2-ts.pull-failure', failedEvent: { id: pull.id }, object: null });
    expect(await json(await t.request(item(pull.id), { method: 'DELETE' }))).toEqual({ id: pull.id, dropped: true, reverted: false });
    const again = await t.request(item(pull.id), { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await json(again))['code']).toBe('FAILED_EVENT_NOT_FOUND');
  });

  it('the export of an unknown id is 404', async () => {
    expect((await t.request(item('push:push:patient/nope', '/export'))).status).toBe(404);
  });
});

describe('GET /status', () => {
  it('counts failed events in all and per direction, and open conflicts', async () => {
    const body = await json(await t.request('/status'));
    expect(body['failedEvents']).toEqual({ total: 3, dead: 1, pull: { total: 1, dead: 0 }, push: { total: 2, dead: 1 } });
    expect(body['conflicts']).toEqual({ open: 0 });
  });
});
