/** The Dexie store's tables, row shapes and schema versions; a released version is never edited, only followed. */

import type { Dexie, Table, Transaction } from 'dexie';
import type {
  AuditRow, ChangeRow, ConflictRecord, FailedEvent, FeedMarker, Json, StoredObject,
} from '../../core/store/store-port.ts';

/**
 * An object as stored: the port's object wrapped with its key and a numeric removed flag,
 * because IndexedDB cannot index booleans and listing live objects needs an index.
 */
export interface ObjectRow {
  category: string;
  uuid: string;
  /** 1 when `object.removed`, else 0. */
  gone: 0 | 1;
  object: StoredObject;
}

export interface SettingRow {
  key: string;
  value: Json;
}

/** The store's tables: the database's own, or those bound to one transaction (`transactionTables`). */
export interface SyncTables {
  objects: Table<ObjectRow, [string, string]>;
  changes: Table<ChangeRow, number>;
  markers: Table<FeedMarker, string>;
  failedEvents: Table<FailedEvent, string>;
  audit: Table<AuditRow, number>;
  conflicts: Table<ConflictRecord, string>;
  settings: Table<SettingRow, string>;
}

/** A Dexie database with the store's tables. */
export type SyncDexie = Dexie & SyncTables;

/**
 * The tables bound to `tx`. Inside a transaction every call goes through these: the database's
 * own tables find the transaction through Dexie's zone, which a chain of native awaits can lose,
 * and a call outside the zone would run in a transaction of its own (not atomic with the rest,
 * and the real one would commit early).
 */
export function transactionTables(tx: Transaction): SyncTables {
  return {
    objects: tx.table('objects'), changes: tx.table('changes'), markers: tx.table('markers'),
    failedEvents: tx.table('failedEvents'), audit: tx.table('audit'), conflicts: tx.table('conflicts'),
    settings: tx.table('settings'),
  };
}

/** One schema version: Dexie's `stores()` spec (null deletes a table) and an optional data migration. */
export interface DexieSchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Runs inside the upgrade transaction; may only await IndexedDB work. */
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

// First key: the primary key. `&` marks a unique index, `[a+b]` a compound one.
// changes: by seq (primary), one row per event id, a category's feed by position.
// objects: by [category+uuid] (primary), live or removed objects of a category by uuid.
// failedEvents: by due time (rows without nextRetryAt, the dead letters, are not in that index).
const version1: DexieSchemaVersion = {
  version: 1,
  stores: {
    objects: '[category+uuid], [category+gone+uuid]',
    changes: 'seq, &eventId, &[category+position]',
    markers: 'feed',
    failedEvents: 'id, nextRetryAt',
    audit: 'seq',
    conflicts: 'id',
    settings: 'key',
  },
};

/**
 * Every schema version, oldest first. To change the schema, append
 * `{ version: 2, stores: { …only the tables that change… }, upgrade: (tx) => tx.table('x').toCollection().modify(…) }`
 * and add a test that opens a database written by version 1.
 */
export const dexieSchemaVersions: readonly DexieSchemaVersion[] = [version1];

/** Declares `versions` on `db` (before it opens). */
export function declareDexieSchema(db: Dexie, versions: readonly DexieSchemaVersion[] = dexieSchemaVersions): void {
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}

/** Below every key: the lowest number. */
export const minKey = -Infinity;
/** Above every string and number key: IndexedDB sorts arrays after all other key types. */
export const maxKey: never[][] = [[]];

export function toObjectRow(object: StoredObject): ObjectRow {
  return { category: object.category, uuid: object.uuid, gone: object.removed ? 1 : 0, object };
}
