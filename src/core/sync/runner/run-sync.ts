/** One sync run: the pull phase over every enabled category, then the push phase when one is plugged in. */

import type { ResourceManager } from '../../clients/resource-manager.ts';
import { isSyncError } from '../../errors/sync-error.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import { type Logger, silentLogger } from '../../ports/ports.ts';
import type { SerializedFailure } from '../../store/store-port.ts';
import { pullAll } from '../pull/pull-all.ts';
import { emptyCounts, type PullSummary } from '../pull/pull-types.ts';
import type { PushSummary, RunStatus, RunSummary, SyncDirection, SyncProgress, SyncRunnerOptions } from './runner-types.ts';
import { definedFields } from '../../ports/defined-fields.ts';

/** What one run needs besides the runner's options. */
export interface RunSyncContext {
  direction: SyncDirection;
  signal: AbortSignal;
  resourceManager: ResourceManager;
  emit(progress: SyncProgress): void;
}

/**
 * Runs the enabled phases of `direction`: pull (pullAll), then push (the plugged-in phase),
 * skipped after a refused credential or a cancellation. Never throws: an unexpected error
 * becomes status `failed` (or `aborted` once the signal has fired).
 *
 * @example
 * ```ts
 * const summary = await runSync(options, { direction: 'both', signal, resourceManager, emit });
 * ```
 */
export async function runSync(options: SyncRunnerOptions, context: RunSyncContext): Promise<RunSummary> {
  const { config } = options;
  const startedAt = options.now();
  const summary: RunSummary = { status: 'ok', direction: context.direction, startedAt, finishedAt: startedAt };
  if (context.direction !== 'push' && config.pull.enabled) summary.pull = await pullPhase(options, context);
  const stopped = summary.pull?.status === 'unauthorized' || context.signal.aborted;
  if (context.direction !== 'pull' && config.push.enabled && options.push && !stopped) {
    summary.push = await pushPhase(options, context);
  }
  summary.status = combined([summary.pull?.status, summary.push?.status], context.signal.aborted);
  const error = summary.pull?.error ?? summary.push?.error ?? firstFailure(summary.pull);
  if (error && summary.status !== 'ok') summary.error = error;
  summary.finishedAt = options.now();
  return summary;
}

async function pullPhase(options: SyncRunnerOptions, context: RunSyncContext): Promise<PullSummary> {
  const { config } = options;
  let place = { categoryIndex: 0, categoryCount: 0 };
  try {
    return await pullAll({
      ...definedFields({
        random: options.random, sleep: options.sleep, log: options.log, categories: config.categories, catchment: config.catchment,
        prefetch: config.prefetch, pageSizeHint: config.pageSizeHint, headers: config.headers, failurePolicy: config.failurePolicy,
        retry: config.retry, timeoutMs: config.timeoutMs, maxPageBytes: config.maxPageBytes,
      }),
      base: config.parentBase, classes: config.classes, store: options.store, resourceManager: context.resourceManager,
      fetch: options.fetch, now: options.now, signal: context.signal, instanceId: options.instanceId,
      onCategory: (category, categoryIndex, categoryCount) => {
        place = { categoryIndex, categoryCount };
        context.emit({ phase: 'pull', category, done: 0, ...place });
      },
      onProgress: (p) => context.emit({ phase: 'pull', category: p.category, done: p.done, total: p.total, ...place }),
    });
  } catch (error) {
    return { status: context.signal.aborted ? 'aborted' : 'failed', categories: [], counts: emptyCounts(), error: serializeFailure(error) };
  }
}

async function pushPhase(options: SyncRunnerOptions, context: RunSyncContext): Promise<PushSummary> {
  const log: Logger = options.log ?? silentLogger;
  try {
    return await (options.push as NonNullable<SyncRunnerOptions['push']>)({
      store: options.store, resourceManager: context.resourceManager, config: options.config, signal: context.signal,
      now: options.now, log, instanceId: options.instanceId, onProgress: (p) => context.emit({ ...p, phase: 'push' }),
    });
  } catch (error) {
    const status = isSyncError(error, 'PARENT_UNAUTHORIZED') ? 'unauthorized' : context.signal.aborted ? 'aborted' : 'failed';
    return { status, error: serializeFailure(error) };
  }
}

/** The run's status from its phases': the most serious wins; `partial` when some went wrong and not all. */
function combined(statuses: (RunStatus | undefined)[], aborted: boolean): RunStatus {
  const ran = statuses.filter((s): s is RunStatus => s !== undefined);
  if (ran.includes('unauthorized')) return 'unauthorized';
  if (aborted || ran.includes('aborted')) return 'aborted';
  if (ran.length > 0 && ran.every((s) => s === 'failed')) return 'failed';
  return ran.every((s) => s === 'ok') ? 'ok' : 'partial';
}

/** The error of the first failed category of a pull, if any. */
export function firstFailure(pull: PullSummary | undefined): SerializedFailure | undefined {
  for (const category of pull?.categories ?? []) if (category.status === 'failed') return category.error;
  return undefined;
}

