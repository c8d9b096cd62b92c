/** The parent feed reader: walks a category's Atom feed from its marker, applying each page atomically with its marker. */

import type { FeedEntry, FeedPage } from '../atom/feed-page.ts';
import { defaultMaxFeedPageBytes } from '../atom/parse-feed-page.ts';
import { SyncError } from '../errors/sync-error.ts';
import { throwIfAborted } from '../http/sleep.ts';
import { silentLogger } from '../ports/ports.ts';
import type { FeedMarker } from '../store/store-port.ts';
import { passesCatchment } from './catchment-filter.ts';
import { entriesAfter } from './entries-after.ts';
import { type FetchFeedPageOptions, fetchFeedPage } from './fetch-feed-page.ts';
import { feedRootOf, numberedPageUrl, pageNumberOf } from './feed-page-url.ts';
import { applyEntries, type FeedRun, startFeedRun, warnRun } from './feed-run.ts';
import { createPagePrefetcher, type PagePrefetcher } from './page-prefetcher.ts';
import { autoPrefetchPages } from './prefetch-depth.ts';
import type { FeedReadSummary, ReadFeedOptions } from './read-feed-types.ts';
import { planReadStart, type ReadStart } from './read-start.ts';

/**
 * Reads the feed at `options.feedUrl` once, up to its last page. `recent` is fetched first: its
 * `via` gives the last page N. Without a marker the walk starts at page 1 (not back from
 * `recent`); with one, at the marker's page after its last entry. Pages go forward by number,
 * `prefetch` pages fetched ahead (by default `autoPrefetchPages` of the page size), and the
 * `lookAhead` hook told of each as it arrives; `recent`'s body stands in for page N. Each page's
 * new entries (catchment-filtered) go to `handle`; its plan is applied with the marker, failed events and
 * warnings in one batch. A marker that no longer fits the feed is recovered from page 1 with a
 * warning. Throws the SyncErrors of fetching and parsing (the marker stays at the last applied
 * page) and ABORTED (nothing is written after cancellation).
 *
 * @example Read the patient feed of a parent
 * ```ts
 * const summary = await readFeed({
 *   feedUrl: `${base}/ws/atomfeed/patient/recent`, base, fetch, store, now: Date.now,
 *   handle: async (entries) => ({ plan: await planPull(entries) }),
 * });
 * ```
 */
export async function readFeed(options: ReadFeedOptions): Promise<FeedReadSummary> {
  const run = await startFeedRun(options.feedKey ?? options.feedUrl, options);
  const recent = await fetchFeedPage(options.feedUrl, pageOptions(options, options.signal));
  const last = viaNumber(recent);
  run.summary.lastPage = last;
  const marker = await options.store.getMarker(run.feed);
  if (marker) run.summary.marker = marker;
  const start = planReadStart(marker, last);
  if (start.warning) warnRun(run, start.warning);
  const root = feedRootOf(options.feedUrl);
  const pages = createPagePrefetcher(
    (n, signal) => fetchFeedPage(numberedPageUrl(root, n), pageOptions(options, signal)),
    { last, ahead: Math.max(0, options.prefetch ?? autoPrefetchPages(recent.entries.length)), ...(options.signal ? { signal: options.signal } : {}) },
  );
  if (last > 0) pages.seed(last, recent);
  try {
    await walkPages(run, { pages, start });
    // A recovery with no page to replay (the feed is now empty): record it and reset the marker.
    if (run.pendingWarnings.length > 0) await applyEntries(run, [], { pageUrl: '', marker: { feed: run.feed, updatedAt: options.now() } });
  } finally {
    pages.close();
  }
  (options.log ?? silentLogger).debug('feed read', { ...run.summary, warnings: run.summary.warnings.length });
  return run.summary;
}

