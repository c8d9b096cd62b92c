/** The SQL adapter over PGlite: embedded PostgreSQL in WebAssembly, in memory or in a data directory. */

import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlParam, SqlQueryable, SqlRow } from './sql-client.ts';

/**
 * Opens PGlite in `dataDir` (created when missing), or in memory when `dataDir` is undefined
 * or `'memory'`. PGlite is one session, so `session` runs on the instance itself.
 *
 * @example An in-memory database
 * ```ts
 * const client = await openPgliteClient('memory');
 * await client.query('select 1 as one'); // [{ one: 1 }]
 * ```
 */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  const db = dataDir === undefined || dataDir === 'memory' ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  const run = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    async query<T extends SqlRow>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      return (await target.query<T>(sql, [...params])).rows;
    },
  });
  const self = run(db);
  return {
    kind: 'pglite',
    query: self.query,
    transaction: (fn) => db.transaction((tx) => fn(run(tx))),
    session: (fn) => fn(self),
    close: () => db.close(),
  };
}
