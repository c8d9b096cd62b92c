/** Numbers planned change-log rows: node-wide `seq` and per-category `position`, skipping events already logged. */

import type { ChangeRow, NewChange } from './store-port.ts';

/** What numbering needs to know about the change log as it stands inside the write transaction. */
export interface ChangeLogState {
  lastSeq: number;
  /** Rows already in the category's feed. */
  feedCount(category: string): number;
  /** True when a row with this event id is already in the log. */
  hasEvent(eventId: string): boolean;
}

/**
 * Rows to append for `changes`, in plan order: `seq` continues from `lastSeq`, `position`
 * continues each category's feed. A change whose event id is already logged is left out, so
 * replaying a plan after a crash appends nothing twice.
 *
 * @example Append to an empty log
 * ```ts
 * numberChanges([a, b], { lastSeq: 0, feedCount: () => 0, hasEvent: () => false });
 * // [{ ...a, seq: 1, position: 0 }, { ...b, seq: 2, position: a.category === b.category ? 1 : 0 }]
 * ```
 */
export function numberChanges(changes: readonly NewChange[], log: ChangeLogState): ChangeRow[] {
  const added = new Map<string, number>();
  let seq = log.lastSeq;
  const rows: ChangeRow[] = [];
  for (const change of changes) {
    if (log.hasEvent(change.eventId)) continue;
    const before = added.get(change.category) ?? 0;
    added.set(change.category, before + 1);
    seq += 1;
    rows.push({ ...change, seq, position: log.feedCount(change.category) + before });
  }
  return rows;
}
