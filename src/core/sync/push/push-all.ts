/** The push service: retries due failed pushes, then walks the change log from the push marker and pushes each object's current state in a safe order. */

import { defaultCategories } from '../../categories/category-table.ts';
import { isSyncError } from '../../errors/sync-error.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import { throwIfAborted } from '../../http/sleep.ts';
import { silentLogger } from '../../ports/ports.ts';
import type { RunStatus } from '../runner/runner-types.ts';
import { ackClockSettings, readAckClock } from './_ack-clock.ts';
import { moveMarker, type PushRun, settleObject } from './_push-run.ts';
import { pushFeed } from './push-marker.ts';
import { emptyPushCounts, type PushOptions, type PushRunSummary } from './push-types.ts';
import { selectPushRows } from './select-push-rows.ts';

/**
 * One push run. First the due push failed events are retried (when `retryFailed`); then the change
 * log is read from the push marker in windows (`store.changesSince`), rows of origin `parent`
 * skipped, rows coalesced per object and ordered by category (`selectPushRows`), and each object's
 * current state pushed (see `pushObject`): nothing is marked pushed before the parent said yes;
 * each object's plan is applied on its own, carrying the marker when every row before it is
 * settled (pushed, found there, the parent's version taken, queued as a conflict, or stored as a
 * failed event). Objects with an open conflict, or a failed event not yet due, wait. The run stops
 * early when the parent stops answering (the object is recorded as failed, the rest wait for the
 * next run). Never throws: PARENT_UNAUTHORIZED, cancellation and store failures end the run with
 * their status.
 *
 * @example
 * ```ts
 * const summary = await pushAll({ store, resourceManager, now: Date.now, instanceId });
 * summary.counts.pushed;
 * ```
 */
export async function pushAll(options: PushOptions): Promise<PushRunSummary> {
  const log = options.log ?? silentLogger;
  const run = await startRun(options);
  const summary = (status: Exclude<RunStatus, 'busy'>, extra: Partial<PushRunSummary> = {}): PushRunSummary =>
    ({ status, counts: run.counts, markerSeq: run.markerSeq, retried: 0, ...extra });
  let retried = 0;
  try {
    if (options.retryFailed ?? true) retried = await retryDue(run, options);
    if (!run.stop) await walkLog(run, options);
    if (run.ack) await options.store.applyBatch({ settings: ackClockSettings(run.ackClock, run.ack) });
  } catch (error) {
    const failure = serializeFailure(error);
    log.warn('push run ended early', { code: failure.code, message: failure.message });
    const status = isSyncError(error, 'PARENT_UNAUTHORIZED') ? 'unauthorized' : options.signal?.aborted ? 'aborted' : 'failed';
    return summary(status, { retried, error: failure });
  }
  if (run.stop) return summary(run.counts.pushed + run.counts.already > 0 ? 'partial' : 'failed', { retried, error: run.stop });
  return summary(run.counts.failed > 0 ? 'partial' : 'ok', { retried });
}

async function startRun(options: PushOptions): Promise<PushRun> {
  const marker = await options.store.getMarker(pushFeed);
  return {
    store: options.store, counts: emptyPushCounts(), markerSeq: marker?.lastSeq ?? 0, ackClock: await readAckClock(options.store),
    context: {
      manager: options.resourceManager, now: options.now, instanceId: options.instanceId,
      newId: options.newId ?? (() => crypto.randomUUID()), random: options.random ?? Math.random,
      policy: options.policy ?? 'manual', categories: options.categories ?? defaultCategories, deep: options.deep ?? true,
      clocks: {}, ...(options.failurePolicy ? { failurePolicy: options.failurePolicy } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  };
}

/** Retries the due push failed events (oldest retry time first); the marker is not touched. */
async function retryDue(run: PushRun, options: PushOptions): Promise<number> {
  const due = (await options.store.listFailedEvents({ direction: 'push', dueBy: options.now() }))
    .filter((event) => !event.dead && event.feed === pushFeed)
    .sort((a, b) => (a.nextRetryAt ?? 0) - (b.nextRetryAt ?? 0));
  for (const [done, event] of due.entries()) {
    throwIfAborted(options.signal);
    await settleObject(run, { category: event.category, uuid: event.uuid });
    options.onProgress?.({ category: event.category, done: done + 1, total: due.length });
    if (run.stop) break;
  }
  return due.length;
}

/** Walks the log from the marker, window by window, until its end or a stop. */
async function walkLog(run: PushRun, options: PushOptions): Promise<void> {
  const windowSize = Math.max(1, options.windowSize ?? 500);
  let cursor = run.markerSeq;
  let done = 0;
  for (;;) {
    const rows = await options.store.changesSince(cursor, { limit: windowSize });
    const last = rows.at(-1);
    if (!last) return;
    cursor = last.seq;
    const window = { rows, settled: new Set<string>() };
    const items = selectPushRows(rows, options.categories ? { categories: options.categories } : {});
    for (const [index, item] of items.entries()) {
      throwIfAborted(options.signal);
      await settleObject(run, { category: item.category, uuid: item.uuid, item }, window);
      done += 1;
      options.onProgress?.({ category: item.category, done, total: done + items.length - index - 1 });
      if (run.stop) return;
    }
    await moveMarker(run, window);
  }
}
