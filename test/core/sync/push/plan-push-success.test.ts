import { describe, expect, it } from 'vitest';
import { canonicalHash, nullBodyHash } from '../../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { ChangeRow, JsonObject, StoredObject } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { decidePush, type PushDecision } from '../../../../src/core/sync/push/decide-push.ts';
import { ackOfParent, type PlanPushSuccessOptions, planPushSuccess } from '../../../../src/core/sync/push/plan-push-success.ts';
import { pushMarker } from '../../../../src/core/sync/push/push-marker.ts';
import { selectPushRows } from '../../../../src/core/sync/push/select-push-rows.ts';
import { edited, patientUuid, restBody, storedOf } from '../conflict/_bodies.ts';

const base = restBody();
const local = edited(base, (b) => { b.person.gender = 'M'; });
/** What OpenMRS returns after the update: same data, new audit info and links. */
const returned = edited(local, (b) => { b.auditInfo.dateChanged = '2026-04-01T10:00:00.000+0300'; b.links = []; });
const row: ChangeRow = { seq: 7, position: 3, eventId: 'e7', category: 'patient', uuid: patientUuid, action: 'UPDATED', origin: 'local', hash: 'h', at: 1 };
const [item] = selectPushRows([row]);

function options(decision: PlanPushSuccessOptions['decision'], over: Partial<PlanPushSuccessOptions> = {}): PlanPushSuccessOptions {
  return { decision, now: 9_000, instanceId: 'tablet-1', eventId: 'ack-1', ...(item ? { item } : {}), url: 'http://parent/p', client: 'rest', ...over };
}
const write = (stored: StoredObject, parent: JsonObject) => decidePush(stored, { body: parent, version: '2' }) as Extract<PushDecision, { kind: 'write' }>;