async function walkPages(run: FeedRun<ReadFeedOptions>, walk: { pages: PagePrefetcher; start: ReadStart }): Promise<void> {
  const { options } = run;
  const { pages, start } = walk;
  let n = start.page;
  let after = start.afterEntryId;
  let lookedAhead = n;
  while (n <= pages.last) {
    throwIfAborted(options.signal);
    const page = await pages.take(n);
    // A full page (one with a next) tells the page size: the depth follows it unless configured.
    if (options.prefetch === undefined && page.links.nextArchive !== undefined) pages.ahead = autoPrefetchPages(page.entries.length);
    const depth = Math.max(1, pages.ahead);
    const fresh = entriesAfter(page.entries, after);
    if (fresh === undefined) {
      warnRun(run, {
        kind: 'marker-entry-missing',
        message: `The marker entry is not on page ${n} any more; replaying from page 1`,
        details: { markerPage: page.links.via, lastEntryId: after, lastPage: pages.last },
      });
      pages.seed(n, page);
      [n, after] = [1, undefined];
      continue;
    }
    after = undefined;
    // The objects of the next `prefetch` pages are fetched while this one is applied: a long round
    // trip hides behind the work on this page.
    for (let k = Math.max(n, lookedAhead) + 1; k <= Math.min(pages.last, n + depth); k += 1) lookAhead(run, pages, k);
    lookedAhead = Math.max(lookedAhead, Math.min(pages.last, n + depth));
    await applyPage(run, { page, fresh });
    run.summary.pagesRead += 1;
    if (page.links.nextArchive !== undefined) pages.extendTo(n + 1);
    run.summary.lastPage = pages.last;
    options.onProgress?.({ pagesRead: run.summary.pagesRead, entriesRead: run.summary.entriesSeen, lastPage: pages.last, currentPage: n });
    n += 1;
  }
}

/** Tells the look-ahead hook of page `n`'s entries once it arrives (a page after the first is new from its first entry). */
function lookAhead(run: FeedRun<ReadFeedOptions>, pages: PagePrefetcher, n: number): void {
  const hook = run.options.lookAhead;
  const next = hook === undefined ? undefined : pages.peek(n);
  if (hook === undefined || next === undefined) return;
  const { catchment } = run.options;
  next.then((page) => {
    const pageUrl = page.links.via;
    if (pages.signal.aborted || pageUrl === undefined) return;
    hook(catchment ? page.entries.filter((entry) => passesCatchment(entry, catchment)) : page.entries, { pageUrl, signal: pages.signal });
  }).catch(() => {}); // a page that fails is reported when it is taken
}

/** Filters a page's new entries and applies them with the marker; a page with nothing new writes nothing. */
async function applyPage(run: FeedRun<ReadFeedOptions>, read: { page: FeedPage; fresh: readonly FeedEntry[] }): Promise<void> {
  const { page, fresh } = read;
  const last = fresh.at(-1);
  if (last === undefined) return;
  const { catchment, now } = run.options;
  const handed = catchment ? fresh.filter((entry) => passesCatchment(entry, catchment)) : fresh;
  const pageUrl = page.links.via as string;
  const marker: FeedMarker = { feed: run.feed, lastEntryId: last.id, pageUrl, updatedAt: now() };
  await applyEntries(run, handed, { pageUrl, marker });
  run.summary.entriesSeen += fresh.length;
  run.summary.entriesHanded += handed.length;
  run.summary.entriesFiltered += fresh.length - handed.length;
}

function viaNumber(page: FeedPage): number {
  const n = page.links.via === undefined ? undefined : pageNumberOf(page.links.via);
  if (n === undefined) {
    throw new SyncError('FEED_MISSING_VIA', { message: 'The feed page\'s "via" link has no page number', details: { via: page.links.via } });
  }
  return n;
}

function pageOptions(options: ReadFeedOptions, signal: AbortSignal | undefined): FetchFeedPageOptions {
  return {
    fetch: options.fetch, base: options.base, maxBytes: options.maxPageBytes ?? defaultMaxFeedPageBytes,
    timeoutMs: options.timeoutMs, retry: options.retry, random: options.random, sleep: options.sleep,
    headers: options.headers, log: options.log, now: options.now, signal,
  };
}
