/** The entries of a page that come after the marker's last entry. */

import type { FeedEntry } from '../atom/feed-page.ts';

/**
 * Entries after the one with id `lastEntryId`; all of them when `lastEntryId` is undefined; and
 * undefined when the page does not hold that entry (the feed shifted under the marker).
 *
 * @example
 * ```ts
 * entriesAfter([a, b, c], b.id); // [c]
 * entriesAfter([a, b, c], 'gone'); // undefined
 * ```
 */
export function entriesAfter(entries: readonly FeedEntry[], lastEntryId: string | undefined): FeedEntry[] | undefined {
  if (lastEntryId === undefined) return [...entries];
  const index = entries.findIndex((entry) => entry.id === lastEntryId);
  return index < 0 ? undefined : entries.slice(index + 1);
}
