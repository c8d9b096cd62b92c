/** Brings a database's schema up to date at start, once even when several instances start together. */

import { silentLogger, type Logger } from '../../core/ports/ports.ts';
import { migrateLock } from './lock-keys.ts';
import { migrations as allMigrations, type Migration } from './migrations.ts';
import type { SqlClient } from './sql-client.ts';
import { quoteIdent } from './sql-params.ts';

export interface MigrateOptions {
  log?: Logger;
  /** Defaults to the store's migrations; tests pass others. */
  migrations?: readonly Migration[];
}

/**
 * Applies the migrations the database lacks, all in one transaction that first takes an
 * advisory lock: a second instance waits, then finds them applied. Returns the versions applied.
 *
 * @example Migrate at start
 * ```ts
 * const applied = await migrateSchema(client, { log });
 * ```
 */
export async function migrateSchema(client: SqlClient, options: MigrateOptions = {}): Promise<number[]> {
  const log = options.log ?? silentLogger;
  const wanted = options.migrations ?? allMigrations;
  return client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, $2)', [...migrateLock]);
    if (client.schema !== undefined) await tx.query(`create schema if not exists ${quoteIdent(client.schema)}`);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await tx.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of wanted) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      log.info('sql store: migration applied', { version: migration.version, name: migration.name });
      applied.push(migration.version);
    }
    return applied;
  });
}
