// The Dexie store over Chromium's real IndexedDB: the shared contract unchanged, plus what only a real browser shows.
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ObjectRow } from '../../src/browser/dexie-store/dexie-schema.ts';
import { openDexieStore } from '../../src/browser/dexie-store/open-dexie-store.ts';
import { auditRow, change, expectSyncError, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';
import { runStoreContract } from '../core/store/store-contract.ts';
import { dexieBatchEquivalence } from './_dexie-batch-equivalence.ts';
import { deleteDatabase, freshChromiumStore } from './_fresh-chromium-store.ts';

/** One row of the objects table, read with plain IndexedDB (the connection closed again). */
async function readObjectRow(name: string, key: [string, string]): Promise<ObjectRow> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    return await new Promise<ObjectRow>((resolve, reject) => {
      const request = db.transaction('objects', 'readonly').objectStore('objects').get(key);
      request.onsuccess = () => resolve(request.result as ObjectRow);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

// Dexie's debug mode (on for pages served from localhost) traces every rejected table call, and
// a batch the store first tries optimistically then applies checked (a replay) has one on purpose.
Dexie.debug = false;

runStoreContract('dexie (chromium)', freshChromiumStore);

describe('openDexieStore() in Chromium', () => {
  dexieBatchEquivalence(freshChromiumStore, { runs: 25 });

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

  it('refuses a plan holding a function in an object body as not cloneable, writing nothing', async () => {
    const store = await freshChromiumStore();
    await store.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)] });
    const before = await snapshot(store);
    const plan = {
      preconditions: [{ category: 'patient', uuid: uuid(2), version: null }],
      objects: [obj('patient', 2), obj('patient', 3, { body: { fn: () => 1 } as never })],
      changes: [change('e2', 'patient', 2)], audit: [auditRow(2)],
    };
    await expect(store.applyBatch(plan)).rejects.toMatchObject({
      code: 'STORE_BATCH_INVALID', details: { path: 'plan', problem: 'not cloneable' },
    });
    expect(await snapshot(store)).toEqual(before);
    await store.close();
  });

  it('stores a pulled object\'s base body, the body itself, once: the row read back holds one object for both', async () => {
    const store = await freshChromiumStore();
    const pulled = obj('patient', 1);
    await store.applyBatch({ objects: [{ ...pulled, base: { body: pulled.body, hash: pulled.hash } }] });
    const row = await readObjectRow(store.name, ['patient', uuid(1)]);
    expect(row.object.base?.body).toBe(row.object.body);
    await store.close();
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
