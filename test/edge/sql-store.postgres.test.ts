/** The SQL store on a real PostgreSQL (TEST_DATABASE_URL): the store contract, concurrent writers and readers, locks. */

import { afterAll, describe, expect, it } from 'vitest';
import type { BatchPlan, ChangeRow, StoredObject } from '../../src/core/store/store-port.ts';
import { createSqlStore } from '../../src/edge/sql-store/create-sql-store.ts';
import { migrateSchema } from '../../src/edge/sql-store/migrate-schema.ts';
import { openSqlStore, type SqlStore } from '../../src/edge/sql-store/open-sql-store.ts';
import { openPostgresClient } from '../../src/edge/sql-store/postgres-client.ts';
import type { SqlClient } from '../../src/edge/sql-store/sql-client.ts';
import { truncateSqlStore } from '../../src/edge/sql-store/truncate-sql-store.ts';
import { change, expectSyncError, obj, uuid } from '../core/store/_contract-fixtures.ts';
import { runStoreContract } from '../core/store/store-contract.ts';
import { runBaseBodyTests } from './_sql-base-body-tests.ts';

const databaseUrl = process.env['TEST_DATABASE_URL'];

describe('openSqlStore() with a PostgreSQL URL', () => {
  it('openSqlStore() fails with STORE_UNAVAILABLE when the server cannot be reached', async () => {
    await expectSyncError(openSqlStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }), 'STORE_UNAVAILABLE');
  });
});

const underCi = process.env['CI'] === 'true';

if (!databaseUrl && underCi) {
  describe('SQL store on PostgreSQL', () => {
    it('has a database: TEST_DATABASE_URL must be set under CI (source .ci/postgres.sh)', () => {
      throw new Error('TEST_DATABASE_URL is not set, so the PostgreSQL store tests cannot run; CI must source .ci/postgres.sh');
    });
  });
} else if (!databaseUrl) {
  console.warn('[sql-store] PostgreSQL tests SKIPPED: set TEST_DATABASE_URL (e.g. `source .ci/postgres.sh`) to run them');
  describe.skip('SQL store on PostgreSQL (skipped: TEST_DATABASE_URL is not set; run `source .ci/postgres.sh`)', () => {
    it('runs the store contract against PostgreSQL', () => {});
  });
} else {
  postgresSuite(databaseUrl);
}

