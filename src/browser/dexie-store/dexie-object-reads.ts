/** The Dexie store's object reads: by key, by a list of uuids, pages by uuid, counts per category. */

import type { StoredObject, SyncStore } from '../../core/store/store-port.ts';
import { maxKey, minKey, type ObjectRow, type SyncDexie } from './dexie-schema.ts';

type ObjectReads = Pick<SyncStore, 'getObject' | 'getObjects' | 'listObjects' | 'countObjects'>;

const unwrap = (rows: (ObjectRow | undefined)[]): StoredObject[] =>
  rows.flatMap((row) => (row ? [row.object] : []));

/** The port's object reads over `db`'s `objects` table. */
export function dexieObjectReads(db: SyncDexie): ObjectReads {
  return {
    async getObject(category, uuid) {
      return (await db.objects.get([category, uuid]))?.object;
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
    countObjects: () => db.transaction('r', db.objects, () => countPerCategory(db)),
  };
}

/**
 * Live and removed counts of each category that holds objects: a skip scan over the
 * [category+gone+uuid] index, two index counts and one jump per category.
 */
async function countPerCategory(db: SyncDexie): Promise<Record<string, { live: number; removed: number }>> {
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
