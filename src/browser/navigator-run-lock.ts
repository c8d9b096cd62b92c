/** The run lock of the browser node: a Web Lock, so tabs, their workers and the service worker never sync at once. */

import type { RunLock, RunLockResult } from '../core/sync/runner/run-lock.ts';

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
