/** Named run locks across processes: a PostgreSQL session advisory lock, plus an in-process guard. */

import { runLockKey } from './lock-keys.ts';
import type { SqlClient } from './sql-client.ts';

/** What `withRunLock` did: ran `fn` and returned its value, or found the lock held elsewhere. */
export type RunLockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface RunLockOptions {
  /** Wait for the lock instead of giving up at once; default false. */
  wait?: boolean;
}

export type WithRunLock = <T>(name: string, fn: () => Promise<T>, options?: RunLockOptions) => Promise<RunLockResult<T>>;

/**
 * A `withRunLock(name, fn)` over `client`: runs `fn` while holding the lock `name`, so several
 * edge instances on one PostgreSQL never run two syncs at once. By default it gives up at once
 * (`{ acquired: false }`) when the lock is held; with `wait: true` it queues. The database lock
 * is a session lock on a dedicated connection, released when `fn` settles or the connection
 * dies. Session locks are re-entrant within one session (and PGlite is one session), so an
 * in-process guard keeps two runs of the same process apart as well.
 *
 * @example Run a pull unless another instance is running one
 * ```ts
 * const withRunLock = createRunLock(client);
 * const outcome = await withRunLock('pull', () => pullOnce(parent, store));
 * if (!outcome.acquired) log.info('pull already running elsewhere');
 * ```
 */
export function createRunLock(client: SqlClient): WithRunLock {
  const held = new Map<string, Promise<unknown>>();
  return async function withRunLock<T>(name: string, fn: () => Promise<T>, options: RunLockOptions = {}): Promise<RunLockResult<T>> {
    while (held.has(name)) {
      if (!options.wait) return { acquired: false };
      await held.get(name)?.catch(() => undefined);
    }
    const run = holdDatabaseLock(client, name, fn, options.wait === true);
    held.set(name, run);
    try {
      return await run;
    } finally {
      held.delete(name);
    }
  };
}

async function holdDatabaseLock<T>(client: SqlClient, name: string, fn: () => Promise<T>, wait: boolean): Promise<RunLockResult<T>> {
  // Stores in different schemas of one database are different nodes: their locks must not meet.
  const key = runLockKey(client.schema === undefined ? name : `${client.schema}\u0000${name}`);
  return client.session(async (session) => {
    if (wait) {
      await session.query('select pg_advisory_lock($1, $2)', key);
    } else {
      const [row] = await session.query('select pg_try_advisory_lock($1, $2) as ok', key);
      if (row?.['ok'] !== true) return { acquired: false };
    }
    try {
      return { acquired: true, value: await fn() };
    } finally {
      await session.query('select pg_advisory_unlock($1, $2)', key);
    }
  });
}
