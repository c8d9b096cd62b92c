/** Coalescing a page's feed entries per object: one fetch (or none, for a removal) per object, every event id kept. */

import type { FeedEntry } from '../../atom/feed-page.ts';
import { isRemovalAction } from '../../categories/category-table.ts';
import { objectRefOfEntry } from '../../feed/object-ref.ts';

/** One object named by one or more entries of a page. */
export interface CoalescedObject {
  category: string;
  uuid: string;
  /** Every entry about the object, in feed order. */
  entries: FeedEntry[];
  /** The last entry: its action and links stand for the object. */
  last: FeedEntry;
  /** False when the last action is a removal: the object is marked removed without a fetch. */
  fetch: boolean;
}

/** The page's objects, ordered by their last entry, and the entries that name no object. */
export interface CoalescedPage {
  objects: CoalescedObject[];
  unnamed: FeedEntry[];
}

/**
 * Groups `entries` (oldest first) by category and uuid. The last event wins: a removal
 * (VOIDED/RETIRED/DELETED) as the last action needs no fetch, anything else (UNVOIDED and
 * UNRETIRED included) one fetch. Objects come out in the order of their last entry, so change
 * rows planned from them follow the feed.
 *
 * @example An OpenMRS void (UPDATED then VOIDED) is one removal
 * ```ts
 * const { objects } = coalesceEntries([updated, voided]);
 * objects[0].fetch; // false
 * objects[0].entries.length; // 2
 * ```
 */
export function coalesceEntries(entries: readonly FeedEntry[]): CoalescedPage {
  const byKey = new Map<string, CoalescedObject>();
  const unnamed: FeedEntry[] = [];
  for (const entry of entries) {
    const ref = objectRefOfEntry(entry);
    if (!ref) {
      unnamed.push(entry);
      continue;
    }
    const key = objectKey(ref.category, ref.uuid);
    const seen = byKey.get(key);
    // Re-inserting moves the object to its latest position in the page.
    byKey.delete(key);
    const all = seen ? [...seen.entries, entry] : [entry];
    byKey.set(key, { category: ref.category, uuid: ref.uuid, entries: all, last: entry, fetch: !isRemovalAction(entry.action) });
  }
  return { objects: [...byKey.values()], unnamed };
}

/** The key of an object: `category/uuid` (also the id of its conflict record). */
export function objectKey(category: string, uuid: string): string {
  return `${category}/${uuid}`;
}
