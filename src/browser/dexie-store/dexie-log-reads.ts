/** The Dexie store's reads of the two numbered logs: the change log and the audit. */

import type { AuditQuery, AuditRow, SyncStore } from '../../core/store/store-port.ts';
import { maxKey, minKey, type SyncDexie, type SyncTables } from './dexie-schema.ts';

type LogReads = Pick<SyncStore, 'changesSince' | 'feedChanges' | 'countChanges' | 'lastSeq' | 'listAudit' | 'lastAudit'>;

/** The port's change-log and audit reads over `db`. */
export function dexieLogReads(db: SyncDexie): LogReads {
  return {
    async changesSince(afterSeq, options = {}) {
      const { limit } = options;
      if (limit !== undefined && limit <= 0) return [];
      const range = db.changes.where('seq').above(afterSeq);
      return (limit === undefined ? range : range.limit(limit)).toArray();
    },
    async feedChanges(category, { from, limit }) {
      const start = Math.max(0, from);
      if (!(limit > 0)) return [];
      return db.changes.where('[category+position]').between([category, start], [category, start + limit], true, false).toArray();
    },
    countChanges: (category) => feedLength(db, category),
    lastSeq: () => lastChangeSeq(db),
    listAudit: (query = {}) => queryAudit(db, query),
    lastAudit: () => db.audit.orderBy('seq').last(),
  };
}

/** Rows in a category's feed: its last position plus one (positions are gap-free), without counting. */
export async function feedLength(db: Pick<SyncTables, 'changes'>, category: string): Promise<number> {
  const last = await db.changes.where('[category+position]').between([category, minKey], [category, maxKey]).last();
  return last ? last.position + 1 : 0;
}

/** The highest change seq, 0 for an empty log. */
export async function lastChangeSeq(db: Pick<SyncTables, 'changes'>): Promise<number> {
  return (await db.changes.orderBy('seq').last())?.seq ?? 0;
}

/** Audit rows matching `query`, newest first: a reverse walk of the seq order, filtered, up to the limit. */
async function queryAudit(db: SyncDexie, query: AuditQuery): Promise<AuditRow[]> {
  const { operation, category, uuid, outcome, beforeSeq, limit } = query;
  if (limit !== undefined && limit <= 0) return [];
  const range = beforeSeq === undefined ? db.audit.toCollection() : db.audit.where('seq').below(beforeSeq);
  const matching = range.reverse().filter((row) =>
    (operation === undefined || row.operation === operation) &&
    (category === undefined || row.category === category) &&
    (uuid === undefined || row.uuid === uuid) &&
    (outcome === undefined || row.outcome === outcome));
  return (limit === undefined ? matching : matching.limit(limit)).toArray();
}
