import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDexieStore } from '../../src/browser/dexie-store/create-dexie-store.ts';
import type { SyncDexie } from '../../src/browser/dexie-store/dexie-schema.ts';
import { createSyncDexie } from '../../src/browser/dexie-store/open-dexie-store.ts';
import type { BatchPlan, SyncStore } from '../../src/core/store/store-port.ts';
import { auditRow, change, marker, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';

/** IndexedDB work a store did, counted by a Dexie middleware: read-write transactions and reads per table. */
interface Tally {
  readWrite: number;
  reads: Record<string, number>;
}

async function countingStore(): Promise<{ store: SyncStore; tally: Tally; db: SyncDexie }> {
  const tally: Tally = { readWrite: 0, reads: {} };
  const db = createSyncDexie({ name: 'counted', indexedDB: new IDBFactory(), IDBKeyRange });
  const read = (table: string, method: string) => {
    tally.reads[`${table}.${method}`] = (tally.reads[`${table}.${method}`] ?? 0) + 1;
  };
  db.use({
    stack: 'dbcore', name: 'tally',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        if (mode === 'readwrite') tally.readWrite += 1;
        return down.transaction(stores, mode, options);
      },
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          get: (req) => (read(name, 'get'), table.get(req)),
          getMany: (req) => (read(name, 'getMany'), table.getMany(req)),
          count: (req) => (read(name, 'count'), table.count(req)),
          query: (req) => (read(name, 'query'), table.query(req)),
          openCursor: (req) => (read(name, 'openCursor'), table.openCursor(req)),
        };
      },
    }),
  });
  return { store: await createDexieStore(db), tally, db };
}

/** A pulled page: new objects that must not exist yet, their change and audit rows, the marker. */
const pulledPage = (from: number, count: number): Required<Pick<BatchPlan, 'preconditions' | 'objects' | 'changes' | 'audit' | 'markers'>> => {
  const ns = Array.from({ length: count }, (_, i) => from + i);
  return {
    preconditions: ns.map((n) => ({ category: 'patient', uuid: uuid(n), version: null })),
    objects: ns.map((n) => obj('patient', n)),
    changes: ns.map((n) => change(`e${n}`, 'patient', n)),
    audit: ns.map((n) => auditRow(n)),
    markers: [marker('patient', { lastEntryId: `e${from + count - 1}` })],
  };
};

