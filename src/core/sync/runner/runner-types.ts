/** The sync runner's configuration, options, summaries, status and progress. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { ResourceManager } from '../../clients/resource-manager.ts';
import type { FailurePolicy } from '../../feed/failed-event-policy.ts';
import type { RetryPolicy } from '../../http/fetch-text.ts';
import type { Sleep } from '../../http/sleep.ts';
import type { Clock, FetchLike, Logger, Random } from '../../ports/ports.ts';
import type { SerializedFailure, SyncStore } from '../../store/store-port.ts';
import type { PullClass } from '../pull/pull-all.ts';
import type { PullSummary } from '../pull/pull-types.ts';
import type { RunLock } from './run-lock.ts';

/** What the runner needs of a node's sync configuration (sync2.json and our extensions). */
export interface SyncRunnerConfig {
  /** The parent's base URL, context path included (sync2 `general.parentFeedLocation`). */
  parentBase: string;
  pull: { enabled: boolean };
  push: { enabled: boolean };
  /** Seconds between scheduled runs. */
  scheduleSeconds: number;
  /** Longest wait between runs after repeated failures. @default 3600 */
  maxBackoffSeconds?: number;
  /** sync2 `classes[]`: the categories and whether each is enabled. */
  classes: readonly PullClass[];
  /** The category table. @default defaultCategories */
  categories?: readonly CategoryInfo[];
  /** Bean name → catchment pattern. */
  catchment?: Record<string, string>;
  /** Feed pages fetched ahead. @default 2 */
  prefetch?: number;
  /** The parent's feed page size, for progress estimates before a full page is seen. */
  pageSizeHint?: number;
  /** Sent with feed requests to the parent's origin only (e.g. authorization). */
  headers?: Record<string, string>;
  failurePolicy?: FailurePolicy;
  retry?: RetryPolicy;
  timeoutMs?: number;
  maxPageBytes?: number;
}

export type SyncDirection = 'pull' | 'push' | 'both';
export type SyncPhase = 'pull' | 'push' | 'idle';

/** How a phase or run ended; `busy`: another run held the lock, nothing was done. */
export type RunStatus = 'ok' | 'partial' | 'failed' | 'unauthorized' | 'aborted' | 'busy';

/** A progress event: the phase, the category, entries done and an estimate of the total. */
export interface SyncProgress {
  phase: SyncPhase;
  category?: string;
  done: number;
  total?: number;
  /** The category's place in the phase (0-based) and the number of categories. */
  categoryIndex?: number;
  categoryCount?: number;
}

/** What a push phase reports; the push issue refines it. */
export interface PushSummary {
  status: Exclude<RunStatus, 'busy'>;
  error?: SerializedFailure;
  [detail: string]: unknown;
}

/** What a push phase gets from the runner. */
export interface PushContext {
  store: SyncStore;
  resourceManager: ResourceManager;
  config: SyncRunnerConfig;
  signal: AbortSignal;
  now: Clock;
  log: Logger;
  instanceId: string;
  onProgress(progress: Omit<SyncProgress, 'phase'>): void;
}

/** What one run did. */
export interface RunSummary {
  status: RunStatus;
  direction: SyncDirection;
  startedAt: number;
  finishedAt: number;
  pull?: PullSummary;
  push?: PushSummary;
  /** The error that stopped or spoiled the run, if any. */
  error?: SerializedFailure;
}

/** The last outcome of a phase, as persisted in the store's settings. */
export interface PhaseOutcome {
  status: Exclude<RunStatus, 'busy'>;
  /** Clock time (ms) the phase ended. */
  at: number;
  error?: SerializedFailure;
  /**
   * When this outcome is not a success: clock time (ms) of the last phase of this direction that
   * was (status `ok` or `partial`: it reached the parent and moved data). Absent when this outcome
   * is a success (its `at` is that time) or when no success is on record. See `lastSuccessAt()`.
   */
  lastSuccessAt?: number;
}

/** The runner's status, for `/status` and the UI; the last outcomes survive restarts. */
export interface RunnerStatus {
  running: boolean;
  phase: SyncPhase;
  progress?: SyncProgress;
  lastPull?: PhaseOutcome;
  lastPush?: PhaseOutcome;
  lastError?: SerializedFailure & { at: number };
  /** Failed runs in a row (they lengthen the wait before the next scheduled run). */
  consecutiveFailures: number;
  /** True while the schedule is started. */
  scheduled: boolean;
  /** Clock time (ms) of the next scheduled run. */
  nextRunAt?: number;
}

/** Options of createSyncRunner. */
export interface SyncRunnerOptions {
  store: SyncStore;
  /** The client facade, or a factory called once, on the first run. */
  resourceManager: ResourceManager | (() => ResourceManager | Promise<ResourceManager>);
  config: SyncRunnerConfig;
  /** Reads the parent's feed pages. */
  fetch: FetchLike;
  now: Clock;
  /** @default Math.random */
  random?: Random;
  /** Waits between scheduled runs and between retries. @default defaultSleep */
  sleep?: Sleep;
  log?: Logger;
  instanceId: string;
  /** One run at a time per node, across instances sharing a database. @default an in-process lock */
  runLock?: RunLock;
  /** The push phase; absent until the push issue plugs it in. */
  push?: (context: PushContext) => Promise<PushSummary>;
}

/** The runner. */
export interface SyncRunner {
  /**
   * Runs one sync now. While a run is going on in this runner, the call joins it and gets its
   * summary; when another instance holds the lock, it answers at once with status `busy`.
   */
  syncOnce(options?: { signal?: AbortSignal; direction?: SyncDirection }): Promise<RunSummary>;
  /** Starts the schedule: a run now, then one per interval (longer after failures). */
  start(): void;
  /** Stops the schedule and cancels the running run; resolves when both have ended. */
  stop(): Promise<void>;
  status(): RunnerStatus;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
}
