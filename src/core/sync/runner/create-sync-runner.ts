/** The sync runner: one run at a time, progress events, cancellation, a schedule with backoff, and a status that survives restarts. */

import { silentLogger } from '../../ports/ports.ts';
import { executeRun, lazyResourceManager } from './_execute-run.ts';
import { createProgressHub } from './_progress-hub.ts';
import { type Schedule, startSchedule } from './_schedule.ts';
import { createInProcessRunLock } from './run-lock.ts';
import { loadRunnerState, type RunnerState } from './runner-state-setting.ts';
import type { RunnerStatus, RunSummary, SyncRunner, SyncRunnerOptions } from './runner-types.ts';

/** The name of the run lock. */
export const syncLockName = 'sync';

/**
 * Creates a runner over a node's store, after reading its persisted state (last outcomes,
 * failures in a row). `syncOnce` while a run is going on in this runner joins it (same
 * promise, same summary; the joiner's signal is not linked: `stop()` cancels); while another
 * instance holds the lock it answers `busy` at once. Each run's outcome is written to the
 * store's settings. Progress listeners get `pull`/`push` events, then `idle`.
 *
 * @example Sync now, and on schedule
 * ```ts
 * const runner = await createSyncRunner({ store, resourceManager, config, fetch, now: Date.now, instanceId });
 * runner.onProgress((p) => console.log(p.phase, p.category, p.done, p.total));
 * await runner.syncOnce();
 * runner.start();
 * ```
 */
export async function createSyncRunner(options: SyncRunnerOptions): Promise<SyncRunner> {
  const hub = createProgressHub(options.log ?? silentLogger);
  let state: RunnerState = await loadRunnerState(options.store);
  let current: { promise: Promise<RunSummary>; controller: AbortController } | undefined;
  let schedule: Schedule | undefined;
  const env = {
    options, lock: options.runLock ?? createInProcessRunLock(), lockName: syncLockName, emit: hub.emit,
    resourceManager: lazyResourceManager(options.resourceManager), state: () => state,
    setState: (next: RunnerState) => { state = next; },
  };

  const syncOnce: SyncRunner['syncOnce'] = ({ signal, direction = 'both' } = {}) => {
    if (current) return current.promise;
    const controller = new AbortController();
    const forward = (): void => controller.abort(signal?.reason);
    if (signal?.aborted) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    const promise = executeRun(env, direction, controller.signal).finally(() => {
      signal?.removeEventListener('abort', forward);
      current = undefined;
      hub.emit({ phase: 'idle', done: 0 });
    });
    current = { promise, controller };
    return promise;
  };

  const status = (): RunnerStatus => {
    const progress = hub.latest();
    const next = schedule?.nextRunAt();
    return {
      running: current !== undefined, phase: progress?.phase ?? 'idle', ...(progress ? { progress: { ...progress } } : {}),
      ...(state.lastPull ? { lastPull: state.lastPull } : {}), ...(state.lastPush ? { lastPush: state.lastPush } : {}),
      ...(state.lastError ? { lastError: state.lastError } : {}), consecutiveFailures: state.consecutiveFailures,
      scheduled: schedule !== undefined, ...(next !== undefined ? { nextRunAt: next } : {}),
    };
  };

  return {
    syncOnce,
    status,
    onProgress: hub.subscribe,
    start() {
      schedule ??= startSchedule({
        run: () => syncOnce(), failures: () => state.consecutiveFailures, config: options.config, now: options.now,
        ...(options.random ? { random: options.random } : {}), ...(options.sleep ? { sleep: options.sleep } : {}),
      });
    },
    async stop() {
      const stopping = schedule;
      schedule = undefined;
      stopping?.cancel();
      current?.controller.abort();
      await Promise.all([current?.promise.catch(() => undefined), stopping?.done]);
    },
  };
}
