/** SQL-store tests shared by the PGlite and PostgreSQL suites: a base that is the body is stored once, and schema 1 rows migrate. */

import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../src/core/store/store-port.ts';
import { createSqlStore, type SqlStore } from '../../src/edge/sql-store/create-sql-store.ts';
import { migrateSchema } from '../../src/edge/sql-store/migrate-schema.ts';
import { migrations } from '../../src/edge/sql-store/migrations.ts';
import type { SqlClient, SqlQueryable } from '../../src/edge/sql-store/sql-client.ts';
import { obj, uuid } from '../core/store/_contract-fixtures.ts';

export interface BaseBodyTestKit {
  /** An empty, fully migrated store. */
  freshStore(): Promise<SqlStore>;
  /** A client on an empty database with no schema at all; the test closes it. */
  emptyClient(): Promise<SqlClient>;
}

/** An object as a pull writes it: its base is the very body object. */
function pulled(n: number): StoredObject {
  const object = obj('patient', n);
  return { ...object, base: { body: object.body, hash: object.hash, version: object.version } };
}

/** The same, with a base that differs from the body (a local edit on top of a pulled version). */
function edited(n: number): StoredObject {
  const object = obj('patient', n, { version: 'v2' });
  return { ...object, body: { ...object.body, name: 'Edited' }, base: { body: object.body, hash: object.hash, version: 'v1' } };
}

async function storedColumns(db: SqlQueryable, n: number) {
  const [row] = await db.query(
    'select base_body, base_is_body, base_hash from objects where category = $1 and uuid = $2', ['patient', uuid(n)],
  );
  return row;
}

/** Registers the tests on `kit`. */
export function runBaseBodyTests(name: string, kit: BaseBodyTestKit): void {
  describe(`SQL store (${name}): a base that is the body is stored once`, () => {
    it('applyBatch() stores a pulled object\'s base body once and reads it back as an equal, separate object', async () => {
      const store = await kit.freshStore();
      const object = pulled(1);
      await store.applyBatch({ objects: [object] });
      expect(await storedColumns(store.sql, 1)).toEqual({ base_body: null, base_is_body: true, base_hash: object.hash });
      for (const read of [await store.getObject('patient', uuid(1)), (await store.getObjects('patient', [uuid(1)]))[0],
        (await store.listObjects({ category: 'patient' }))[0]]) {
        expect(read).toEqual(object);
        expect(read?.base?.body).toEqual(read?.body);
        expect(read?.base?.body).not.toBe(read?.body);
      }
    });

    it('applyBatch() keeps a base body that differs from the body, and replacing a pulled row with it clears the flag', async () => {
      const store = await kit.freshStore();
      await store.applyBatch({ objects: [pulled(1)] });
      const object = edited(1);
      await store.applyBatch({ objects: [object] });
      expect(await storedColumns(store.sql, 1)).toMatchObject({ base_body: object.base?.body, base_is_body: false });
      expect(await store.getObject('patient', uuid(1))).toEqual(object);
    });

    it('applyBatch() stores a base of an equal but separate body as given, and an object without base with neither', async () => {
      const store = await kit.freshStore();
      const separate = obj('patient', 1);
      separate.base = { body: structuredClone(separate.body), hash: separate.hash };
      await store.applyBatch({ objects: [separate, obj('patient', 2)] });
      expect(await store.getObject('patient', uuid(1))).toEqual(separate);
      expect(await storedColumns(store.sql, 2)).toEqual({ base_body: null, base_is_body: false, base_hash: null });
      expect((await store.getObject('patient', uuid(2)))?.base).toBeUndefined();
    });
  });

  describe(`migrateSchema() (${name}) from schema version 1`, () => {
    it('migrateSchema() folds a version-1 base body equal to the body into the flag, and reads stay the same', async () => {
      const client = await kit.emptyClient();
      let store: SqlStore | undefined;
      try {
        expect(await migrateSchema(client, { migrations: migrations.filter((m) => m.version === 1) })).toEqual([1]);
        const rows = [pulled(1), edited(2), obj('patient', 3), { ...pulled(4), body: null, removed: true, base: { body: null, hash: 'h4' } }];
        await insertVersion1Rows(client, rows);
        expect(await migrateSchema(client)).toEqual([2]);
        expect(await storedColumns(client, 1)).toEqual({ base_body: null, base_is_body: true, base_hash: rows[0]?.hash });
        expect(await storedColumns(client, 2)).toMatchObject({ base_body: rows[1]?.base?.body, base_is_body: false });
        expect(await storedColumns(client, 3)).toEqual({ base_body: null, base_is_body: false, base_hash: null });
        store = await createSqlStore(client);
        const read = await store.listObjects({ category: 'patient', includeRemoved: true });
        expect(read).toEqual(rows);
        expect(read[0]?.base?.body).not.toBe(read[0]?.body);
      } finally {
        await (store ? store.close() : client.close());
      }
    });
  });
}

/** Writes `objects` the way schema version 1 stored them: the base body always in its own column. */
async function insertVersion1Rows(db: SqlQueryable, objects: readonly StoredObject[]): Promise<void> {
  for (const o of objects) {
    await db.query(
      `insert into objects (category, uuid, representation, body, hash, version, removed, base_body, base_hash, base_version, updated_at)
       values ($1, $2, $3, $4::text::jsonb, $5, $6, $7, $8::text::jsonb, $9, $10, $11)`,
      [o.category, o.uuid, o.representation, jsonOrNull(o.body), o.hash, o.version, o.removed,
        jsonOrNull(o.base?.body ?? null), o.base?.hash ?? null, o.base?.version ?? null, o.updatedAt],
    );
  }
}

/** JSON text for a jsonb parameter; null stays SQL null, as the version-1 writes stored it. */
const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
