/** The run lock of the browser node: a Web Lock, so tabs, their workers and the service worker never sync at once; and a wait for its release. */

import type { RunLock, RunLockResult } from '../core/sync/runner/run-lock.ts';
import type { RunLockState } from './sync-api-ports.ts';

/** The one Web Lock every sync run of the origin takes. */
export const syncRunLockName = 'openmrs-sync-run';

/**
 * A RunLock over `locks` (`navigator.locks` of a page, worker or service worker). Every run of
 * the origin takes the same lock, whatever name the runner asks for, with `ifAvailable`: when
 * another context holds it, the run answers `busy` at once instead of queueing. The browser
 * releases the lock if its holder's context dies (a closed tab, a stopped service worker).
 *
 * @example
 * ```ts
 * const runner = await createSyncRunner({ ...options, runLock: navigatorRunLock(navigator.locks) });
 * ```
 */
export function navigatorRunLock(locks: LockManager, options: { name?: string } = {}): RunLock {
  const name = options.name ?? syncRunLockName;
  return <T>(_runnerLockName: string, fn: () => Promise<T>): Promise<RunLockResult<T>> =>
    locks.request(name, { ifAvailable: true }, async (lock): Promise<RunLockResult<T>> =>
      (lock ? { acquired: true, value: await fn() } : { acquired: false }));
}

/**
 * The origin's run lock as any context sees it, over `locks`. `held()` reads the lock table (a run
 * holds the lock exclusively; the brief shared holds of `ended()` do not count). `ended()` is a
 * `shared` request on the lock, granted only once no run holds it (at once when none does) and
 * released at once: it ends when the run ends, and also when the context running it dies (a
 * closed tab, a killed service worker: the browser releases their locks), which no status message
 * would tell. It rejects with the signal's reason when `signal` fires first.
 *
 * @example
 * ```ts
 * const state = navigatorRunState(navigator.locks);
 * if (await state.held()) await state.ended(signal);
 * ```
 */
export function navigatorRunState(locks: LockManager, options: { name?: string } = {}): RunLockState {
  const name = options.name ?? syncRunLockName;
  return {
    held: async () => ((await locks.query()).held ?? []).some((lock) => lock.name === name && lock.mode === 'exclusive'),
    ended: async (signal) => {
      await locks.request(name, { mode: 'shared', signal }, async () => undefined);
    },
  };
}
