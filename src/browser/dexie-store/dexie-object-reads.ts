/** The Dexie store's object reads: by key, by a list of uuids, pages by uuid, counts per category. */

import { copyJson } from '../../core/store/copy-json.ts';
import type { StoredObject, SyncStore } from '../../core/store/store-port.ts';
import { maxKey, minKey, type ObjectRow, type SyncDexie, type SyncTables } from './dexie-schema.ts';

type ObjectReads = Pick<SyncStore, 'getObject' | 'getObjects' | 'listObjects' | 'countObjects'>;

const unwrap = (rows: (ObjectRow | undefined)[]): StoredObject[] =>
  rows.flatMap((row) => (row ? [separateBase(row.object)] : []));

/**
 * A pulled object is stored once with `base.body` the same object as `body` (IndexedDB keeps the
 * sharing). Read back, they must be separate: a caller that edits `body` in place would otherwise
 * edit the base of the three-way merge too.
 */
function separateBase(object: StoredObject): StoredObject {
  const { base } = object;
  if (base === undefined || base.body !== object.body || object.body === null) return object;
  return { ...object, base: { ...base, body: copyJson(object.body) } };
}

/** The port's object reads over `db`'s `objects` table. */
export function dexieObjectReads(db: SyncDexie): ObjectReads {
  return {
    async getObject(category, uuid) {
      const row = await db.objects.get([category, uuid]);
      return row === undefined ? undefined : separateBase(row.object);
    },
    async getObjects(category, uuids) {
      const keys = [...new Set(uuids)].map((uuid): [string, string] => [category, uuid]);
      return keys.length ? unwrap(await db.objects.bulkGet(keys)) : [];
    },
    async listObjects({ category, afterUuid, limit, includeRemoved = false }) {
      if (limit !== undefined && limit <= 0) return [];
      const from = afterUuid ?? minKey;
      const includeFrom = afterUuid === undefined;
      // Live objects come from the [category+gone+uuid] index at gone = 0, all from the primary key.
      const range = includeRemoved
        ? db.objects.where('[category+uuid]').between([category, from], [category, maxKey], includeFrom, true)
        : db.objects.where('[category+gone+uuid]').between([category, 0, from], [category, 0, maxKey], includeFrom, true);
      return unwrap(await (limit === undefined ? range : range.limit(limit)).toArray());
    },
    // The reads go through the transaction's own table: see `transactionTables`.
    countObjects: () => db.transaction('r', db.objects, (tx) => countPerCategory({ objects: tx.table('objects') })),
  };
}

/**
 * Live and removed counts of each category that holds objects: a skip scan over the
 * [category+gone+uuid] index, two index counts and one jump per category.
 */
async function countPerCategory(db: Pick<SyncTables, 'objects'>): Promise<Record<string, { live: number; removed: number }>> {
  const index = () => db.objects.where('[category+gone+uuid]');
  const counts: Record<string, { live: number; removed: number }> = {};
  let next = await db.objects.orderBy('[category+gone+uuid]').first();
  while (next) {
    const category = next.category;
    const [live, removed] = await Promise.all([0, 1].map((gone) =>
      index().between([category, gone, minKey], [category, gone, maxKey]).count()));
    counts[category] = { live: live ?? 0, removed: removed ?? 0 };
    next = await index().above([category, maxKey]).first();
  }
  return counts;
}
