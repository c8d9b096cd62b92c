/** The state of one reader run and its one write step: hand entries, plan the batch, apply it atomically. */

import type { FeedEntry } from '../atom/feed-page.ts';
import { SyncError } from '../errors/sync-error.ts';
import { throwIfAborted } from '../http/sleep.ts';
import { silentLogger } from '../ports/ports.ts';
import type { FailedEvent, FeedMarker } from '../store/store-port.ts';
import type { FeedWarning } from './feed-warning.ts';
import { type PageBatch, planPageBatch } from './plan-page-batch.ts';
import type { FeedReadSummary, FeedRunOptions } from './read-feed-types.ts';

/** How often a batch whose preconditions failed (a concurrent local write) is planned again. */
const maxPlanAttempts = 3;

/** A run: resolved options, the feed's stored failed events, warnings not yet written, counters. */
export interface FeedRun<O extends FeedRunOptions = FeedRunOptions> {
  feed: string;
  options: O;
  known: Map<string, FailedEvent>;
  pendingWarnings: FeedWarning[];
  summary: FeedReadSummary;
}

/**
 * Starts a run: loads this feed's pull failed events once (so attempts accumulate without a read
 * per entry).
 */
export async function startFeedRun<O extends FeedRunOptions>(feed: string, options: O): Promise<FeedRun<O>> {
  const stored = await options.store.listFailedEvents({ direction: 'pull' });
  const known = new Map(stored.filter((e) => e.feed === feed).map((e) => [e.id, e] as const));
  const summary: FeedReadSummary = {
    feed, pagesRead: 0, entriesSeen: 0, entriesHanded: 0, entriesFiltered: 0, entriesFailed: 0,
    batchesApplied: 0, warnings: [], lastPage: 0,
  };
  return { feed, options, known, pendingWarnings: [], summary };
}

/** Records a warning: logged now, written as an audit row with the next batch. */
export function warnRun(run: FeedRun, warning: FeedWarning): void {
  (run.options.log ?? silentLogger).warn(warning.message, { feed: run.feed, kind: warning.kind, ...warning.details });
  run.summary.warnings.push(warning);
  run.pendingWarnings.push(warning);
}

/**
 * Hands `entries` to the handler (unless empty) and applies its plan with the failed events,
 * pending warnings and `marker` in one batch. Nothing is written once the signal has aborted.
 * A failed precondition re-plans (the handler re-reads); after 3 tries it throws
 * STORE_BATCH_INVALID. Returns the applied batch.
 */
export async function applyEntries(
  run: FeedRun,
  entries: readonly FeedEntry[],
  context: { pageUrl: string; marker?: FeedMarker },
): Promise<PageBatch> {
  const { store, handle, signal, now, random = Math.random, instanceId = '', failurePolicy } = run.options;
  for (let attempt = 1; ; attempt += 1) {
    throwIfAborted(signal);
    const result = entries.length > 0
      ? await handle([...entries], { feed: run.feed, pageUrl: context.pageUrl, ...(signal ? { signal } : {}) })
      : undefined;
    throwIfAborted(signal);
    const batch = planPageBatch({
      feed: run.feed, handed: entries, known: run.known, warnings: run.pendingWarnings, now: now(), random, instanceId,
      ...(result ? { result } : {}), ...(context.marker ? { marker: context.marker } : {}),
      ...(failurePolicy ? { policy: failurePolicy } : {}),
    });
    const applied = await store.applyBatch(batch.plan);
    if (applied.ok) {
      recordApplied(run, batch, context.marker);
      return batch;
    }
    if (attempt >= maxPlanAttempts) {
      throw new SyncError('STORE_BATCH_INVALID', {
        message: `The batch for ${context.pageUrl || run.feed} kept failing its preconditions; nothing was written`,
        details: { reason: 'precondition', failed: applied.failed, actual: applied.actual, attempts: attempt },
      });
    }
    (run.options.log ?? silentLogger).warn('a batch precondition failed; planning again', { feed: run.feed, attempt });
  }
}

function recordApplied(run: FeedRun, batch: PageBatch, marker: FeedMarker | undefined): void {
  for (const id of batch.deleted) run.known.delete(id);
  for (const event of batch.put) run.known.set(event.id, event);
  run.pendingWarnings = [];
  run.summary.batchesApplied += 1;
  run.summary.entriesFailed += batch.put.length;
  if (marker) run.summary.marker = marker;
}
