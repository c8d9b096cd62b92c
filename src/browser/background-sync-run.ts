/** One service-worker sync event: a run of the shared engine cut at a deadline, resumed by the next event. */

import { isSyncError } from '../core/errors/sync-error.ts';
import type { RunSummary } from '../core/sync/runner/runner-types.ts';
import type { SyncApi } from './sync-api.ts';

/** What a background run did. */
export type BackgroundRunOutcome =
  | { kind: 'ran'; summary: RunSummary; cutShort: boolean }
  /** Signed out: nothing to sync. */
  | { kind: 'not-configured' };

export interface BackgroundRunOptions {
  /** Stop the run after this long; pages applied so far stay (markers move with their batch). @default 150_000 */
  deadlineMs?: number;
  /** Timer functions (tests pass fakes). @default setTimeout / clearTimeout */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Runs `api.syncNow()` (under the origin's run lock: `busy` when a tab is syncing) and calls
 * `api.stop()` when the deadline passes: a sync event lasts a few minutes at most, and the
 * browser kills a service worker that overruns. `cutShort` says the run was stopped there, so
 * the caller registers another sync to go on.
 *
 * @example In the service worker
 * ```ts
 * const outcome = await runBackgroundSync(api, { deadlineMs: 150_000 });
 * if (outcome.kind === 'ran' && outcome.cutShort) await self.registration.sync.register(backgroundSyncTag);
 * ```
 */
export async function runBackgroundSync(api: Pick<SyncApi, 'syncNow' | 'stop'>, options: BackgroundRunOptions = {}): Promise<BackgroundRunOutcome> {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let cutShort = false;
  const timer = setTimer(() => {
    cutShort = true;
    void api.stop();
  }, options.deadlineMs ?? 150_000);
  try {
    const summary = await api.syncNow();
    return { kind: 'ran', summary, cutShort: cutShort && summary.status === 'aborted' };
  } catch (error) {
    if (isSyncError(error, 'NOT_CONFIGURED')) return { kind: 'not-configured' };
    throw error;
  } finally {
    clearTimer(timer);
  }
}
