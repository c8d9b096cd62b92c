/** What numbering a batch needs from the Dexie store's logs, read in parallel inside the write transaction. */

import type { AuditRow, NewChange } from '../../core/store/store-port.ts';
import type { ChangeLogState } from '../../core/store/number-changes.ts';
import type { SyncTables } from './dexie-schema.ts';
import { feedLength, lastChangeSeq } from './dexie-log-reads.ts';

/** The change log's state for `numberChanges` and the newest audit row for `chainAuditRows`. */
export interface DexieLogState {
  log: ChangeLogState;
  lastAudit: AuditRow | undefined;
}

/**
 * Reads, all at once: the last seq and the feed length of each category in `changes`; the newest
 * audit row when `audit` (the batch appends audit rows); and when `lookUpEvents`, which of the
 * changes' event ids are logged already, with one index count per id (a single `anyOf` cursor
 * would visit them one after the other). Without `lookUpEvents` no event counts as logged: the
 * caller relies on the unique `eventId` index to fail the batch if one is.
 */
export async function readDexieLogState(
  db: SyncTables, changes: readonly NewChange[], options: { lookUpEvents: boolean; audit: boolean },
): Promise<DexieLogState> {
  const categories = [...new Set(changes.map((c) => c.category))];
  const [lastSeq, lengths, logged, lastAudit] = await Promise.all([
    changes.length ? lastChangeSeq(db) : 0,
    Promise.all(categories.map((category) => feedLength(db, category))),
    options.lookUpEvents ? loggedEvents(db, changes) : new Set<string>(),
    options.audit ? db.audit.orderBy('seq').last() : undefined,
  ]);
  const feedCounts = new Map(categories.map((category, i) => [category, lengths[i] ?? 0]));
  return {
    log: { lastSeq, feedCount: (category) => feedCounts.get(category) ?? 0, hasEvent: (eventId) => logged.has(eventId) },
    lastAudit,
  };
}

async function loggedEvents(db: SyncTables, changes: readonly NewChange[]): Promise<Set<string>> {
  const counts = await Promise.all(changes.map((c) => db.changes.where('eventId').equals(c.eventId).count()));
  return new Set(changes.filter((_, i) => (counts[i] ?? 0) > 0).map((c) => c.eventId));
}
