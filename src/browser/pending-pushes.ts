/** Counts the objects with local changes not yet pushed: change-log rows of origin local/child after the push marker. */

import type { SyncStore } from '../core/store/store-port.ts';
import { pushFeed } from '../core/sync/push/push-marker.ts';

/** The objects waiting to be pushed, as `category/uuid` keys. */
export interface PendingPushes {
  count: number;
  keys: ReadonlySet<string>;
}

/** Reads pending pushes, scanning only the rows added since the last read. */
export interface PendingTracker {
  read(): Promise<PendingPushes>;
}

/** The key of an object in {@linkcode PendingPushes.keys}. */
export function pendingKey(category: string, uuid: string): string {
  return `${category}/${uuid}`;
}

/**
 * A tracker over `store`. Pending = distinct objects with a row of origin `local` or `child`
 * whose seq is above the push marker (`push` feed's `lastSeq`); the push service moves that
 * marker past rows it has settled (pushed, conflicted or stored as a failed event). Each read
 * scans the log from where the previous one stopped, so a status refresh after a 20,000-object
 * pull costs one scan, not one per refresh. Reads are serialised.
 *
 * @example
 * ```ts
 * const pending = await createPendingTracker(store).read();
 * pending.count; // 1 after an offline registration
 * ```
 */
export function createPendingTracker(store: SyncStore, options: { pageSize?: number } = {}): PendingTracker {
  const pageSize = options.pageSize ?? 2_000;
  let markerSeq = 0;
  let scannedSeq = 0;
  const pending = new Map<string, number>();
  let queue: Promise<unknown> = Promise.resolve();

  const scan = async (): Promise<PendingPushes> => {
    const marker = (await store.getMarker(pushFeed))?.lastSeq ?? 0;
    if (marker < markerSeq) {
      pending.clear();
      scannedSeq = marker;
    }
    if (marker > markerSeq) {
      for (const [key, seq] of pending) if (seq <= marker) pending.delete(key);
    }
    markerSeq = marker;
    scannedSeq = Math.max(scannedSeq, marker);
    for (;;) {
      const rows = await store.changesSince(scannedSeq, { limit: pageSize });
      for (const row of rows) if (row.origin !== 'parent') pending.set(pendingKey(row.category, row.uuid), row.seq);
      const last = rows.at(-1);
      if (last) scannedSeq = last.seq;
      if (rows.length < pageSize) break;
    }
    return { count: pending.size, keys: new Set(pending.keys()) };
  };

  return {
    read() {
      const next = queue.then(scan, scan);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
