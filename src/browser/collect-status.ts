/** Gathers the status every tab shows: the runner's state with the store's counts and the storage figures. */

import type { FailedEvent, SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import { loadRunnerState } from '../core/sync/runner/runner-state-setting.ts';
import type { RunnerStatus } from '../core/sync/runner/runner-types.ts';
import type { PendingPushes } from './pending-pushes.ts';
import type { StorageInfo } from './sync-api-ports.ts';
import type { BrowserStatus, FailedCounts } from './sync-api.ts';

export interface CollectStatusOptions {
  configured: boolean;
  /** The session's runner status; absent when signed out (the stored outcomes are shown). */
  runner?: RunnerStatus;
  pending: PendingPushes;
  storage?: StorageInfo;
}

/**
 * The full status: counts of pending pushes, failed events (retrying) and dead letters, in total
 * and per direction, open conflicts, objects per category, and storage. Without a session, the runner part is idle with
 * the last outcomes the store kept.
 *
 * @example
 * ```ts
 * const status = await collectStatus(store, { configured: true, runner: runner.status(), pending: await tracker.read() });
 * ```
 */
export async function collectStatus(store: SyncStore, options: CollectStatusOptions): Promise<BrowserStatus> {
  const [retrying, dead, conflicts, objects, runner] = await Promise.all([
    store.listFailedEvents({ dead: false }),
    store.listFailedEvents({ dead: true }),
    store.listConflicts({ open: true }),
    store.countObjects(),
    options.runner ?? storedRunnerStatus(store),
  ]);
  return {
    configured: options.configured,
    runner,
    pendingPushes: options.pending.count,
    failedEvents: retrying.length,
    deadLetters: dead.length,
    failedByDirection: { pull: countsOf('pull', retrying, dead), push: countsOf('push', retrying, dead) },
    openConflicts: conflicts.length,
    objects,
    ...(options.storage ? { storage: options.storage } : {}),
  };
}

/** An idle runner status with the outcomes stored by the last session. */
export async function storedRunnerStatus(store: SyncStore): Promise<RunnerStatus> {
  const state = await loadRunnerState(store);
  return { running: false, phase: 'idle', consecutiveFailures: state.consecutiveFailures, scheduled: false, ...outcomes(state) };
}

/**
 * This context's runner status (`own`: whether it runs, its progress and schedule) with the last
 * outcomes the store holds (`stored`), which every context's runs update: a tab must not show
 * the outcomes its own runner last saw when another tab has synced since. Without `own`, `stored`.
 */
export function withStoredOutcomes(own: RunnerStatus | undefined, stored: RunnerStatus): RunnerStatus {
  if (!own) return stored;
  const { lastPull, lastPush, lastError } = stored;
  return {
    ...own, ...(lastPull ? { lastPull } : {}), ...(lastPush ? { lastPush } : {}), ...(lastError ? { lastError } : {}),
    consecutiveFailures: stored.consecutiveFailures,
  };
}

/** The status shown when the store cannot be used at all. */
export function unavailableStatus(error: SerializedFailure): BrowserStatus {
  return {
    configured: false,
    runner: { running: false, phase: 'idle', consecutiveFailures: 0, scheduled: false },
    pendingPushes: 0, failedEvents: 0, deadLetters: 0, openConflicts: 0, objects: {}, storeError: error,
    failedByDirection: { pull: { retrying: 0, dead: 0 }, push: { retrying: 0, dead: 0 } },
  };
}

function countsOf(direction: FailedEvent['direction'], retrying: readonly FailedEvent[], dead: readonly FailedEvent[]): FailedCounts {
  return { retrying: retrying.filter((f) => f.direction === direction).length, dead: dead.filter((f) => f.direction === direction).length };
}

function outcomes(state: Awaited<ReturnType<typeof loadRunnerState>>): Partial<RunnerStatus> {
  return {
    ...(state.lastPull ? { lastPull: state.lastPull } : {}), ...(state.lastPush ? { lastPush: state.lastPush } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
  };
}
