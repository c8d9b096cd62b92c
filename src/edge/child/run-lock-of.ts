/** The run lock of an edge node's runner: the SQL store's database lock when it has one, else an in-process lock. */

import type { SyncStore } from '../../core/store/store-port.ts';
import { createInProcessRunLock, type RunLock } from '../../core/sync/runner/run-lock.ts';

/** A store that can hold a named lock across processes (the SQL store's `withRunLock`). */
interface LockingStore {
  withRunLock: RunLock;
}

function hasRunLock(store: SyncStore): store is SyncStore & LockingStore {
  return typeof (store as Partial<LockingStore>).withRunLock === 'function';
}

/**
 * `store.withRunLock` (a PostgreSQL advisory lock: several edge instances on one database never
 * run two syncs at once) when the store has it, else a lock held in this process (memory store).
 *
 * @example
 * ```ts
 * const runner = await createSyncRunner({ ...deps, store, runLock: runLockOf(store) });
 * ```
 */
export function runLockOf(store: SyncStore): RunLock {
  if (!hasRunLock(store)) return createInProcessRunLock();
  return (name, fn) => store.withRunLock(name, fn);
}
