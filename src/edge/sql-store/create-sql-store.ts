/** Assembles the SQL store over a query adapter: migrations, the port's reads, applyBatch and run locks. */

import { SyncError } from '../../core/errors/sync-error.ts';
import { silentLogger, type Logger } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { applySqlBatch } from './apply-sql-batch.ts';
import { logReads } from './log-reads.ts';
import { migrateSchema } from './migrate-schema.ts';
import { objectReads } from './object-reads.ts';
import { createRunLock, type WithRunLock } from './run-lock.ts';
import type { SqlClient, SqlParam, SqlQueryable, SqlRow } from './sql-client.ts';
import { stateReads } from './state-reads.ts';
import { toStoreError } from './to-store-error.ts';

/** The store port plus what the edge app needs from a SQL store. */
export interface SqlStore extends SyncStore {
  readonly kind: SqlClient['kind'];
  /** Runs `fn` under a named lock shared by every instance on the database; see `createRunLock`. */
  withRunLock: WithRunLock;
  /** Plain SQL for reads the port lacks (e.g. FHIR search over `objects.body`). Never write through it. */
  readonly sql: SqlQueryable;
}

export interface CreateSqlStoreOptions {
  log?: Logger;
  /** Close the client when the store closes; default true. */
  closeClient?: boolean;
}

/**
 * A SqlStore over `client`, after bringing the schema up to date. After `close()` every call
 * rejects with `STORE_UNAVAILABLE`, as the memory store does.
 *
 * @example Over an in-memory PGlite
 * ```ts
 * const store = await createSqlStore(await openPgliteClient('memory'));
 * await store.lastSeq(); // 0
 * ```
 */
export async function createSqlStore(client: SqlClient, options: CreateSqlStoreOptions = {}): Promise<SqlStore> {
  await migrateOrFail(client, options.log ?? silentLogger);
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new SyncError('STORE_UNAVAILABLE', { message: 'The SQL store is closed' });
  };
  const withRunLock = createRunLock(client);
  const port: Omit<SyncStore, 'close'> = {
    ...objectReads(client),
    ...logReads(client),
    ...stateReads(client),
    applyBatch: (plan) => applySqlBatch(client, plan),
  };
  return {
    ...guard(port, assertOpen),
    kind: client.kind,
    async withRunLock(name, fn, lockOptions) {
      assertOpen();
      return withRunLock(name, fn, lockOptions);
    },
    sql: {
      async query<T extends SqlRow>(text: string, params?: readonly SqlParam[]) {
        assertOpen();
        return client.query<T>(text, params);
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      if (options.closeClient !== false) await client.close();
    },
  };
}

async function migrateOrFail(client: SqlClient, log: Logger): Promise<void> {
  try {
    await migrateSchema(client, { log });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SyncError('STORE_UNAVAILABLE', { message: `The SQL store could not open its schema: ${reason}`, details: { reason }, cause });
  }
}

/** Wraps every method: rejects once the store is closed, and maps driver errors to store codes. */
function guard<T extends object>(methods: T, assertOpen: () => void): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    guarded[name] = async (...args: unknown[]) => {
      assertOpen();
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw toStoreError(error);
      }
    };
  }
  return guarded as T;
}
