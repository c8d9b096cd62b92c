/** The options, handler contract and summary of the feed reader (readFeed and retryFailedEvents). */

import type { FeedEntry } from '../atom/feed-page.ts';
import type { RetryPolicy } from '../http/fetch-text.ts';
import type { Sleep } from '../http/sleep.ts';
import type { Clock, FetchLike, Logger, Random } from '../ports/ports.ts';
import type { BatchPlan, FeedMarker, SerializedFailure, SyncStore } from '../store/store-port.ts';
import type { FailurePolicy } from './failed-event-policy.ts';
import type { FeedWarning } from './feed-warning.ts';

/** One entry the handler could not apply; it goes to the failed events and the feed goes on. */
export interface EntryFailure {
  entry: FeedEntry;
  error: SerializedFailure;
}

/** What the handler returns for a page's entries: an idempotent plan, and the entries that failed. */
export interface HandleResult {
  plan: BatchPlan;
  failures?: EntryFailure[];
}

export interface FeedHandlerContext {
  /** The feed key. */
  feed: string;
  /** The page's numbered URL (on the base); empty for failed-event retries. */
  pageUrl: string;
  signal?: AbortSignal;
}

/**
 * Turns entries into a write plan (fetching the objects it needs). The plan must be idempotent:
 * after a crash the same entries are handed again. It must not write the store itself.
 */
export type FeedHandler = (entries: FeedEntry[], context: FeedHandlerContext) => Promise<HandleResult>;

/**
 * Told of the entries of the page after the one being handled, as soon as that page arrives, so a
 * handler can start slow work (fetching the objects) while the current page is applied. Those
 * entries are handed to the handler later with the same `pageUrl`; it must not write anything.
 */
export type FeedLookAhead = (entries: readonly FeedEntry[], context: { pageUrl: string; signal: AbortSignal }) => void;

export interface FeedProgress {
  pagesRead: number;
  entriesRead: number;
  lastPage: number;
  currentPage: number;
}

/** What every feed-reader run needs. */
export interface FeedRunOptions {
  /** Key of the marker and failed events. @default feedUrl */
  feedKey?: string;
  store: SyncStore;
  handle: FeedHandler;
  now: Clock;
  /** @default Math.random */
  random?: Random;
  log?: Logger;
  signal?: AbortSignal;
  failurePolicy?: FailurePolicy;
  /** Written on audit rows. @default '' */
  instanceId?: string;
}

/** Options of readFeed. */
export interface ReadFeedOptions extends FeedRunOptions {
  /** `{base}/ws/atomfeed/{category}/recent`. */
  feedUrl: string;
  /** The configured parent base URL, context path included (e.g. `https://hub/openmrs`). */
  base: string;
  fetch: FetchLike;
  sleep?: Sleep;
  /** Sent only to the base's origin (e.g. authorization). */
  headers?: Record<string, string>;
  /** Pages fetched ahead of the one being applied (and whose objects are fetched early). @default autoPrefetchPages(page size) */
  prefetch?: number;
  /** @default 8 MiB */
  maxPageBytes?: number;
  /** Per request attempt. @default 30_000 */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Bean name → `country%state%county%city%postal` pattern (`*`: any segment). */
  catchment?: Record<string, string>;
  /** See {@linkcode FeedLookAhead}; entries come catchment-filtered. */
  lookAhead?: FeedLookAhead;
  onProgress?: (progress: FeedProgress) => void;
}

/** What a readFeed run did. */
export interface FeedReadSummary {
  feed: string;
  /** Pages processed (a page replayed after a recovery counts again). */
  pagesRead: number;
  /** Entries past the marker. */
  entriesSeen: number;
  /** Entries handed to the handler (those that passed the catchment filter). */
  entriesHanded: number;
  entriesFiltered: number;
  entriesFailed: number;
  batchesApplied: number;
  warnings: FeedWarning[];
  /** The last page number the feed had during the run (0: empty feed). */
  lastPage: number;
  /** The marker after the run. */
  marker?: FeedMarker;
}
