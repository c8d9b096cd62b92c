/** Wires the core sync runner into an edge node configured with a parent: resource manager, push phase, run lock, schedule, status. */

import { createResourceManager } from '../../core/clients/create-resource-manager.ts';
import { preferredClients, resolveParentCredentials } from '../../core/config/resolve-parent.ts';
import { SyncError } from '../../core/errors/sync-error.ts';
import type { RetryPolicy } from '../../core/http/fetch-text.ts';
import type { Sleep } from '../../core/http/sleep.ts';
import type { Clock, FetchLike, Logger, Random } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { createPushPhase } from '../../core/sync/push/create-push-phase.ts';
import { createSyncRunner } from '../../core/sync/runner/create-sync-runner.ts';
import { runnerConfigOf } from '../../core/sync/runner/runner-config-of.ts';
import type { RunSummary, SyncRunner } from '../../core/sync/runner/runner-types.ts';
import { childStatusFields } from './child-status.ts';
import { countPendingPushes } from './count-pending-pushes.ts';
import type { EdgeSyncConfig } from './parse-edge-sync-config.ts';
import { runLockOf } from './run-lock-of.ts';

export interface ChildSyncOptions {
  store: SyncStore;
  /** Reaches the parent (feed, FHIR, REST). */
  fetch: FetchLike;
  now: Clock;
  log: Logger;
  /** This node's instance id, written on its audit rows. */
  instanceId: string;
  /** Event ids of the change rows push writes (merges, parent versions taken). @default crypto.randomUUID */
  newId?: () => string;
  /** Waits between retries and scheduled runs. @default real timers */
  sleep?: Sleep;
  /** Backoff jitter. @default Math.random */
  random?: Random;
  /** Overrides of the config's per-request timeout and of the transport's retry policy (tests, embedding). */
  transport?: { timeoutMs?: number; retry?: RetryPolicy };
}

/** A running child sync. */
export interface ChildSync {
  /** The parent's base URL, without credentials. */
  parentBase: string;
  runner: SyncRunner;
  /** Starts the schedule: a run at once, then one per interval (longer after failures). */
  start(): void;
  /**
   * Runs one sync now, or joins the one going on; `busy` when another instance on the database
   * runs one; `aborted` at once after `stop()`.
   */
  syncNow(): Promise<RunSummary>;
  /** `{ role: 'child', parent, sync, push }` for `/status`; `push.pending` counts what waits to be pushed. */
  statusFields(): Promise<Record<string, unknown>>;
  /** Stops the schedule and cancels a run going on; resolves once it has ended. No run starts after. */
  stop(): Promise<void>;
}

/**
 * Builds the resource manager (credentials from the config's `clients`, which it sends to the
 * parent's origin only) and a runner over `store` with the store's run lock; `start()` starts
 * its schedule. With `push.enabled` each run pulls, then pushes (the core's push phase, with the
 * config's `ts.conflictPolicy`). Throws CONFIG_INVALID when the configuration names no parent.
 *
 * @example
 * ```ts
 * const child = await startChildSync(config, { store, fetch, now: Date.now, log, instanceId });
 * child.start();
 * const summary = await child.syncNow();
 * await child.stop();
 * ```
 */
export async function startChildSync(config: EdgeSyncConfig, options: ChildSyncOptions): Promise<ChildSync> {
  const { sync } = config;
  const parentBase = config.parentBase;
  if (parentBase === undefined) {
    throw new SyncError('CONFIG_INVALID', { message: 'No parent is configured: general.parentFeedLocation is missing', details: { path: 'general.parentFeedLocation' } });
  }
  const { store, now, log } = options;
  const { runner, runnerConfig, credentials } = await buildRunner(config, parentBase, options);
  runner.onProgress(progressLogger(runner, log));
  if (!credentials) log.warn('no login for the parent in general.clients: its FHIR and REST APIs will refuse this node', { parent: parentBase });
  let stopped = false;
  return {
    parentBase,
    runner,
    start() {
      if (stopped) return;
      runner.start();
      log.info('syncing with the parent on schedule', { parent: parentBase, scheduleSeconds: runnerConfig.scheduleSeconds });
    },
    syncNow: () => (stopped ? Promise.resolve(abortedSummary(now())) : runner.syncOnce()),
    statusFields: async () => ({
      ...childStatusFields(runner.status(), { parentBase, scheduleSeconds: runnerConfig.scheduleSeconds }),
      push: { enabled: sync.push.enabled, conflictPolicy: sync.ts.conflictPolicy, ...(sync.push.enabled ? { pending: await countPendingPushes(store) } : {}) },
    }),
    stop: () => {
      stopped = true;
      return runner.stop();
    },
  };
}

/** The resource manager and the runner (with the push phase when push is enabled) of a child over `options.store`. */
async function buildRunner(config: EdgeSyncConfig, parentBase: string, options: ChildSyncOptions) {
  const { sync } = config;
  const { store, fetch, now, log, instanceId, transport = {} } = options;
  const ports = { ...(options.sleep ? { sleep: options.sleep } : {}), ...(options.random ? { random: options.random } : {}) };
  const credentials = resolveParentCredentials(sync);
  const timeoutMs = transport.timeoutMs ?? sync.ts.timeoutSeconds * 1_000;
  const resourceManager = createResourceManager({
    base: parentBase, fetch, now, log, preferredClient: preferredClients(sync, 'pull'), concurrency: sync.ts.concurrency,
    groupSize: sync.ts.batchSize, timeoutMs, ...ports, ...(transport.retry ? { retry: transport.retry } : {}), ...(credentials ? { credentials } : {}),
  });
  const runnerConfig = { ...runnerConfigOf(sync), timeoutMs, ...(transport.retry ? { retry: transport.retry } : {}) };
  const push = sync.push.enabled ? createPushPhase({ policy: sync.ts.conflictPolicy, ...(options.random ? { random: options.random } : {}), ...(options.newId ? { newId: options.newId } : {}) }) : undefined;
  const runner = await createSyncRunner({
    store, resourceManager, config: runnerConfig, fetch, now, log, instanceId, runLock: runLockOf(store), ...ports, ...(push ? { push } : {}),
  });
  return { runner, runnerConfig, credentials };
}

function abortedSummary(at: number): RunSummary {
  return { status: 'aborted', direction: 'both', startedAt: at, finishedAt: at, error: { code: 'ABORTED', message: 'The node is stopping' } };
}

/** Logs each category as it starts (debug) and each run's pull and push outcomes once it has ended (not a `busy` one: it changed nothing). */
function progressLogger(runner: SyncRunner, log: Logger): Parameters<SyncRunner['onProgress']>[0] {
  let category: string | undefined;
  let loggedAt: number | undefined;
  return (progress) => {
    if (progress.phase === 'idle') {
      category = undefined;
      const { lastPull, lastPush, lastError, consecutiveFailures } = runner.status();
      const at = Math.max(lastPull?.at ?? -1, lastPush?.at ?? -1);
      if (at < 0 || at === loggedAt) return;
      loggedAt = at;
      const fields = {
        ...(lastPull ? { pull: lastPull.status } : {}), ...(lastPush ? { push: lastPush.status } : {}), consecutiveFailures,
        ...(lastError ? { error: lastError.code, message: lastError.message } : {}),
      };
      if ((lastPull?.status ?? 'ok') === 'ok' && (lastPush?.status ?? 'ok') === 'ok') log.info('sync run ended', fields);
      else log.warn('sync run ended', fields);
    } else if (progress.category !== category) {
      category = progress.category;
      log.debug('syncing a category', { phase: progress.phase, category });
    }
  };
}
