/** How many feed pages a reader fetches ahead when the configuration leaves it to the reader. */

/** Entries the reader wants in flight ahead of the page it applies: enough to hide a slow round trip. */
const entriesAhead = 1000;
const minPages = 2;
// Bounded so one child never has more than this many feed requests (and as many object fetches) at a parent.
const maxPages = 8;

/**
 * Pages to prefetch for pages of `pageSize` entries: about a thousand entries ahead, from 2 to 8
 * pages (OpenMRS's pages of 5 get 8; an edge node's pages of 100 get 8; pages of 1000 get 2).
 *
 * @example
 * ```ts
 * autoPrefetchPages(5);    // 8
 * autoPrefetchPages(500);  // 2
 * ```
 */
export function autoPrefetchPages(pageSize: number): number {
  return Math.min(maxPages, Math.max(minPages, Math.ceil(entriesAhead / Math.max(1, pageSize))));
}
