/** The SQL store's reads of sync state: feed markers, failed events, conflicts and settings. */

import type { Json, SyncStore } from '../../core/store/store-port.ts';
import {
  conflictColumns, failedEventColumns, markerColumns, toConflictRecord, toFailedEvent, toFeedMarker,
} from './row-mappers.ts';
import type { SqlQueryable } from './sql-client.ts';
import { whereClause } from './sql-params.ts';

type StateReads = Pick<
  SyncStore,
  'getMarker' | 'listMarkers' | 'listFailedEvents' | 'getFailedEvent' | 'listConflicts' | 'getConflict' | 'getSetting'
>;

/** The sync-state reads of a SyncStore over `db`. */
export function stateReads(db: SqlQueryable): StateReads {
  return {
    async getMarker(feed) {
      const rows = await db.query(`select ${markerColumns} from markers where feed = $1`, [feed]);
      return rows[0] && toFeedMarker(rows[0]);
    },
    async listMarkers() {
      return (await db.query(`select ${markerColumns} from markers order by feed`)).map(toFeedMarker);
    },
    async listFailedEvents({ direction, dead, dueBy } = {}) {
      const where = whereClause([
        ['direction = ?', direction], ['dead = ?', dead],
        ['(not dead and next_retry_at is not null and next_retry_at <= ?)', dueBy],
      ]);
      const rows = await db.query(`select ${failedEventColumns} from failed_events ${where.sql} order by id`, where.params);
      return rows.map(toFailedEvent);
    },
    async getFailedEvent(id) {
      const rows = await db.query(`select ${failedEventColumns} from failed_events where id = $1`, [id]);
      return rows[0] && toFailedEvent(rows[0]);
    },
    async listConflicts({ open } = {}) {
      const filter = open === undefined ? '' : open ? 'where resolved_at is null' : 'where resolved_at is not null';
      const rows = await db.query(`select ${conflictColumns} from conflicts ${filter} order by created_at, id`);
      return rows.map(toConflictRecord);
    },
    async getConflict(id) {
      const rows = await db.query(`select ${conflictColumns} from conflicts where id = $1`, [id]);
      return rows[0] && toConflictRecord(rows[0]);
    },
    async getSetting<T extends Json>(key: string) {
      const rows = await db.query('select value from settings where key = $1', [key]);
      return rows[0]?.['value'] as T | undefined;
    },
  };
}
