/** Choosing what to push from a window of the change log: this node's and its children's rows, one item per object, in a safe order. */

import { type CategoryInfo, categoriesInOrder, defaultCategories } from '../../categories/category-table.ts';
import type { ChangeRow } from '../../store/store-port.ts';
import { objectKey } from '../conflict/object-state.ts';

/** One object to push, standing for every row about it in the window. */
export interface PushItem {
  category: string;
  uuid: string;
  /** Seq of the object's last row: the state to push is the one that row left. */
  seq: number;
  /** Seq of the object's first row in the window: its place within its category. */
  firstSeq: number;
  /** Its rows of origin `local` or `child`, in seq order. */
  rows: ChangeRow[];
  /** The last of `rows`. */
  last: ChangeRow;
}

export interface SelectPushRowsOptions {
  /** Gives the category order. @default defaultCategories */
  categories?: readonly CategoryInfo[];
}

/**
 * The objects to push among `rows` (a window of the change log). Rows of origin `parent` are
 * skipped: they came from the parent. The rest are coalesced per object (category and uuid) —
 * the push sends the object's current state once, whatever number of rows led to it.
 *
 * Order: categories in table order (location, patient, names…, visit, encounter, observation;
 * unknown categories last, by name), then, within a category, by the object's first seq. The
 * table order puts referenced objects before referrers even when the reference was added by a
 * later edit (an encounter edited to point at a location created afterwards). Within a category
 * the first seq keeps creation order, so an obs group, or a parent location, goes before the
 * members created after it, which ordering by the last seq would break when it was edited later.
 *
 * @example
 * ```ts
 * selectPushRows(await store.changesSince(marker.lastSeq ?? 0, { limit: 500 }));
 * ```
 */
export function selectPushRows(rows: readonly ChangeRow[], options: SelectPushRowsOptions = {}): PushItem[] {
  const byObject = new Map<string, PushItem>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    if (row.origin === 'parent') continue;
    const key = objectKey(row.category, row.uuid);
    const item = byObject.get(key);
    if (item) {
      item.rows.push(row);
      item.last = row;
      item.seq = row.seq;
    } else {
      byObject.set(key, { category: row.category, uuid: row.uuid, seq: row.seq, firstSeq: row.seq, rows: [row], last: row });
    }
  }
  const rank = new Map(categoriesInOrder(options.categories ?? defaultCategories).map((c, i) => [c.name, i]));
  const rankOf = (category: string): number => rank.get(category) ?? Number.MAX_SAFE_INTEGER;
  return [...byObject.values()].sort((a, b) =>
    rankOf(a.category) - rankOf(b.category) || compare(a.category, b.category) || a.firstSeq - b.firstSeq);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