function postgresSuite(url: string): void {
  // Every run works in its own schemas, so runs and other suites sharing the database never meet.
  const runId = `t${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const schemas: string[] = [];
  const opened: { close(): Promise<void> }[] = [];
  const schema = (name: string): string => {
    const full = `sync2_${runId}_${name}`;
    schemas.push(full);
    return full;
  };
  const open = async (name: string): Promise<SqlStore> => {
    const store = await openSqlStore({ databaseUrl: url, schema: name });
    opened.push(store);
    return store;
  };

  let shared: Promise<SqlClient> | undefined;
  const sharedClient = (): Promise<SqlClient> => {
    shared ??= (async () => {
      const client = openPostgresClient(url, { schema: schema('contract') });
      await migrateSchema(client);
      return client;
    })();
    return shared;
  };

  afterAll(async () => {
    for (const store of opened) await store.close();
    const client = await shared;
    for (const name of schemas) await client?.query(`drop schema if exists "${name}" cascade`);
    await client?.close();
  });

  const freshStore = async () => {
    const client = await sharedClient();
    await truncateSqlStore(client);
    return createSqlStore(client, { closeClient: false });
  };
  runStoreContract('postgres', freshStore);
  runBaseBodyTests('postgres', { freshStore, emptyClient: async () => openPostgresClient(url, { schema: schema('v1') }) });

  describe('SQL store on PostgreSQL', () => {
    it('openSqlStore() migrates once when several instances start together', async () => {
      const name = schema('migrate');
      const stores = await Promise.all(Array.from({ length: 4 }, () => open(name)));
      const versions = await stores[0]!.sql.query('select version from schema_migrations order by version');
      expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
      expect(await Promise.all(stores.map((s) => s.lastSeq()))).toEqual([0, 0, 0, 0]);
    });

    it('8 writers on separate connections and a paging reader: every row seen once, in seq order, no gaps', async () => {
      const name = schema('concurrent');
      const writers = await Promise.all(Array.from({ length: 8 }, () => open(name)));
      const reader = await open(name);
      let written = 0;
      const writing = Promise.all(writers.map(async (store, w) => {
        for (let b = 0; b < 12; b += 1) {
          const size = 1 + ((w * 7 + b * 3) % 9);
          const plan: BatchPlan = {
            objects: Array.from({ length: size }, (_, i) => obj(i % 2 ? 'patient' : 'location', w * 10_000 + b * 100 + i)),
            changes: Array.from({ length: size }, (_, i) => change(`w${w}-b${b}-${i}`, i % 2 ? 'patient' : 'location', w * 10_000 + b * 100 + i)),
          };
          await store.applyBatch(plan);
          written += size;
        }
      }));
      let done = false;
      void writing.then(() => undefined, () => undefined).then(() => (done = true));
      const seen: ChangeRow[] = [];
      // Keep reading until the writers are done and a read after that comes back empty.
      for (let finished = false; ;) {
        const page = await reader.changesSince(seen.at(-1)?.seq ?? 0, { limit: 7 });
        seen.push(...page);
        if (page.length === 0 && finished) break;
        finished = done;
      }
      await writing;
      expect(seen.map((r) => r.seq)).toEqual(Array.from({ length: written }, (_, i) => i + 1));
      expect(new Set(seen.map((r) => r.eventId)).size).toBe(written);
      for (const category of ['patient', 'location']) {
        const positions = seen.filter((r) => r.category === category).map((r) => r.position);
        expect(positions).toEqual(positions.map((_, i) => i));
      }
      expect(seen).toEqual(await reader.changesSince(0));
    }, 60_000);

    it('withRunLock() keeps a name to one instance at a time, and apart from stores in other schemas', async () => {
      const name = schema('locks');
      const [a, b] = await Promise.all([open(name), open(name)]);
      const other = await open(schema('locks_other'));
      let release!: () => void;
      let entered!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const holding = new Promise<void>((resolve) => (entered = resolve));
      const holder = a.withRunLock('pull', async () => { entered(); await gate; return 'a'; });
      await holding;
      expect(await b.withRunLock('pull', async () => 'b')).toEqual({ acquired: false });
      expect(await other.withRunLock('pull', async () => 'other')).toEqual({ acquired: true, value: 'other' });
      const waiter = b.withRunLock('pull', async () => 'b waited', { wait: true });
      release();
      expect(await holder).toEqual({ acquired: true, value: 'a' });
      expect(await waiter).toEqual({ acquired: true, value: 'b waited' });
      expect(await a.withRunLock('pull', async () => 'a again')).toEqual({ acquired: true, value: 'a again' });
    }, 30_000);

    it('prints objects written per second in batches of 500 (a figure, not a check)', async () => {
      const store = await open(schema('throughput'));
      const started = performance.now();
      for (let b = 0; b < 20; b += 1) {
        const objects = Array.from({ length: 500 }, (_, i) => patient(b * 500 + i));
        await store.applyBatch({
          objects,
          changes: objects.map((o) => change(`w-${o.uuid}`, 'patient', 0, { uuid: o.uuid, action: 'CREATED', hash: o.hash })),
        });
      }
      const seconds = (performance.now() - started) / 1000;
      console.info(`[sql-store] PostgreSQL: 10000 objects in ${seconds.toFixed(2)} s = ${Math.round(10_000 / seconds)} objects/s (batches of 500, with change rows)`);
      expect(await store.lastSeq()).toBe(10_000);
    }, 120_000);
  });
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
