/** Pulls one category: reads the parent's feed from the marker through the pull handler, then retries due failed events. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { ResourceManager } from '../../clients/resource-manager.ts';
import type { FailurePolicy } from '../../feed/failed-event-policy.ts';
import { readFeed } from '../../feed/read-feed.ts';
import type { FeedProgress, ReadFeedOptions } from '../../feed/read-feed-types.ts';
import { retryFailedEvents } from '../../feed/retry-failed-events.ts';
import type { RetryPolicy } from '../../http/fetch-text.ts';
import type { Sleep } from '../../http/sleep.ts';
import type { Clock, FetchLike, Logger, Random } from '../../ports/ports.ts';
import type { SyncStore } from '../../store/store-port.ts';
import { createPullHandler } from './pull-handler.ts';
import type { CategoryPullSummary, PullProgress } from './pull-types.ts';
import { definedFields } from '../../ports/defined-fields.ts';

/** Options of {@linkcode pullCategory} (and, but for the progress callback, of pullAll). */
export interface PullCategoryOptions {
  /** The parent's base URL, context path included (e.g. `https://hub/openmrs`). */
  base: string;
  store: SyncStore;
  resourceManager: ResourceManager;
  /** Reads the feed pages. */
  fetch: FetchLike;
  now: Clock;
  /** @default Math.random */
  random?: Random;
  sleep?: Sleep;
  log?: Logger;
  signal?: AbortSignal;
  /** Written on audit rows. @default '' */
  instanceId?: string;
  /** Sent with feed requests to the base's origin only (e.g. authorization). */
  headers?: Record<string, string>;
  /** Bean name → catchment pattern. */
  catchment?: Record<string, string>;
  /** Feed pages fetched ahead. @default 2 */
  prefetch?: number;
  failurePolicy?: FailurePolicy;
  /** Category table (removal actions, tombstone form). @default defaultCategories */
  categories?: readonly CategoryInfo[];
  /** Retry the due failed events after reading the feed. @default true */
  retryFailed?: boolean;
  /** The parent's feed page size, for the first progress estimates; learnt from the pages otherwise. */
  pageSizeHint?: number;
  maxPageBytes?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/** The feed URL of a category under a parent base. */
export function categoryFeedUrl(base: string, category: string): string {
  return `${base.replace(/\/+$/, '')}/ws/atomfeed/${encodeURIComponent(category)}/recent`;
}

/**
 * Pulls `category` once: `readFeed` from its marker with the pull handler (each page's objects,
 * change rows, audit rows, failed events and marker in one batch), then `retryFailedEvents` for
 * the due ones. Throws what the reader and the resource manager throw (PARENT_UNAUTHORIZED,
 * PARENT_UNREACHABLE, feed errors, ABORTED); everything applied before stays applied.
 *
 * @example
 * ```ts
 * const summary = await pullCategory('patient', { base, store, resourceManager, fetch, now: Date.now });
 * summary.counts.applied;
 * ```
 */
export async function pullCategory(
  category: string,
  options: PullCategoryOptions & { onProgress?: (progress: PullProgress) => void },
): Promise<CategoryPullSummary> {
  const feed = categoryFeedUrl(options.base, category);
  const pull = createPullHandler({
    store: options.store, resourceManager: options.resourceManager, now: options.now,
    ...(options.instanceId !== undefined ? { instanceId: options.instanceId } : {}),
    ...(options.categories ? { categories: options.categories } : {}),
  });
  const estimate = progressEstimator(category, options.pageSizeHint);
  const read = await readFeed({
    ...readerOptions(options), feedUrl: feed, base: options.base, fetch: options.fetch, handle: pull.handle, lookAhead: pull.lookAhead,
    onProgress: (progress) => options.onProgress?.(estimate(progress)),
  });
  const summary: CategoryPullSummary = { category, feed, read, counts: pull.counts() };
  if (options.retryFailed ?? true) {
    summary.retry = await retryFailedEvents({ ...readerOptions(options), feedKey: feed, handle: pull.handle });
    summary.counts = pull.counts();
  }
  return summary;
}

type SharedReaderOptions = Omit<ReadFeedOptions, 'feedUrl' | 'base' | 'fetch' | 'handle'>;

function readerOptions(options: PullCategoryOptions): SharedReaderOptions {
  const { store, now, random, sleep, log, signal, instanceId, headers, catchment, prefetch, failurePolicy } = options;
  const { maxPageBytes, timeoutMs, retry } = options;
  const optional = { random, sleep, log, signal, instanceId, headers, catchment, prefetch, failurePolicy, maxPageBytes, timeoutMs, retry };
  return { store, now, ...definedFields(optional) };
}


/**
 * Turns the reader's page progress into entries done and an estimated total: the pages left
 * times the page size (the largest page seen, or the hint).
 */
function progressEstimator(category: string, hint = 0): (progress: FeedProgress) => PullProgress {
  let pageSize = hint;
  let previous = 0;
  return (progress) => {
    pageSize = Math.max(pageSize, progress.entriesRead - previous);
    previous = progress.entriesRead;
    const left = Math.max(0, progress.lastPage - progress.currentPage);
    return {
      category, done: progress.entriesRead, total: progress.entriesRead + left * pageSize,
      currentPage: progress.currentPage, lastPage: progress.lastPage,
    };
  };
}
