/** The SQL adapter over PostgreSQL, through the `postgres` package and a connection pool. */

import postgres from 'postgres';
import { silentLogger, type Logger } from '../../core/ports/ports.ts';
import type { SqlClient, SqlParam, SqlQueryable, SqlRow } from './sql-client.ts';
import { quoteIdent } from './sql-params.ts';

export interface PostgresClientOptions {
  /** Pool size; default 10. */
  max?: number;
  /**
   * Keep the tables in this schema (created when missing) instead of `public`, so that several
   * stores (tests, or nodes of a demo network) can share one database.
   */
  schema?: string;
  log?: Logger;
}

type Runner = Pick<postgres.Sql, 'unsafe'>;

/**
 * Connects a pool to `databaseUrl` (`postgres://user:pass@host:port/db`). Nothing is sent until
 * the first query. Server notices go to the logger at debug level.
 *
 * @example Connect and query
 * ```ts
 * const client = openPostgresClient('postgres://postgres@127.0.0.1:5432/sync2');
 * await client.query('select 1 as one');
 * ```
 */
export function openPostgresClient(databaseUrl: string, options: PostgresClientOptions = {}): SqlClient {
  const log = options.log ?? silentLogger;
  const sql = postgres(databaseUrl, {
    max: options.max ?? 10,
    onnotice: (notice) => log.debug('postgres notice', { message: notice['message'] }),
    connection: {
      application_name: 'sync2-edge',
      ...(options.schema === undefined ? {} : { search_path: quoteIdent(options.schema) }),
    },
  });
  const run = (target: Runner): SqlQueryable => ({
    async query<T extends SqlRow>(text: string, params: readonly SqlParam[] = []): Promise<T[]> {
      return (await target.unsafe(text, [...params])) as unknown as T[];
    },
  });
  const self = run(sql);
  return {
    kind: 'postgres',
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    query: self.query,
    transaction: async <T>(fn: (tx: SqlQueryable) => Promise<T>) => (await sql.begin((tx) => fn(run(tx)))) as T,
    async session(fn) {
      const reserved = await sql.reserve();
      try {
        return await fn(run(reserved));
      } finally {
        reserved.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
