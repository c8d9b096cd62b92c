/** The SQL store's change-log and audit reads. */

import type { SyncStore } from '../../core/store/store-port.ts';
import { auditColumns, changeColumns, toAuditRow, toChangeRow } from './row-mappers.ts';
import type { SqlQueryable } from './sql-client.ts';
import { limitParam, whereClause } from './sql-params.ts';

type LogReads = Pick<SyncStore, 'changesSince' | 'feedChanges' | 'countChanges' | 'lastSeq' | 'listAudit' | 'lastAudit'>;

/** The change-log and audit reads of a SyncStore over `db`. */
export function logReads(db: SqlQueryable): LogReads {
  return {
    async changesSince(afterSeq, options = {}) {
      const rows = await db.query(
        `select ${changeColumns} from change_log where seq > $1 order by seq limit $2`,
        [clampSeq(afterSeq), limitParam(options.limit)],
      );
      return rows.map(toChangeRow);
    },
    async feedChanges(category, { from, limit }) {
      const start = Math.max(0, Math.floor(from));
      const end = Math.min(start + Math.max(0, Math.floor(limit)), Number.MAX_SAFE_INTEGER);
      const rows = await db.query(
        `select ${changeColumns} from change_log where category = $1 and position >= $2 and position < $3 order by position`,
        [category, start, end],
      );
      return rows.map(toChangeRow);
    },
    async countChanges(category) {
      // Positions are gapless from 0, so the count is the last position + 1: one index probe.
      const rows = await db.query('select max(position) as last from change_log where category = $1', [category]);
      const last = rows[0]?.['last'];
      return last === null || last === undefined ? 0 : Number(last) + 1;
    },
    async lastSeq() {
      const rows = await db.query('select max(seq) as last from change_log');
      return Number(rows[0]?.['last'] ?? 0);
    },
    async listAudit(query = {}) {
      const where = whereClause([
        ['operation = ?', query.operation], ['category = ?', query.category], ['uuid = ?', query.uuid],
        ['outcome = ?', query.outcome],
        ['seq < ?', query.beforeSeq === undefined ? undefined : clampSeq(Math.ceil(query.beforeSeq))],
      ]);
      const rows = await db.query(
        `select ${auditColumns} from audit ${where.sql} order by seq desc limit $${where.params.length + 1}`,
        [...where.params, limitParam(query.limit)],
      );
      return rows.map(toAuditRow);
    },
    async lastAudit() {
      const rows = await db.query(`select ${auditColumns} from audit order by seq desc limit 1`);
      return rows[0] && toAuditRow(rows[0]);
    },
  };
}

/** A sequence number as a bigint parameter: whole, ≥ 0 and no larger than the largest safe integer. */
function clampSeq(seq: number): number {
  return Math.min(Math.max(0, Math.floor(seq)), Number.MAX_SAFE_INTEGER);
}
