/** Small helpers that turn port arguments into SQL parameters and clauses. */

import type { SqlParam } from './sql-client.ts';

/** A LIMIT parameter: null (no limit) for undefined or infinite, else a whole number ≥ 0. */
export function limitParam(limit: number | undefined): number | null {
  if (limit === undefined || limit === Infinity) return null;
  return Math.max(0, Math.floor(limit));
}

/**
 * A WHERE clause from `[fragment, value]` pairs, skipping pairs whose value is undefined; each
 * `?` in a fragment becomes the next `$n` after `firstIndex - 1`.
 *
 * @example Two filters, one absent
 * ```ts
 * whereClause([['operation = ?', 'pull'], ['uuid = ?', undefined]]);
 * // { sql: 'where operation = $1', params: ['pull'] }
 * ```
 */
export function whereClause(
  filters: readonly (readonly [string, SqlParam | undefined])[],
  firstIndex = 1,
): { sql: string; params: SqlParam[] } {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  for (const [fragment, value] of filters) {
    if (value === undefined) continue;
    parts.push(fragment.replaceAll('?', () => `$${firstIndex + params.length}`));
    params.push(value);
  }
  return { sql: parts.length === 0 ? '' : `where ${parts.join(' and ')}`, params };
}

/** `name` as a quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
