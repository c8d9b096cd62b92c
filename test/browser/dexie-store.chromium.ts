// The Dexie store over Chromium's real IndexedDB: the shared contract unchanged, plus what only a real browser shows.
import { describe, expect, it } from 'vitest';
import { openDexieStore } from '../../src/browser/dexie-store/open-dexie-store.ts';
import { auditRow, change, expectSyncError, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';
import { runStoreContract } from '../core/store/store-contract.ts';
import { deleteDatabase, freshChromiumStore } from './_fresh-chromium-store.ts';

runStoreContract('dexie (chromium)', freshChromiumStore);

describe('openDexieStore() in Chromium', () => {
  it('keeps the data across a close and a reopen', async () => {
    const name = `dexie-chromium-reopen-${Date.now()}`;
    const first = await openDexieStore({ name });
    await first.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)], audit: [auditRow(1)] });
    const before = await snapshot(first);
    await first.close();
    const again = await openDexieStore({ name });
    expect(await snapshot(again)).toEqual(before);
    await again.close();
    await deleteDatabase(name);
  });

  it('closes on versionchange and calls onVersionChange, so a newer version can open', async () => {
    let told = 0;
    const store = await freshChromiumStore({ onVersionChange: () => { told += 1; } });
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(store.name, 1_000);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked: the old connection did not close'));
    });
    newer.close();
    expect(told).toBe(1);
    await expectSyncError(store.getObject('patient', uuid(1)), 'STORE_UNAVAILABLE');
    await store.close();
  });

  it('writes 12,000 objects with their changes in one batch (over one bulk chunk), and prints the time', async () => {
    const store = await freshChromiumStore();
    const n = 12_000;
    const objects = Array.from({ length: n }, (_, i) => obj('patient', i + 1));
    const changes = objects.map((o, i) => change(`e${i}`, 'patient', i + 1));
    const started = performance.now();
    const result = await store.applyBatch({ objects, changes });
    const ms = performance.now() - started;
    const rate = Math.round((n / ms) * 1000);
    console.log(`dexie store in Chromium: applyBatch of ${n} objects + ${n} changes took ${ms.toFixed(0)} ms (${rate} objects/s)`);
    expect(result.ok && result.changes.at(-1)).toMatchObject({ seq: n, position: n - 1 });
    expect(await store.countObjects()).toEqual({ patient: { live: n, removed: 0 } });
    await store.close();
  });
});
