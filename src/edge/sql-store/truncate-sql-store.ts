/** Empties every table of the SQL store, keeping the schema: for tests that share one database. */

import type { SqlQueryable } from './sql-client.ts';

/**
 * Deletes every row of the store's tables (not `schema_migrations`). Tests use it to reuse one
 * PGlite instance, which takes seconds to open, across many fresh stores.
 *
 * @example A fresh store over a shared client
 * ```ts
 * await truncateSqlStore(client);
 * const store = await createSqlStore(client, { closeClient: false });
 * ```
 */
export async function truncateSqlStore(db: SqlQueryable): Promise<void> {
  await db.query('truncate objects, change_log, markers, failed_events, audit, conflicts, settings');
}
