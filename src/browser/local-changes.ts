/** The change-log rows this node still has to push: origin local or child, after the push marker. */

import type { ChangeRow, SyncStore } from '../core/store/store-port.ts';
import { pushFeed } from '../core/sync/push/push-marker.ts';

/**
 * Up to `limit` rows (default 100) of origin `local` or `child` with seq above the push marker,
 * oldest first. Several rows may concern one object (each edit is a row; push sends its latest state).
 *
 * @example
 * ```ts
 * const rows = await listLocalChanges(store, { limit: 20 });
 * ```
 */
export async function listLocalChanges(store: SyncStore, options: { limit?: number; pageSize?: number } = {}): Promise<ChangeRow[]> {
  const limit = Math.max(0, options.limit ?? 100);
  const pageSize = options.pageSize ?? 1_000;
  let after = (await store.getMarker(pushFeed))?.lastSeq ?? 0;
  const found: ChangeRow[] = [];
  while (found.length < limit) {
    const rows = await store.changesSince(after, { limit: pageSize });
    for (const row of rows) {
      if (row.origin !== 'parent' && found.push(row) === limit) break;
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) break;
    after = last.seq;
  }
  return found;
}
