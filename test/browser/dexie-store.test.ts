import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDexieStore } from '../../src/browser/dexie-store/open-dexie-store.ts';
import { auditRow, change, expectSyncError, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';
import { runStoreContract } from '../core/store/store-contract.ts';
import { dexieBatchEquivalence } from './_dexie-batch-equivalence.ts';
import { quotaOnPut } from './_quota-indexeddb.ts';

// A fresh IndexedDB per store: tests never see each other's databases.
runStoreContract('dexie (fake-indexeddb)', () => openDexieStore({ name: 'contract', indexedDB: new IDBFactory(), IDBKeyRange }));

describe('openDexieStore()', () => {
  dexieBatchEquivalence(() => openDexieStore({ name: 'equivalence', indexedDB: new IDBFactory(), IDBKeyRange }), { runs: 60 });

  it('keeps the data across a close and a reopen', async () => {
    const indexedDB = new IDBFactory();
    const first = await openDexieStore({ name: 'node', indexedDB, IDBKeyRange });
    await first.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)], audit: [auditRow(1)], settings: { s1: 'kept' } });
    const before = await snapshot(first);
    await first.close();
    const again = await openDexieStore({ name: 'node', indexedDB, IDBKeyRange });
    expect(await snapshot(again)).toEqual(before);
    const next = await again.applyBatch({ changes: [change('e2', 'patient', 2)], audit: [auditRow(2)] });
    expect(next.ok && [next.changes[0]?.seq, next.audit[0]?.seq]).toEqual([2, 2]);
    await again.close();
  });

  it('rejects every call after close() with STORE_UNAVAILABLE', async () => {
    const store = await openDexieStore({ name: 'node', indexedDB: new IDBFactory(), IDBKeyRange });
    await store.close();
    await expectSyncError(store.getObject('patient', uuid(1)), 'STORE_UNAVAILABLE');
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 1)] }), 'STORE_UNAVAILABLE');
  });

  it('rejects a plan holding values that cannot be copied, writing nothing', async () => {
    const store = await openDexieStore({ name: 'node', indexedDB: new IDBFactory(), IDBKeyRange });
    const body = { fn: () => 1 } as never;
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 1), obj('patient', 2, { body })] }), 'STORE_BATCH_INVALID');
    expect(await store.countObjects()).toEqual({});
    await store.close();
  });

  it('writes a batch larger than one bulk chunk in one go, numbered in order', async () => {
    const store = await openDexieStore({ name: 'node', indexedDB: new IDBFactory(), IDBKeyRange });
    const n = 12_345;
    const objects = Array.from({ length: n }, (_, i) => obj('patient', i + 1));
    const changes = objects.map((o, i) => change(`e${i}`, 'patient', i + 1));
    const result = await store.applyBatch({ objects, changes });
    expect(result.ok && result.changes.at(-1)).toMatchObject({ seq: n, position: n - 1 });
    expect(await store.countObjects()).toEqual({ patient: { live: n, removed: 0 } });
    expect(await store.countChanges('patient')).toBe(n);
    await store.close();
  });

  it('closes on versionchange, calls onVersionChange and lets the newer connection open', async () => {
    const indexedDB = new IDBFactory();
    let told = 0;
    const store = await openDexieStore({ name: 'node', indexedDB, IDBKeyRange, onVersionChange: () => { told += 1; } });
    await store.applyBatch({ objects: [obj('patient', 1)] });
    // A newer app version in another tab: a plain IndexedDB open at a higher version.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('node', 1_000);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked: the old connection did not close'));
    });
    expect(told).toBe(1);
    expect(upgraded.objectStoreNames.contains('objects')).toBe(true);
    upgraded.close();
    await expectSyncError(store.getObject('patient', uuid(1)), 'STORE_UNAVAILABLE');
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 2)] }), 'STORE_UNAVAILABLE');
    // The old code cannot open the newer database: a clear error, not a hang.
    await expectSyncError(openDexieStore({ name: 'node', indexedDB, IDBKeyRange }), 'STORE_UNAVAILABLE');
  });

  // `put`: the write itself throws, mid-batch (objects and changes already put); `commit`: the
  // last write (settings) succeeds and the transaction then aborts, as Chromium does.
  it.each([
    { when: 'put', store: 'audit' }, { when: 'commit', store: 'settings' },
  ] as const)('maps QuotaExceededError ($when on $store) to STORE_QUOTA, writing nothing of the batch', async ({ when, store: failing }) => {
    const quota = quotaOnPut(new IDBFactory(), { when, store: failing });
    const store = await openDexieStore({ name: 'node', indexedDB: quota.indexedDB, IDBKeyRange });
    await store.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)], settings: { s1: 0 } });
    const before = await snapshot(store);
    quota.arm();
    const plan = { objects: [obj('patient', 2)], changes: [change('e2', 'patient', 2)], audit: [auditRow(1)], settings: { s1: 1 } };
    await expectSyncError(store.applyBatch(plan), 'STORE_QUOTA');
    quota.disarm();
    expect(await snapshot(store)).toEqual(before);
    expect((await store.applyBatch(plan)).ok).toBe(true);
    await store.close();
  });
});
