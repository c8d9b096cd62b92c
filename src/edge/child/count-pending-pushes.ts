/** Counts what a child has still to push: change-log rows of this node and its children after the push marker. */

import type { SyncStore } from '../../core/store/store-port.ts';
import { objectKey } from '../../core/sync/conflict/object-state.ts';
import { pushFeed } from '../../core/sync/push/push-marker.ts';

/** Pending pushes: rows and distinct objects; `capped` when the count stopped at the scan limit. */
export interface PendingPushes {
  changes: number;
  objects: number;
  capped: boolean;
}

/**
 * Reads the change log after the push marker in pages of `pageSize`, counting rows of origin
 * `local` and `child` (rows pulled from the parent are never pushed), and stops after `maxRows`
 * rows so `/status` stays cheap on a node that has not pushed for a long time.
 *
 * @example
 * ```ts
 * await countPendingPushes(store); // { changes: 12, objects: 9, capped: false }
 * ```
 */
export async function countPendingPushes(store: SyncStore, options: { maxRows?: number; pageSize?: number } = {}): Promise<PendingPushes> {
  const maxRows = options.maxRows ?? 20_000;
  const pageSize = options.pageSize ?? 1_000;
  let cursor = (await store.getMarker(pushFeed))?.lastSeq ?? 0;
  const objects = new Set<string>();
  let changes = 0;
  let scanned = 0;
  while (scanned < maxRows) {
    const limit = Math.min(pageSize, maxRows - scanned);
    const rows = await store.changesSince(cursor, { limit });
    for (const row of rows) {
      if (row.origin === 'parent') continue;
      changes += 1;
      objects.add(objectKey(row.category, row.uuid));
    }
    scanned += rows.length;
    if (rows.length < limit) return { changes, objects: objects.size, capped: false };
    cursor = (rows.at(-1) as { seq: number }).seq;
  }
  return { changes, objects: objects.size, capped: (await store.lastSeq()) > cursor };
}
