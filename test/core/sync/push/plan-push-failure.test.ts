import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../../src/core/errors/sync-error.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { ChangeRow } from '../../../../src/core/store/store-port.ts';
import { planPushFailure } from '../../../../src/core/sync/push/plan-push-failure.ts';
import { planPushSuccess } from '../../../../src/core/sync/push/plan-push-success.ts';
import { selectPushRows } from '../../../../src/core/sync/push/select-push-rows.ts';
import { edited, patientUuid, restBody, storedOf } from '../conflict/_bodies.ts';

const row: ChangeRow = { seq: 3, position: 0, eventId: 'e3', category: 'patient', uuid: patientUuid, action: 'VOIDED', origin: 'local', hash: 'h', at: 1 };
const [item] = selectPushRows([row]);
const ref = { category: 'patient', uuid: patientUuid };
const error = new SyncError('HTTP_ERROR', { details: { status: 500 } });
const ctx = { now: 10_000, instanceId: 'tablet-1', random: () => 0.5, ...(item ? { item } : {}) };

describe('planPushFailure()', () => {
  it('planPushFailure() plans a push failed event per object with backoff, and a failure audit row', () => {
    const { plan, failed } = planPushFailure(ref, error, ctx);
    expect(failed).toEqual({
      id: `push:push:patient/${patientUuid}`, direction: 'push', feed: 'push', category: 'patient', uuid: patientUuid, action: 'VOIDED',
      error: { code: 'HTTP_ERROR', message: 'The parent answered with an HTTP error', details: { status: 500 } },
      attempts: 1, firstFailedAt: 10_000, lastFailedAt: 10_000, nextRetryAt: 25_000, dead: false,
    });
    expect(plan.failedEvents).toEqual({ put: [failed] });
    expect(plan.objects).toBeUndefined();
    expect(plan.changes).toBeUndefined();
    expect(plan.audit).toMatchObject([{
      operation: 'failure', outcome: 'failed', action: 'VOIDED', details: { direction: 'push', eventIds: ['e3'], attempts: 1, dead: false, nextRetryAt: 25_000 },
    }]);
  });

  it('planPushFailure() counts attempts on the stored event and makes a dead letter at the limit', () => {
    const first = planPushFailure(ref, error, ctx).failed;
    const second = planPushFailure(ref, { code: 'HTTP_TIMEOUT', message: 'slow' }, { ...ctx, now: 30_000, existing: first, policy: { maxAttempts: 2 } });
    expect(second.failed).toMatchObject({ attempts: 2, dead: true, firstFailedAt: 10_000, lastFailedAt: 30_000, error: { code: 'HTTP_TIMEOUT' } });
    expect(second.failed.nextRetryAt).toBeUndefined();
  });

  it('planPushFailure() then planPushSuccess() leaves no failed event and keeps the object intact meanwhile', async () => {
    const store = createMemoryStore();
    const base = restBody();
    const stored = storedOf(base, edited(base, (b) => { b.person.gender = 'M'; }));
    await store.applyBatch({ objects: [stored] });
    await store.applyBatch(planPushFailure(ref, new Error('socket hang up'), ctx).plan);
    expect(await store.listFailedEvents({ direction: 'push' })).toMatchObject([{ error: { code: 'UNEXPECTED', message: 'socket hang up' } }]);
    expect(await store.getObject('patient', patientUuid)).toEqual(stored);
    const decision = { kind: 'write' as const, basis: 'parent-unchanged' as const, op: 'update' as const, body: stored.body };
    await store.applyBatch(planPushSuccess(stored, { body: stored.body ?? {} }, { ...ctx, decision, eventId: 'x' }).plan);
    expect(await store.listFailedEvents()).toEqual([]);
  });
});
