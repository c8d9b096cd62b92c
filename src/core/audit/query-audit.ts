/** Querying the audit log: filters (the store's and finer ones) and newest-first paging, as pages or as one async stream. */

import type { AuditQuery, AuditRow, NewAuditRow, SyncStore } from '../store/store-port.ts';

/** Filters of an audit query; every one given must match. */
export interface AuditFilter {
  operation?: NewAuditRow['operation'];
  category?: string;
  uuid?: string;
  outcome?: NewAuditRow['outcome'];
  action?: string;
  client?: string;
  instanceId?: string;
  /** Rows at or after this clock time (ms). */
  since?: number;
  /** Rows before this clock time (ms). */
  until?: number;
}

/** One page of rows, newest first, and the cursor of the next (absent on the last page). */
export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `beforeSeq` for the next page. */
  nextBeforeSeq?: number;
}

export interface ReadAuditPageOptions {
  filter?: AuditFilter;
  /** Rows with seq below this; absent for the newest. */
  beforeSeq?: number;
  /** Rows per page. @default 50 */
  limit?: number;
  /** Rows read from the store per query while filling the page. @default 200 */
  batchSize?: number;
}

/**
 * A page of audit rows matching `filter`, newest first. The store filters what its port knows
 * (operation, category, uuid, outcome); the rest is filtered here, reading the store in batches
 * until the page is full or the log is exhausted.
 *
 * @example Page through failures
 * ```ts
 * const first = await readAuditPage(store, { filter: { outcome: 'failed' }, limit: 20 });
 * const second = await readAuditPage(store, { filter: { outcome: 'failed' }, beforeSeq: first.nextBeforeSeq });
 * ```
 */
export async function readAuditPage(store: SyncStore, options: ReadAuditPageOptions = {}): Promise<AuditPage> {
  const { filter = {}, limit = 50 } = options;
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const rows: AuditRow[] = [];
  let cursor = options.beforeSeq;
  let exhausted = false;
  while (rows.length < limit && !exhausted) {
    const query: AuditQuery = { ...storeQuery(filter), limit: batchSize };
    if (cursor !== undefined) query.beforeSeq = cursor;
    const batch = await store.listAudit(query);
    let read = 0;
    for (const row of batch) {
      read += 1;
      cursor = row.seq;
      if (matchesAuditFilter(row, filter) && rows.push(row) === limit) break;
    }
    // A short batch read to its end is the end of the log.
    exhausted = batch.length < batchSize && read === batch.length;
  }
  return exhausted || cursor === undefined ? { rows } : { rows, nextBeforeSeq: cursor };
}

/** Options of {@linkcode queryAudit}: those of a page, with the page size. */
export interface QueryAuditOptions extends Omit<ReadAuditPageOptions, 'limit'> {
  /** Rows per page read. @default 200 */
  pageSize?: number;
}

/**
 * Every audit row matching `filter`, newest first, read page by page.
 *
 * @example
 * ```ts
 * for await (const row of queryAudit(store, { filter: { uuid } })) console.log(row.seq, row.outcome);
 * ```
 */
export async function* queryAudit(store: SyncStore, options: QueryAuditOptions = {}): AsyncGenerator<AuditRow> {
  let beforeSeq = options.beforeSeq;
  for (;;) {
    const pageOptions: ReadAuditPageOptions = { ...options, limit: options.pageSize ?? 200 };
    if (beforeSeq !== undefined) pageOptions.beforeSeq = beforeSeq;
    const page = await readAuditPage(store, pageOptions);
    yield* page.rows;
    if (page.nextBeforeSeq === undefined) return;
    beforeSeq = page.nextBeforeSeq;
  }
}

/** True when `row` matches every filter given. */
export function matchesAuditFilter(row: AuditRow, filter: AuditFilter): boolean {
  const exact: (keyof AuditFilter & keyof AuditRow)[] = ['operation', 'category', 'uuid', 'outcome', 'action', 'client', 'instanceId'];
  for (const key of exact) {
    if (filter[key] !== undefined && row[key] !== filter[key]) return false;
  }
  if (filter.since !== undefined && row.at < filter.since) return false;
  if (filter.until !== undefined && row.at >= filter.until) return false;
  return true;
}

function storeQuery(filter: AuditFilter): AuditQuery {
  const query: AuditQuery = {};
  if (filter.operation !== undefined) query.operation = filter.operation;
  if (filter.category !== undefined) query.category = filter.category;
  if (filter.uuid !== undefined) query.uuid = filter.uuid;
  if (filter.outcome !== undefined) query.outcome = filter.outcome;
  return query;
}
