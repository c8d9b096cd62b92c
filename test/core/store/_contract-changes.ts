/** Store contract, change log: seq and position numbering, range reads, idempotent event ids. */

import { expect, it } from 'vitest';
import type { ChangeRow } from '../../../src/core/store/store-port.ts';
import { change, expectSyncError, snapshot, type StoreRef } from './_contract-fixtures.ts';

const seqs = (rows: ChangeRow[]): number[] => rows.map((r) => r.seq);
const ids = (rows: ChangeRow[]): string[] => rows.map((r) => r.eventId);

export function changeLogContract(store: StoreRef): void {
  it('an empty store has lastSeq() 0 and no changes', async () => {
    expect(await store().lastSeq()).toBe(0);
    expect(await store().changesSince(0)).toEqual([]);
    expect(await store().countChanges('patient')).toBe(0);
    expect(await store().feedChanges('patient', { from: 0, limit: 10 })).toEqual([]);
  });

  it('applyBatch() numbers changes from seq 1 in plan order across batches, with positions per category', async () => {
    const first = await store().applyBatch({ changes: [change('e1', 'patient', 1), change('e2', 'location', 2), change('e3', 'patient', 3)] });
    const second = await store().applyBatch({ changes: [change('e4', 'location', 4), change('e5', 'patient', 5)] });
    expect(first.ok && second.ok).toBe(true);
    const stored = await store().changesSince(0);
    expect(seqs(stored)).toEqual([1, 2, 3, 4, 5]);
    expect(ids(stored)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(stored.map((r) => r.position)).toEqual([0, 0, 1, 1, 2]);
    expect(first.ok ? first.changes : []).toEqual(stored.slice(0, 3));
    expect(second.ok ? second.changes : []).toEqual(stored.slice(3));
    expect(await store().lastSeq()).toBe(5);
  });

  it('stores every field of a change row', async () => {
    const full = change('e1', 'patient', 1, {
      action: 'VOIDED', origin: 'child', originId: 'tablet-7', at: 1772427642000,
      filters: ['<feedFilter><bean>location</bean><value>Kenya%Nairobi%*</value></feedFilter>'],
    });
    await store().applyBatch({ changes: [full, change('e2', 'patient', 2, { origin: 'parent' })] });
    const [row, plain] = await store().changesSince(0);
    expect(row).toEqual({ ...full, seq: 1, position: 0 });
    expect(plain).toEqual({ ...change('e2', 'patient', 2, { origin: 'parent' }), seq: 2, position: 1 });
  });

  it('changesSince() returns rows after a seq, in order, up to a limit', async () => {
    await store().applyBatch({ changes: [1, 2, 3, 4, 5, 6].map((n) => change(`e${n}`, n % 2 ? 'patient' : 'location', n)) });
    expect(seqs(await store().changesSince(2))).toEqual([3, 4, 5, 6]);
    expect(seqs(await store().changesSince(2, { limit: 3 }))).toEqual([3, 4, 5]);
    expect(seqs(await store().changesSince(0, { limit: 1 }))).toEqual([1]);
    expect(await store().changesSince(6)).toEqual([]);
  });

  it('feedChanges() and countChanges() read one category feed by position', async () => {
    await store().applyBatch({ changes: [1, 2, 3].map((n) => change(`p${n}`, 'patient', n)) });
    await store().applyBatch({ changes: [change('l1', 'location', 9), ...[4, 5].map((n) => change(`p${n}`, 'patient', n))] });
    expect(await store().countChanges('patient')).toBe(5);
    expect(await store().countChanges('location')).toBe(1);
    expect(await store().countChanges('visit')).toBe(0);
    const window = await store().feedChanges('patient', { from: 1, limit: 3 });
    expect(ids(window)).toEqual(['p2', 'p3', 'p4']);
    expect(window.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(ids(await store().feedChanges('patient', { from: 3, limit: 10 }))).toEqual(['p4', 'p5']);
    expect(await store().feedChanges('patient', { from: 5, limit: 10 })).toEqual([]);
    expect(ids(await store().feedChanges('location', { from: 0, limit: 5 }))).toEqual(['l1']);
  });

  it('applyBatch() skips a change whose event id is already logged, keeping its first seq', async () => {
    await store().applyBatch({ changes: [change('e1', 'patient', 1), change('e2', 'patient', 2)] });
    const result = await store().applyBatch({
      changes: [change('e2', 'patient', 2, { hash: 'z'.repeat(64) }), change('e3', 'patient', 3)],
    });
    expect(result.ok && result.changes.map((r) => [r.eventId, r.seq, r.position])).toEqual([['e3', 3, 2]]);
    const stored = await store().changesSince(0);
    expect(ids(stored)).toEqual(['e1', 'e2', 'e3']);
    expect(stored[1]).toEqual({ ...change('e2', 'patient', 2), seq: 2, position: 1 });
    expect(await store().countChanges('patient')).toBe(3);
  });

  it('applyBatch() rejects one event id twice in a plan and writes nothing', async () => {
    await store().applyBatch({ changes: [change('e1', 'patient', 1)] });
    const before = await snapshot(store());
    await expectSyncError(store().applyBatch({ changes: [change('e2', 'patient', 2), change('e2', 'patient', 3)] }), 'STORE_BATCH_INVALID');
    expect(await snapshot(store())).toEqual(before);
  });
}
