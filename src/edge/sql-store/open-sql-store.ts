/** Opens the edge node's SQL store: PGlite in a data directory (or memory), or PostgreSQL at a URL. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type { Logger } from '../../core/ports/ports.ts';
import { createSqlStore, type SqlStore } from './create-sql-store.ts';
import { openPgliteClient } from './pglite-client.ts';
import { openPostgresClient } from './postgres-client.ts';
import type { SqlClient } from './sql-client.ts';

export interface OpenSqlStoreOptions {
  /** PGlite data directory; `'memory'` or undefined for an in-memory database. Ignored with `databaseUrl`. */
  dataDir?: string;
  /** A PostgreSQL URL (`postgres://…`); takes precedence over `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL only: keep the tables in this schema (created when missing) instead of `public`. */
  schema?: string;
  log?: Logger;
}

/**
 * Opens the store and migrates its schema: PostgreSQL when `databaseUrl` is given, else PGlite.
 * Fails with `STORE_UNAVAILABLE` when the database cannot be opened or migrated.
 *
 * @example PGlite in ./data
 * ```ts
 * const store = await openSqlStore({ dataDir: './data', log });
 * await store.applyBatch({ settings: { pageSize: 100 } });
 * await store.close();
 * ```
 */
export async function openSqlStore(options: OpenSqlStoreOptions = {}): Promise<SqlStore> {
  let client: SqlClient;
  try {
    client = options.databaseUrl
      ? openPostgresClient(options.databaseUrl, { log: options.log, schema: options.schema })
      : await openPgliteClient(options.dataDir);
  } catch (cause) {
    throw new SyncError('STORE_UNAVAILABLE', { details: { dataDir: options.dataDir }, cause });
  }
  try {
    return await createSqlStore(client, { log: options.log });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

export type { SqlStore } from './create-sql-store.ts';
export type { RunLockOptions, RunLockResult, WithRunLock } from './run-lock.ts';
