/** Store contract, applyBatch as a whole: preconditions, all-or-nothing, idempotent replay, concurrency. */

import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/core/audit/chain-audit-rows.ts';
import type { BatchPlan } from '../../../src/core/store/store-port.ts';
import {
  auditRow, change, conflict, expectSyncError, failedEvent, marker, obj, snapshot, type StoreRef, uuid,
} from './_contract-fixtures.ts';

/** A plan touching every part of the store. */
const fullPlan = (n: number, preconditions: BatchPlan['preconditions'] = []): BatchPlan => ({
  preconditions,
  objects: [obj('patient', n, { version: `v${n}` }), obj('location', n + 100)],
  changes: [change(`e${n}`, 'patient', n), change(`e${n}-l`, 'location', n + 100)],
  markers: [marker('patient', { lastEntryId: `tag:${n}` })],
  failedEvents: { put: [failedEvent(`f${n}`)] },
  audit: [auditRow(n)],
  conflicts: { put: [conflict(`c${n}`)] },
  settings: { s1: n },
});

export function batchContract(store: StoreRef): void {
  it('applyBatch() of an empty plan succeeds and writes nothing', async () => {
    const before = await snapshot(store());
    expect(await store().applyBatch({})).toEqual({ ok: true, changes: [], audit: [] });
    expect(await snapshot(store())).toEqual(before);
  });

  it('applyBatch() applies a plan whose preconditions hold: matching version, absent object', async () => {
    await store().applyBatch({ objects: [obj('patient', 1, { version: 'v1' })] });
    const result = await store().applyBatch(fullPlan(2, [
      { category: 'patient', uuid: uuid(1), version: 'v1' }, { category: 'patient', uuid: uuid(2), version: null },
    ]));
    expect(result.ok).toBe(true);
    expect((await store().getObject('patient', uuid(2)))?.version).toBe('v2');
  });

  it('applyBatch() on a failed precondition returns the actual version and writes nothing of the plan', async () => {
    await store().applyBatch(fullPlan(1));
    const before = await snapshot(store());
    const stale = { category: 'patient', uuid: uuid(1), version: 'v0' };
    expect(await store().applyBatch(fullPlan(2, [stale]))).toEqual({ ok: false, reason: 'precondition', failed: stale, actual: 'v1' });
    const taken = { category: 'patient', uuid: uuid(1), version: null };
    expect(await store().applyBatch(fullPlan(3, [taken]))).toEqual({ ok: false, reason: 'precondition', failed: taken, actual: 'v1' });
    const missing = { category: 'patient', uuid: uuid(9), version: 'v9' };
    expect(await store().applyBatch(fullPlan(4, [missing]))).toEqual({ ok: false, reason: 'precondition', failed: missing, actual: null });
    expect(await snapshot(store())).toEqual(before);
  });

  it('applyBatch() checks preconditions against a removed object, which still exists', async () => {
    await store().applyBatch({ objects: [obj('patient', 1, { version: 'v5', removed: true })] });
    const mustNotExist = { category: 'patient', uuid: uuid(1), version: null };
    expect(await store().applyBatch({ preconditions: [mustNotExist] })).toMatchObject({ ok: false, actual: 'v5' });
    expect((await store().applyBatch({ preconditions: [{ ...mustNotExist, version: 'v5' }] })).ok).toBe(true);
  });

  it('applyBatch() rejects invalid plans with STORE_BATCH_INVALID and writes nothing', async () => {
    await store().applyBatch(fullPlan(1));
    const before = await snapshot(store());
    const { uuid: _u, ...noUuid } = obj('patient', 5);
    const { category: _c, ...noCategory } = obj('patient', 6);
    const { eventId: _e, ...noEventId } = change('x', 'patient', 7);
    const { instanceId: _i, ...noInstance } = auditRow(8);
    const invalid = [
      { objects: [obj('patient', 2), noUuid] }, { objects: [noCategory] }, { objects: [obj('patient', 2), obj('patient', 2)] },
      { changes: [change('ok', 'patient', 2), noEventId] }, { changes: [change('e9', 'patient', 2, { origin: 'elsewhere' as 'local' })] },
      { audit: [auditRow(2), noInstance] }, { markers: [{ feed: '', updatedAt: 1 }] },
      { failedEvents: { put: [failedEvent('f9')], delete: ['f9'] } }, { conflicts: { put: [{ id: 'c9' }] } },
    ] as BatchPlan[];
    for (const plan of invalid) {
      await expectSyncError(store().applyBatch(plan), 'STORE_BATCH_INVALID');
    }
    expect(await snapshot(store())).toEqual(before);
  });

  it('applyBatch() writes nothing when the invalid row comes last in a full plan', async () => {
    await store().applyBatch(fullPlan(1));
    const before = await snapshot(store());
    const plan = fullPlan(2);
    const { eventId: _e, ...broken } = change('x', 'location', 3);
    plan.changes = [...plan.changes!, broken as never];
    await expectSyncError(store().applyBatch(plan), 'STORE_BATCH_INVALID');
    const badAudit = fullPlan(3);
    badAudit.audit = [auditRow(3), { ...auditRow(4), at: Number.NaN }];
    await expectSyncError(store().applyBatch(badAudit), 'STORE_BATCH_INVALID');
    expect(await snapshot(store())).toEqual(before);
  });

  it('applyBatch() replayed with the same event ids leaves the store as one application did, audit aside', async () => {
    await store().applyBatch(fullPlan(1));
    const plan = fullPlan(2);
    const first = await store().applyBatch(plan);
    const once = await snapshot(store());
    const again = await store().applyBatch(plan);
    expect(first.ok && first.changes.length).toBe(2);
    expect(again).toMatchObject({ ok: true, changes: [] });
    const twice = await snapshot(store());
    expect({ ...twice, audit: [] }).toEqual({ ...once, audit: [] });
    // The audit records every application, still as one unbroken chain.
    expect(twice.audit.map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(verifyAuditChain(twice.audit)).toEqual({ ok: true });
  });

  it('concurrent applyBatch() calls get unique, gap-free seqs, positions and audit numbers', async () => {
    const plans = Array.from({ length: 20 }, (_, i) => ({
      changes: [change(`a${i}`, 'patient', i), change(`b${i}`, i % 2 ? 'patient' : 'location', i + 100)],
      audit: [auditRow(i)],
    }));
    const results = await Promise.all(plans.map((plan) => store().applyBatch(plan)));
    const stored = await store().changesSince(0);
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const category of ['patient', 'location']) {
      const positions = stored.filter((r) => r.category === category).map((r) => r.position);
      expect(positions).toEqual(positions.map((_, i) => i));
    }
    const returned = results.flatMap((r) => (r.ok ? r.changes : [])).sort((a, b) => a.seq - b.seq);
    expect(returned).toEqual(stored);
    const audit = await store().listAudit();
    expect(audit.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(verifyAuditChain(audit)).toEqual({ ok: true });
  });

  it('concurrent applyBatch() calls that each require an object to be absent: exactly one wins', async () => {
    const plans = Array.from({ length: 8 }, (_, i) => ({
      preconditions: [{ category: 'patient', uuid: uuid(1), version: null }],
      objects: [obj('patient', 1, { version: `v${i}` })],
      changes: [change(`e${i}`, 'patient', 1)],
    }));
    const results = await Promise.all(plans.map((plan) => store().applyBatch(plan)));
    const winners = results.map((r, i) => (r.ok ? i : -1)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    expect((await store().getObject('patient', uuid(1)))?.version).toBe(`v${winners[0]}`);
    expect((await store().changesSince(0)).map((r) => r.eventId)).toEqual([`e${winners[0]}`]);
  });
}