describe('applyDexieBatch()', () => {
  it('writes a pulled page in one read-write transaction, reading neither its objects nor its event ids', async () => {
    const { store, tally } = await countingStore();
    await store.applyBatch(pulledPage(1, 5));
    tally.readWrite = 0;
    tally.reads = {};
    const result = await store.applyBatch(pulledPage(6, 5));
    expect(result.ok && result.changes.map((r) => [r.seq, r.position])).toEqual([[6, 5], [7, 6], [8, 7], [9, 8], [10, 9]]);
    expect(tally.readWrite).toBe(1);
    expect(Object.keys(tally.reads).filter((key) => key.startsWith('objects.') || key === 'changes.count')).toEqual([]);
    await store.close();
  });

  it('applies a replayed page in a second, checked transaction that skips the logged events', async () => {
    const { store, tally } = await countingStore();
    await store.applyBatch(pulledPage(1, 3));
    const once = await snapshot(store);
    tally.readWrite = 0;
    // As the pull plans it again after a crash: the objects are stored now, at the versions written.
    const replay = { ...pulledPage(1, 3), preconditions: [1, 2, 3].map((n) => ({ category: 'patient', uuid: uuid(n), version: 'v1' })) };
    expect(await store.applyBatch(replay)).toMatchObject({ ok: true, changes: [] });
    expect(tally.readWrite).toBe(2);
    expect({ ...(await snapshot(store)), audit: [] }).toEqual({ ...once, audit: [] });
    await store.close();
  });

  it('reports the first failed precondition in plan order, also when an earlier one is checked by writing its object', async () => {
    const { store } = await countingStore();
    await store.applyBatch({ objects: [obj('patient', 1), obj('patient', 2)] });
    const before = await snapshot(store);
    const mustBeNew = { category: 'patient', uuid: uuid(1), version: null };
    const stale = { category: 'patient', uuid: uuid(2), version: 'v0' };
    const plan = { preconditions: [mustBeNew, stale], objects: [obj('patient', 1, { version: 'v2' })], audit: [auditRow(1)] };
    expect(await store.applyBatch(plan)).toEqual({ ok: false, reason: 'precondition', failed: mustBeNew, actual: 'v1' });
    expect(await snapshot(store)).toEqual(before);
    await store.close();
  });

  const fn = () => 1;
  it.each([
    ['an object body', { objects: [obj('patient', 1), obj('patient', 2, { body: { fn } as never })] }],
    ['an object body, with a failing precondition', {
      preconditions: [{ category: 'patient', uuid: uuid(9), version: 'v9' }], objects: [obj('patient', 1, { body: { fn } as never })],
    }],
    ['an object, in an otherwise invalid plan', { objects: [obj('patient', 1, { body: { fn } as never })], markers: [{ feed: '' }] }],
    ['a precondition', { preconditions: [{ category: 'patient', uuid: uuid(1), version: null, fn } as never], objects: [obj('patient', 1)] }],
    ['a change already logged', { changes: [change('e0', 'patient', 1, { fn } as never)] }],
  ] as [string, BatchPlan][])('refuses a plan holding a function in %s as not cloneable, writing nothing', async (_, plan) => {
    const { store } = await countingStore();
    await store.applyBatch({ changes: [change('e0', 'patient', 1)], settings: { s1: 1 } });
    const before = await snapshot(store);
    await expect(store.applyBatch({ ...plan, settings: { s1: 2 } })).rejects.toMatchObject({
      code: 'STORE_BATCH_INVALID', details: { path: 'plan', problem: 'not cloneable' },
    });
    expect(await snapshot(store)).toEqual(before);
    await store.close();
  });

  it('stores a base body that is the body itself once: the row read back holds one object for both', async () => {
    const { store, db } = await countingStore();
    const pulled = obj('patient', 1);
    const edited = obj('patient', 2);
    await store.applyBatch({
      objects: [{ ...pulled, base: { body: pulled.body, hash: pulled.hash } }, { ...edited, base: { body: { ...edited.body }, hash: edited.hash } }],
    });
    const [one, two] = await db.objects.bulkGet([['patient', uuid(1)], ['patient', uuid(2)]]);
    expect(one?.object.base?.body).toBe(one?.object.body);
    expect(two?.object.base?.body).not.toBe(two?.object.body);
    const read = await store.getObject('patient', uuid(1));
    expect(read).toEqual({ ...pulled, base: { body: pulled.body, hash: pulled.hash } });
    // Read back, body and base body are separate: editing the body in place leaves the merge base alone.
    expect(read?.base?.body).not.toBe(read?.body);
    const [listed] = await store.getObjects('patient', [uuid(1)]);
    expect(listed?.base?.body).not.toBe(listed?.body);
    await store.close();
  });

  it('returns numbered rows that share nothing with the plan, and keeps no part of it', async () => {
    const { store } = await countingStore();
    const plan = { ...pulledPage(1, 1), changes: [change('e1', 'patient', 1, { filters: ['<f>1</f>'] })] };
    const result = await store.applyBatch(plan);
    if (!result.ok) throw new Error('expected the batch to apply');
    result.changes[0]!.filters!.push('<f>added</f>');
    (result.audit[0]!.details ??= {})['added'] = true;
    expect(plan.changes[0]!.filters).toEqual(['<f>1</f>']);
    expect(plan.audit[0]!.details).toBeUndefined();
    (plan.objects[0]!.body as { name: string }).name = 'Mutated after write';
    expect(await store.getObject('patient', uuid(1))).toEqual(obj('patient', 1));
    expect((await store.changesSince(0))[0]?.filters).toEqual(['<f>1</f>']);
    await store.close();
  });
});
