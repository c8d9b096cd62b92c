/** Numbered pages fetched ahead of the one being applied, bounded, never past the last known page. */

import type { FeedPage } from '../atom/feed-page.ts';

/** Fetches page `n`; `signal` aborts when the prefetcher closes or the caller cancels. */
export type PageLoader = (n: number, signal: AbortSignal) => Promise<FeedPage>;

/** A window of page fetches in flight. */
export interface PagePrefetcher {
  /** The highest page number known to exist. */
  readonly last: number;
  /** Offers a page already in hand (e.g. `recent` as page N), so it is not fetched again. */
  seed(n: number, page: FeedPage): void;
  /** Page `n` (fetched now unless in hand or in flight); starts fetching the next `ahead` pages. */
  take(n: number): Promise<FeedPage>;
  /** Page `n` without handing it out (it is still there for `take`); undefined past the last page. */
  peek(n: number): Promise<FeedPage> | undefined;
  /** Aborted when the prefetcher closes or the caller cancels: for work started on prefetched pages. */
  readonly signal: AbortSignal;
  /** Pages fetched ahead from now on. */
  ahead: number;
  /** Records that page `n` exists (a page had a next-archive link). */
  extendTo(n: number): void;
  /** Cancels fetches still in flight; their results are dropped. */
  close(): void;
}

/**
 * A prefetcher over `load`. Pages are handed out once: a taken page is forgotten, so memory stays
 * bounded by the window, not the feed.
 *
 * @example
 * ```ts
 * const pages = createPagePrefetcher((n, signal) => fetchPage(n, signal), { last: 40, ahead: 2 });
 * const first = await pages.take(1); // pages 2 and 3 are on their way
 * ```
 */
export function createPagePrefetcher(
  load: PageLoader,
  options: { last: number; ahead: number; signal?: AbortSignal },
): PagePrefetcher {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const slots = new Map<number, Promise<FeedPage>>();
  let last = options.last;
  let ahead = options.ahead;

  const start = (n: number): Promise<FeedPage> => {
    let slot = slots.get(n);
    if (!slot) {
      slot = load(n, controller.signal);
      slot.catch(() => {}); // a prefetch that fails is reported when taken, not as unhandled
      slots.set(n, slot);
    }
    return slot;
  };

  return {
    get last() { return last; },
    get signal() { return controller.signal; },
    get ahead() { return ahead; },
    set ahead(n) { ahead = Math.max(0, n); },
    seed(n, page) { slots.set(n, Promise.resolve(page)); },
    take(n) {
      const page = start(n);
      slots.delete(n);
      for (let k = n + 1; k <= Math.min(last, n + ahead); k += 1) start(k);
      return page;
    },
    peek(n) { return n <= last ? start(n) : undefined; },
    extendTo(n) { last = Math.max(last, n); },
    close() {
      options.signal?.removeEventListener('abort', onAbort);
      controller.abort();
      slots.clear();
    },
  };
}
