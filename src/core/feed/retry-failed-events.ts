/** Retries a feed's due failed events through the same handler and batch planning as the feed reader. */

import type { FeedEntry } from '../atom/feed-page.ts';
import type { FailedEvent } from '../store/store-port.ts';
import { applyEntries, startFeedRun } from './feed-run.ts';
import type { FeedRunOptions } from './read-feed-types.ts';

/** Options of {@linkcode retryFailedEvents}. */
export interface RetryFailedEventsOptions extends FeedRunOptions {
  /** The feed whose failed events are retried (the readFeed `feedKey`, by default its feedUrl). */
  feedKey: string;
  /** Entries handed per batch. @default 50 */
  batchSize?: number;
  /** Most events retried in this call. @default all due ones */
  limit?: number;
}

/** What a retry pass did. */
export interface RetrySummary {
  feed: string;
  /** Due events taken up. */
  retried: number;
  succeeded: number;
  /** Failed again and rescheduled. */
  rescheduled: number;
  /** Failed again and became dead letters. */
  dead: number;
  batchesApplied: number;
}

/**
 * Takes the feed's due pull failed events (not dead, `nextRetryAt` ≤ now), rebuilds their entries
 * from the stored record (entry id, category, action, links), hands them to `handle` in batches,
 * and applies each plan with the outcome: a success deletes the record, a failure counts one more
 * attempt and reschedules it or makes it a dead letter. The feed marker is not touched.
 *
 * @example
 * ```ts
 * const { succeeded, dead } = await retryFailedEvents({ feedKey: feedUrl, store, handle, now: Date.now });
 * ```
 */
export async function retryFailedEvents(options: RetryFailedEventsOptions): Promise<RetrySummary> {
  const feed = options.feedKey;
  const run = await startFeedRun(feed, options);
  const due = (await options.store.listFailedEvents({ direction: 'pull', dueBy: options.now() }))
    .filter((event) => event.feed === feed && !event.dead)
    .slice(0, options.limit ?? Infinity);
  const summary: RetrySummary = { feed, retried: due.length, succeeded: 0, rescheduled: 0, dead: 0, batchesApplied: 0 };
  const size = Math.max(1, options.batchSize ?? 50);
  for (let i = 0; i < due.length; i += size) {
    const entries = due.slice(i, i + size).map(entryOfFailedEvent);
    const batch = await applyEntries(run, entries, { pageUrl: '' });
    const dead = batch.put.filter((event) => event.dead).length;
    summary.dead += dead;
    summary.rescheduled += batch.put.length - dead;
    summary.succeeded += entries.length - batch.put.length;
    summary.batchesApplied += 1;
  }
  return summary;
}

/**
 * The feed entry a failed event stands for, rebuilt from what it stored (no feed re-read).
 *
 * @example
 * ```ts
 * entryOfFailedEvent(event).links; // event.links
 * ```
 */
export function entryOfFailedEvent(event: FailedEvent): FeedEntry {
  return {
    id: event.entryId ?? event.id,
    title: '',
    updated: '',
    published: '',
    category: event.category,
    action: event.action ?? 'UPDATED',
    filters: [],
    links: { ...(event.links ?? {}) },
  };
}