describe('planPushSuccess()', () => {
  it('planPushSuccess() keeps the local body, moves the base to what the parent returned, and logs nothing', () => {
    const stored = storedOf(base, local);
    const { plan, object } = planPushSuccess(stored, { body: returned, version: '3' }, options(write(stored, base), { marker: pushMarker(7, 9_000) }));
    expect(object).toEqual({ ...stored, base: { body: returned, hash: canonicalHash(returned), version: '3' } });
    expect(plan.changes).toBeUndefined();
    expect(plan.preconditions).toEqual([{ category: 'patient', uuid: patientUuid, version: '4' }]);
    expect(plan.markers).toEqual([{ feed: 'push', lastSeq: 7, updatedAt: 9_000 }]);
    expect(plan.failedEvents).toEqual({ delete: [`push:push:patient/${patientUuid}`] });
    expect(plan.audit).toEqual([{
      at: 9_000, operation: 'push', category: 'patient', uuid: patientUuid, action: 'UPDATED', outcome: 'ok', instanceId: 'tablet-1',
      url: 'http://parent/p', client: 'rest', details: { eventIds: ['e7'], hash: canonicalHash(returned), version: '3', op: 'update', basis: 'parent-unchanged' },
    }]);
    expect(hasUnpushedChange(object)).toBe(false);
  });

  it('planPushSuccess() takes the parent\'s body when the parent normalised what it got, logged for children only', () => {
    const stored = storedOf(base, local);
    const normalised = edited(returned, (b) => { b.person.birthdateEstimated = true; });
    const { plan, object } = planPushSuccess(stored, { body: normalised }, options(write(stored, base)));
    expect(object).toMatchObject({ body: normalised, hash: canonicalHash(normalised), version: '5', base: { body: normalised } });
    expect(plan.changes).toMatchObject([{ eventId: 'ack-1', origin: 'parent', action: 'UPDATED', hash: canonicalHash(normalised) }]);
    expect(plan.audit?.[0]?.details).toMatchObject({ tookParentBody: true });
    expect(selectPushRows(plan.changes?.map((c, i) => ({ ...c, seq: i + 1, position: i })) ?? [])).toEqual([]);
  });

  it('planPushSuccess() after a merged write stores the merged body and audits the merge', () => {
    const stored = storedOf(base, local);
    const parent = edited(base, (b) => { b.person.addresses[0].cityVillage = 'Mathare'; });
    const decision = write(stored, parent);
    expect(decision.basis).toBe('merged');
    const { plan, object } = planPushSuccess(stored, { body: decision.body as JsonObject, version: '3' }, options(decision));
    expect(object.body).toEqual(decision.body);
    expect(hasUnpushedChange(object)).toBe(false);
    expect(plan.audit?.map((a) => a.operation)).toEqual(['push', 'merge']);
    expect(plan.audit?.[1]?.details).toMatchObject({ fields: ['person'] });
  });

  it('planPushSuccess() after a removal keeps the object removed with a null-body base, whatever body the parent returned', () => {
    const stored = storedOf(base, null);
    const voided = edited(base, (b) => { b.voided = true; });
    const decision = decidePush(stored, { body: base }) as Extract<PushDecision, { kind: 'write' }>;
    const { plan, object } = planPushSuccess(stored, { body: voided }, options(decision));
    expect(object).toEqual({ ...stored, base: { body: null, hash: nullBodyHash } });
    expect(plan.changes).toBeUndefined();
    expect(hasUnpushedChange(object)).toBe(false);
  });

  it('planPushSuccess() for a lost acknowledgement sets the base and audits a noop', () => {
    const stored = storedOf(undefined, local);
    const { plan, object } = planPushSuccess(stored, { body: returned, version: '1' }, options({ kind: 'already' }));
    expect(object.base).toEqual({ body: returned, hash: canonicalHash(returned), version: '1' });
    expect(plan.audit?.[0]).toMatchObject({ operation: 'push', outcome: 'noop', details: { already: true } });
  });

  it('planPushSuccess() keeps a local write that landed during the push, so it is pushed next', () => {
    const sent = storedOf(base, local);
    const later = storedOf(base, edited(local, (b) => { b.person.dead = true; }), { version: '5' });
    const { object, plan } = planPushSuccess(later, { body: returned, version: '3' }, options(write(sent, base), { from: sent }));
    expect(object).toMatchObject({ body: later.body, version: '5', base: { hash: canonicalHash(returned) } });
    expect(hasUnpushedChange(object)).toBe(true);
    expect(plan.preconditions).toEqual([{ category: 'patient', uuid: patientUuid, version: '5' }]);
    expect(plan.audit?.[0]?.details).toMatchObject({ localChangedMeanwhile: true });
  });

  it('planPushSuccess() keeps the old base when a local write landed during a merged push, so the next push merges again', () => {
    const sent = storedOf(base, local);
    const parent = edited(base, (b) => { b.person.addresses[0].cityVillage = 'Mathare'; });
    const decision = write(sent, parent);
    const later = storedOf(base, edited(local, (b) => { b.person.dead = true; }), { version: '5' });
    const { object } = planPushSuccess(later, { body: decision.body as JsonObject }, options(decision, { from: sent }));
    expect(object).toEqual(later);
    expect(decidePush(object, { body: decision.body as JsonObject })).toMatchObject({ kind: 'write', basis: 'merged' });
  });

  it('planPushSuccess() after a policy write audits the resolution', () => {
    const stored = storedOf(base, local);
    const parent = edited(base, (b) => { b.person.gender = 'F '; });
    const decision = decidePush(stored, { body: parent }, { policy: 'child-wins' }) as Extract<PushDecision, { kind: 'write' }>;
    const { plan } = planPushSuccess(stored, { body: local }, options(decision));
    expect(plan.audit?.map((a) => a.operation)).toEqual(['push', 'resolve']);
    expect(plan.audit?.[1]?.details).toMatchObject({ by: 'policy', take: 'local', because: 'policy' });
  });

  it('planPushSuccess() plans a batch the store accepts, and fails it if the object moved meanwhile', async () => {
    const store = createMemoryStore();
    const stored = storedOf(base, local);
    await store.applyBatch({ objects: [stored] });
    const { plan } = planPushSuccess(stored, { body: returned }, options(write(stored, base)));
    expect(await store.applyBatch(plan)).toMatchObject({ ok: true });
    expect(hasUnpushedChange((await store.getObject('patient', patientUuid)) as StoredObject)).toBe(false);
    await store.applyBatch({ objects: [{ ...stored, version: '9' }] });
    expect(await store.applyBatch(plan)).toMatchObject({ ok: false, reason: 'precondition' });
  });

  it('ackOfParent() turns the state read into an acknowledgement', () => {
    expect(ackOfParent({ body: base, version: '2' })).toEqual({ body: base, version: '2' });
    expect(ackOfParent({ removed: true, version: '3' })).toEqual({ removed: true, version: '3' });
    expect(ackOfParent({ missing: true })).toEqual({ removed: true });
  });
});
