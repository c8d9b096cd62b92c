/** The push marker: how far the change log has been handled, moved only past rows whose objects are settled. */

import type { ChangeRow, FeedMarker } from '../../store/store-port.ts';
import { objectKey } from '../conflict/object-state.ts';

/** Feed key of the push marker. */
export const pushFeed = 'push';

/**
 * The highest seq the push marker may move to: rows are walked in seq order from `afterSeq`,
 * past rows of origin `parent` and rows whose object `settled` says is done (pushed, found
 * already there, taken from the parent, queued as a conflict, or stored as a failed event); the
 * walk stops at the first row of an unsettled object, or at a gap in the seqs.
 *
 * @example
 * ```ts
 * pushMarkerSeq(rows, (key) => done.has(key), marker.lastSeq ?? 0);
 * ```
 */
export function pushMarkerSeq(rows: readonly ChangeRow[], settled: (key: string) => boolean, afterSeq: number): number {
  let seq = afterSeq;
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    if (row.seq <= seq) continue;
    if (row.seq !== seq + 1) break;
    if (row.origin !== 'parent' && !settled(objectKey(row.category, row.uuid))) break;
    seq = row.seq;
  }
  return seq;
}

/** The push marker at `lastSeq`. */
export function pushMarker(lastSeq: number, now: number, feed: string = pushFeed): FeedMarker {
  return { feed, lastSeq, updatedAt: now };
}
