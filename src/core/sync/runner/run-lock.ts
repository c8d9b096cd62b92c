/** The run-lock port (one sync run at a time per node) and its default, an in-process lock. */

/** What a run lock did: ran `fn` and returned its value, or found the lock held. */
export type RunLockResult<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Runs `fn` while holding the lock `name`, or answers `{ acquired: false }` at once when it is
 * held. The edge node passes its database lock (several instances on one PostgreSQL), the
 * browser one over `navigator.locks`.
 */
export type RunLock = <T>(name: string, fn: () => Promise<T>) => Promise<RunLockResult<T>>;

/**
 * A lock held in this process only (one per call: two runners given the same lock exclude each other).
 *
 * @example
 * ```ts
 * const lock = createInProcessRunLock();
 * await lock('sync', async () => 1); // { acquired: true, value: 1 }
 * ```
 */
export function createInProcessRunLock(): RunLock {
  const held = new Set<string>();
  return async <T>(name: string, fn: () => Promise<T>): Promise<RunLockResult<T>> => {
    if (held.has(name)) return { acquired: false };
    held.add(name);
    try {
      return { acquired: true, value: await fn() };
    } finally {
      held.delete(name);
    }
  };
}
