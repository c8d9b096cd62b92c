/** The SQL store's object reads: by key, by page of uuids, and counts per category. */

import type { StoredObject, SyncStore } from '../../core/store/store-port.ts';
import { objectColumns, toStoredObject } from './row-mappers.ts';
import type { SqlQueryable } from './sql-client.ts';
import { limitParam } from './sql-params.ts';

type ObjectReads = Pick<SyncStore, 'getObject' | 'getObjects' | 'listObjects' | 'countObjects'>;

/** The object reads of a SyncStore over `db`. */
export function objectReads(db: SqlQueryable): ObjectReads {
  return {
    async getObject(category, uuid) {
      const rows = await db.query(`select ${objectColumns} from objects where category = $1 and uuid = $2`, [category, uuid]);
      return rows[0] && toStoredObject(rows[0]);
    },
    async getObjects(category, uuids) {
      const wanted = [...new Set(uuids)];
      if (wanted.length === 0) return [];
      const rows = await db.query(
        `select ${objectColumns} from objects
         where category = $1 and uuid in (select jsonb_array_elements_text($2::text::jsonb))`,
        [category, JSON.stringify(wanted)],
      );
      const byUuid = new Map(rows.map((row) => [row['uuid'] as string, toStoredObject(row)]));
      return wanted.map((uuid) => byUuid.get(uuid)).filter((o): o is StoredObject => o !== undefined);
    },
    async listObjects({ category, afterUuid, limit, includeRemoved = false }) {
      // Two statements rather than `($2 is null or uuid > $2)`, so a page after a uuid is an index range scan.
      const removed = includeRemoved ? '' : 'and not removed';
      const rows = afterUuid === undefined
        ? await db.query(
          `select ${objectColumns} from objects where category = $1 ${removed} order by uuid limit $2`,
          [category, limitParam(limit)],
        )
        : await db.query(
          `select ${objectColumns} from objects where category = $1 and uuid > $2 ${removed} order by uuid limit $3`,
          [category, afterUuid, limitParam(limit)],
        );
      return rows.map(toStoredObject);
    },
    async countObjects() {
      const rows = await db.query('select category, removed, count(*) as n from objects group by category, removed');
      const counts: Record<string, { live: number; removed: number }> = {};
      for (const row of rows) {
        const count = (counts[row['category'] as string] ??= { live: 0, removed: 0 });
        count[row['removed'] === true ? 'removed' : 'live'] = Number(row['n']);
      }
      return counts;
    },
  };
}
