import { describe, expect, it } from 'vitest';
import { exportPushFailure, dropPushFailure, listPushFailures, retryPushFailure } from '../../../../src/core/sync/push/push-failures.ts';
import { pushFailedEventId } from '../../../../src/core/sync/push/_push-audit.ts';
import { objectRequests, parentAndChild, patient, stateOf, uuidOf, withPulledPatient } from './_push-kit.ts';

const hour = 3_600_000;

/** Rows the parent logged for one object. */
async function parentRows(parent: { store: { changesSince(n: number): Promise<{ uuid: string }[]> } }, uuid: string): Promise<number> {
  return (await parent.store.changesSince(0)).filter((row) => row.uuid === uuid).length;
}

/** Drops the answer of the first request matching `method` on `uuid` after the parent applied it. */
function loseFirstAnswer(method: string, uuid: string): { lost: () => boolean; intercept: (r: Request, send: (r: Request) => Promise<Response>) => Promise<Response> | undefined } {
  let done = false;
  return {
    lost: () => done,
    intercept: (request, send) => {
      if (done || request.method !== method || !request.url.endsWith(uuid)) return undefined;
      done = true;
      return send(request).then(() => { throw new TypeError('fetch failed: connection reset'); });
    },
  };
}

describe('pushAll() when things go wrong', () => {
  it('pushAll() counts a create whose acknowledgement was lost as already there on the retry, with no duplicate', async () => {
    const { clock, parent, child } = await parentAndChild();
    const a = uuidOf(1);
    await child.write('patient', a, patient(a));
    const lose = loseFirstAnswer('PUT', a);
    parent.intercept = lose.intercept;
    const first = await child.push();
    expect(lose.lost()).toBe(true);
    expect(first).toMatchObject({ status: 'failed', counts: { failed: 1 }, error: { code: 'PARENT_UNREACHABLE' } });
    expect(await parent.store.getObject('patient', a)).toBeDefined();
    const [failed] = await listPushFailures(child.store);
    expect(failed).toMatchObject({ id: pushFailedEventId('patient', a), attempts: 1, dead: false });

    clock.advance(hour);
    const second = await child.push();
    expect(second).toMatchObject({ status: 'ok', retried: 1, counts: { already: 1, pushed: 0 } });
    expect(await listPushFailures(child.store)).toEqual([]);
    expect(await parentRows(parent, a)).toBe(1);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
  });

  it('pushAll() settles an update whose answer was lost as already there when the transport retries the PUT (412 on our own write)', async () => {
    const { parent, child, a } = await withPulledPatient({ retries: 2 });
    await child.write('patient', a, patient(a, { gender: 'other' }));
    parent.intercept = loseFirstAnswer('PUT', a).intercept;
    parent.requests.length = 0;
    const summary = await child.push();
    expect(summary).toMatchObject({ status: 'ok', counts: { already: 1, failed: 0, conflicts: 0 } });
    expect(objectRequests(parent)).toEqual([`PUT /ws/fhir2/R4/Patient/${a}`, `PUT /ws/fhir2/R4/Patient/${a}`, `GET /ws/fhir2/R4/Patient/${a}`]);
    expect(await parentRows(parent, a)).toBe(2);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
  });

  it('pushAll() merges after a 412 when the parent changed between the base and the write', async () => {
    const { parent, child, a } = await withPulledPatient();
    await child.write('patient', a, patient(a, { gender: 'other' }));
    let raced = false;
    parent.intercept = (request, send) => {
      if (raced || request.method !== 'PUT') return undefined;
      raced = true;
      return parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { birthDate: '1990-01-01' })).then(() => send(request));
    };
    const summary = await child.push();
    expect(summary.counts).toMatchObject({ pushed: 1, merged: 1 });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other', birthDate: '1990-01-01' });
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
  });

  it('pushAll() backs a failing push off, makes it a dead letter at the limit, and a person can retry it', async () => {
    const { clock, parent, child } = await parentAndChild();
    const a = uuidOf(1);
    const b = uuidOf(2);
    await child.write('patient', a, patient(a));
    await child.write('patient', b, patient(b));
    let broken = true;
    parent.intercept = (request) => (broken && request.method === 'PUT' && request.url.endsWith(a)
      ? Promise.resolve(new Response('{"error":"boom"}', { status: 500 })) : undefined);
    const failurePolicy = { maxAttempts: 3 };
    const first = await child.push({ failurePolicy });
    // One bad object never blocks the rest.
    expect(first).toMatchObject({ status: 'partial', counts: { failed: 1, pushed: 1 } });
    expect(first.markerSeq).toBe(await child.store.lastSeq());
    const [failed] = await listPushFailures(child.store);
    expect(failed).toMatchObject({ attempts: 1, dead: false, error: { code: 'HTTP_ERROR', details: { status: 500 } } });
    expect(failed?.nextRetryAt).toBeGreaterThan(clock.now());

    parent.requests.length = 0;
    await child.push({ failurePolicy });
    expect(objectRequests(parent)).toEqual([]);

    for (const attempts of [2, 3]) {
      clock.advance(6 * hour);
      await child.push({ failurePolicy });
      expect((await listPushFailures(child.store))[0]).toMatchObject({ attempts, dead: attempts === 3 });
    }
    parent.requests.length = 0;
    clock.advance(6 * hour);
    await child.push({ failurePolicy });
    expect(objectRequests(parent)).toEqual([]);

    broken = false;
    const id = pushFailedEventId('patient', a);
    expect(await retryPushFailure(child.store, id, { now: clock.now(), instanceId: 'child-1', by: 'admin' })).toMatchObject({ ok: true });
    expect((await child.push({ failurePolicy })).counts).toMatchObject({ pushed: 1 });
    expect(await listPushFailures(child.store)).toEqual([]);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect((await child.store.listAudit({ operation: 'failure' })).length).toBe(3);
  });

  it('dropPushFailure() refuses until the failure was exported, then reverts the object to what the parent holds', async () => {
    const { clock, parent, child } = await parentAndChild();
    const a = uuidOf(1);
    const c = uuidOf(3);
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a));
    await child.pull();
    await child.write('patient', a, patient(a, { gender: 'other' }));
    await child.write('patient', c, patient(c));
    parent.intercept = (request) => (request.method === 'PUT' ? Promise.resolve(new Response('no', { status: 400 })) : undefined);
    await child.push({ failurePolicy: { maxAttempts: 1 } });
    const ids = (await listPushFailures(child.store, { dead: true })).map((f) => f.id).sort();
    expect(ids).toEqual([pushFailedEventId('patient', a), pushFailedEventId('patient', c)].sort());
    const options = { now: clock.now(), instanceId: 'child-1', newId: () => 'ffffffff-0000-4000-8000-000000000001' };

    expect(await dropPushFailure(child.store, ids[0] as string, { ...options, exported: false })).toEqual({ ok: false, reason: 'not-exported' });
    expect(await listPushFailures(child.store)).toHaveLength(2);
    const text = await exportPushFailure(child.store, pushFailedEventId('patient', a), { now: clock.now() });
    const exported = JSON.parse(text ?? 'null');
    expect(exported).toMatchObject({ format: 'openmrs-sync2-ts.push-failure', failedEvent: { uuid: a, error: { code: 'HTTP_ERROR' } }, object: { body: { gender: 'other' } } });
    expect(await exportPushFailure(child.store, 'push:push:patient/none')).toBeUndefined();

    expect(await dropPushFailure(child.store, pushFailedEventId('patient', a), { ...options, exported: true })).toEqual({ ok: true, reverted: true });
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect(await dropPushFailure(child.store, pushFailedEventId('patient', c), { ...options, newId: () => 'ffffffff-0000-4000-8000-000000000002', exported: true })).toEqual({ ok: true, reverted: true });
    expect((await child.store.getObject('patient', c))?.removed).toBe(true);
    expect(await listPushFailures(child.store)).toEqual([]);
    expect(await child.store.listAudit({ operation: 'drop' })).toHaveLength(2);
    parent.intercept = undefined;
    parent.requests.length = 0;
    expect((await child.push()).counts).toMatchObject({ objects: 0 });
    expect(objectRequests(parent)).toEqual([]);
  });
});
