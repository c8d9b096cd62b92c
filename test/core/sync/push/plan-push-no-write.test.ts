import { describe, expect, it } from 'vitest';
import { canonicalHash, nullBodyHash } from '../../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { ConflictRecord, StoredObject } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { decidePush, type PushDecision } from '../../../../src/core/sync/push/decide-push.ts';
import { planPushNoWrite } from '../../../../src/core/sync/push/plan-push-no-write.ts';
import { pushMarker } from '../../../../src/core/sync/push/push-marker.ts';
import { edited, fhirBody, patientUuid, storedOf } from '../conflict/_bodies.ts';

type NoWrite = Extract<PushDecision, { kind: 'nothing' | 'take-parent' | 'conflict' }>;
const base = fhirBody();
const local = edited(base, (b) => { b.gender = 'male'; });
const ctx = { now: 9_000, instanceId: 'tablet-1', eventId: 'ev-1', marker: pushMarker(12, 9_000) };

describe('planPushNoWrite()', () => {
  it('planPushNoWrite() queues a conflict, leaves the object alone, clears its failed event and moves the marker', async () => {
    const stored = storedOf(base, local, { representation: 'fhir' });
    const parent = edited(base, (b) => { b.gender = 'other'; });
    const decision = decidePush(stored, { body: parent }) as NoWrite;
    const { plan, conflict } = planPushNoWrite(stored, decision, ctx);
    expect(conflict).toMatchObject({ id: `patient/${patientUuid}`, reason: 'overlap', local, parent, base, fields: ['gender'], createdAt: 9_000 });
    expect(plan.objects).toBeUndefined();
    expect(plan.markers).toEqual([ctx.marker]);
    expect(plan.failedEvents).toEqual({ delete: [`push:push:patient/${patientUuid}`] });
    expect(plan.audit).toMatchObject([{ operation: 'conflict', outcome: 'conflict', details: { direction: 'push', policy: { take: 'queue' } } }]);
    const store = createMemoryStore();
    await store.applyBatch({ objects: [stored] });
    expect(await store.applyBatch(plan)).toMatchObject({ ok: true });
    expect(await store.getObject('patient', patientUuid)).toEqual(stored);
  });

  it('planPushNoWrite() keeps the createdAt of the open conflict on a replay', () => {
    const stored = storedOf(base, local);
    const decision = decidePush(stored, { removed: true }) as NoWrite;
    const existing = { createdAt: 1_000, id: `patient/${patientUuid}` } as ConflictRecord;
    expect(planPushNoWrite(stored, decision, { ...ctx, existingConflict: existing }).conflict?.createdAt).toBe(1_000);
  });

  it('planPushNoWrite() takes the parent\'s version as the object and base, logged with origin parent', () => {
    const stored = storedOf(base, local);
    const parent = edited(local, (b) => { b.birthDate = '1990-01-01'; });
    const decision = decidePush(stored, { body: parent, version: '8' }) as NoWrite;
    expect(decision.kind).toBe('take-parent');
    const { plan } = planPushNoWrite(stored, decision, ctx);
    const object = plan.objects?.[0] as StoredObject;
    expect(object).toMatchObject({ body: parent, hash: canonicalHash(parent), version: '5', base: { body: parent, version: '8' } });
    expect(hasUnpushedChange(object)).toBe(false);
    expect(plan.changes).toMatchObject([{ eventId: 'ev-1', origin: 'parent', action: 'UPDATED' }]);
    expect(plan.audit).toMatchObject([{ operation: 'push', outcome: 'noop', details: { took: 'parent', basis: 'subsumed' } }]);
  });

  it('planPushNoWrite() audits a parent-wins resolution', () => {
    const stored = storedOf(base, local);
    const decision = decidePush(stored, { body: edited(base, (b) => { b.gender = 'other'; }) }, { policy: 'parent-wins' }) as NoWrite;
    expect(planPushNoWrite(stored, decision, ctx).plan.audit?.map((a) => a.operation)).toEqual(['push', 'resolve']);
  });

  it('planPushNoWrite() settles an object removed before it reached the parent', () => {
    const stored = storedOf(undefined, null, { body: local });
    const { plan } = planPushNoWrite(stored, decidePush(stored, { missing: true }) as NoWrite, ctx);
    expect(plan.objects).toEqual([{ ...stored, base: { body: null, hash: nullBodyHash } }]);
    expect(hasUnpushedChange(plan.objects?.[0] as StoredObject)).toBe(false);
    expect(plan.audit).toMatchObject([{ operation: 'push', outcome: 'noop' }]);
  });
});
