/** The SQL store on PGlite: the store contract, a data directory that survives reopening, and SQL-specific behaviour. */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchPlan, StoredObject } from '../../src/core/store/store-port.ts';
import { createSqlStore } from '../../src/edge/sql-store/create-sql-store.ts';
import { migrateSchema } from '../../src/edge/sql-store/migrate-schema.ts';
import { openSqlStore } from '../../src/edge/sql-store/open-sql-store.ts';
import { openPgliteClient } from '../../src/edge/sql-store/pglite-client.ts';
import type { SqlClient } from '../../src/edge/sql-store/sql-client.ts';
import { truncateSqlStore } from '../../src/edge/sql-store/truncate-sql-store.ts';
import { change, expectSyncError, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';
import { runStoreContract } from '../core/store/store-contract.ts';
import { runBaseBodyTests } from './_sql-base-body-tests.ts';

// PGlite takes seconds to open: one in-memory instance serves every test of this file,
// emptied before each store is made on it.
let shared: Promise<SqlClient> | undefined;
function sharedClient(): Promise<SqlClient> {
  shared ??= (async () => {
    const started = performance.now();
    const client = await openPgliteClient('memory');
    console.info(`[sql-store] PGlite in-memory open: ${Math.round(performance.now() - started)} ms`);
    await migrateSchema(client);
    return client;
  })();
  return shared;
}

async function freshStore() {
  const client = await sharedClient();
  await truncateSqlStore(client);
  return createSqlStore(client, { closeClient: false });
}

afterAll(async () => {
  await (await shared)?.close();
});

runStoreContract('pglite', freshStore);
runBaseBodyTests('pglite', { freshStore, emptyClient: () => openPgliteClient('memory') });

describe('openSqlStore() with a PGlite data directory', () => {
  it('openSqlStore() reopens a data directory and finds its data, numbering on from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sync2-pglite-'));
    try {
      const started = performance.now();
      const first = await openSqlStore({ dataDir: dir });
      console.info(`[sql-store] PGlite data-directory open (new): ${Math.round(performance.now() - started)} ms`);
      await first.applyBatch({
        objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)], settings: { s1: { pageSize: 100 } },
        audit: [{ at: 1, operation: 'pull', outcome: 'ok', instanceId: 'edge-a' }],
      });
      await first.close();

      const reopenedAt = performance.now();
      const second = await openSqlStore({ dataDir: dir });
      console.info(`[sql-store] PGlite data-directory open (existing): ${Math.round(performance.now() - reopenedAt)} ms`);
      try {
        expect(await second.getObject('patient', uuid(1))).toEqual(obj('patient', 1));
        expect(await second.getSetting('s1')).toEqual({ pageSize: 100 });
        expect((await second.lastAudit())?.seq).toBe(1);
        const next = await second.applyBatch({ changes: [change('e2', 'patient', 2)] });
        expect(next.ok && next.changes.map((r) => [r.seq, r.position])).toEqual([[2, 1]]);
        expect(await second.sql.query('select version from schema_migrations order by version')).toEqual([{ version: 1 }, { version: 2 }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('createSqlStore() on PGlite', () => {
  it('rejects every call after close() with STORE_UNAVAILABLE, leaving a shared client open', async () => {
    const store = await freshStore();
    await store.close();
    await expectSyncError(store.getObject('patient', 'x'), 'STORE_UNAVAILABLE');
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 1)] }), 'STORE_UNAVAILABLE');
    await expectSyncError(store.withRunLock('pull', async () => 1), 'STORE_UNAVAILABLE');
    expect(await (await sharedClient()).query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('applyBatch() rejects a plan holding values that cannot be copied, writing nothing', async () => {
    const store = await freshStore();
    const body = { fn: () => 1 } as never;
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 1), obj('patient', 2, { body })] }), 'STORE_BATCH_INVALID');
    expect(await store.countObjects()).toEqual({});
  });

  it('applyBatch() turns a value the database refuses (NUL in a JSON string) into STORE_BATCH_INVALID, writing nothing', async () => {
    const store = await freshStore();
    await store.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)] });
    const before = await snapshot(store);
    const plan: BatchPlan = {
      objects: [obj('patient', 2, { body: { text: 'a\u0000b' } })], changes: [change('e2', 'patient', 2)],
    };
    await expectSyncError(store.applyBatch(plan), 'STORE_BATCH_INVALID');
    expect(await snapshot(store)).toEqual(before);
  });

  it('migrateSchema() applies nothing to a database that is up to date', async () => {
    const client = await sharedClient();
    expect(await migrateSchema(client)).toEqual([]);
  });

  it('withRunLock() lets one run of a name at a time proceed, and the next after it ends', async () => {
    const store = await freshStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holder = store.withRunLock('pull', async () => { await gate; return 'first'; });
    expect(await store.withRunLock('pull', async () => 'second')).toEqual({ acquired: false });
    expect(await store.withRunLock('push', async () => 'other name')).toEqual({ acquired: true, value: 'other name' });
    const waiter = store.withRunLock('pull', async () => 'waited', { wait: true });
    release();
    expect(await holder).toEqual({ acquired: true, value: 'first' });
    expect(await waiter).toEqual({ acquired: true, value: 'waited' });
    expect(await store.withRunLock('pull', async () => 'again')).toEqual({ acquired: true, value: 'again' });
  });

  it('withRunLock() releases the lock when the run throws', async () => {
    const store = await freshStore();
    await expect(store.withRunLock('pull', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await store.withRunLock('pull', async () => 'after')).toEqual({ acquired: true, value: 'after' });
  });

  it('prints objects written per second in batches of 500 (a figure, not a check)', async () => {
    const store = await freshStore();
    const figure = await measureWrites(store, { batches: 20, batchSize: 500 });
    console.info(`[sql-store] PGlite: ${figure}`);
    expect(await store.lastSeq()).toBe(10_000);
  }, 120_000);
});

/** Writes `batches` batches of FHIR-sized patients with their change rows; returns a printable rate. */
async function measureWrites(
  store: { applyBatch(plan: BatchPlan): Promise<unknown> },
  { batches, batchSize }: { batches: number; batchSize: number },
): Promise<string> {
  const started = performance.now();
  for (let b = 0; b < batches; b += 1) {
    const objects = Array.from({ length: batchSize }, (_, i) => patient(b * batchSize + i));
    await store.applyBatch({
      objects,
      changes: objects.map((o) => change(`w-${o.uuid}`, 'patient', 0, { uuid: o.uuid, action: 'CREATED', hash: o.hash })),
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const count = batches * batchSize;
  return `${count} objects in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} objects/s (batches of ${batchSize}, with change rows)`;
}

function patient(n: number): StoredObject {
  const id = uuid(n);
  const body = {
    resourceType: 'Patient', id, meta: { versionId: '1772427642000', lastUpdated: '2026-03-02T10:20:42.000+00:00' },
    identifier: [{ system: 'http://openmrs.org/identifier', value: `10${n}-7`, use: 'official' }],
    active: true, gender: n % 2 ? 'female' : 'male', birthDate: '1987-06-14', deceasedBoolean: false,
    name: [{ id: `${id}-n`, family: 'Wanjiru', given: ['Amina', `N${n}`], use: 'official' }],
    address: [{ id: `${id}-a`, city: 'Nairobi', district: 'Westlands', country: 'Kenya', postalCode: '00100', use: 'home' }],
    telecom: [{ system: 'phone', value: '+254 700 000 000' }],
  };
  return { category: 'patient', uuid: id, representation: 'fhir', body, hash: `${n}`.padStart(64, '0'), version: '1', removed: false, updatedAt: n };
}
