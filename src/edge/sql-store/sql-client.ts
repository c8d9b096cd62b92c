/** The narrow query adapter the SQL store runs on, so PGlite and PostgreSQL share one SQL implementation. */

/** A query parameter. JSON travels as a string and is cast in SQL (`$1::text::jsonb`). */
export type SqlParam = string | number | boolean | null;

/** A result row as the driver returns it. */
export type SqlRow = Record<string, unknown>;

/** Something that runs one statement: the client, a transaction or a session. */
export interface SqlQueryable {
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

/** A connection (PGlite) or a pool (PostgreSQL) behind one small interface. */
export interface SqlClient extends SqlQueryable {
  readonly kind: 'pglite' | 'postgres';
  /** The schema the tables live in, when not the default (`public`); created by the migrations. */
  readonly schema?: string;
  /** Runs `fn` in a transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Runs `fn` on one dedicated session, for session-level advisory locks. */
  session<T>(fn: (session: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
