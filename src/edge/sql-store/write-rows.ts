/** The SQL store's bulk writes: each list goes to the database as one JSON parameter and one statement. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type {
  AuditRow, ChangeRow, ConflictRecord, FailedEvent, FeedMarker, Json, StoredObject,
} from '../../core/store/store-port.ts';
import type { SqlQueryable } from './sql-client.ts';

/** JSON text of `value`; a value JSON cannot hold (a cycle, a bigint) makes the plan invalid. */
export function encodeJson(value: unknown, path: string): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    throw new SyncError('STORE_BATCH_INVALID', { details: { path, problem: 'not JSON-serialisable' }, cause });
  }
}

/** Runs `statement` over `rows` mapped to flat records, unless there are none. */
async function writeAll<T>(tx: SqlQueryable, rows: readonly T[] | undefined, statement: string, toRecord: (row: T) => object, path: string): Promise<void> {
  if (!rows || rows.length === 0) return;
  await tx.query(statement, [encodeJson(rows.map(toRecord), path)]);
}

/** Deletes the rows of `table` whose `id` is listed. */
async function deleteIds(tx: SqlQueryable, table: string, ids: readonly string[] | undefined): Promise<void> {
  if (!ids || ids.length === 0) return;
  await tx.query(`delete from ${table} where id in (select jsonb_array_elements_text($1::text::jsonb))`, [JSON.stringify(ids)]);
}

/**
 * `insert … select … from jsonb_to_recordset($1)` for `columns` ("name type, …"); with `key`, an
 * upsert that replaces every other column.
 */
function bulkStatement(table: string, columns: string, key?: string): string {
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0] as string);
  const insert = `insert into ${table} (${names.join(', ')}) select ${names.join(', ')} from jsonb_to_recordset($1::text::jsonb) as x(${columns})`;
  if (key === undefined) return insert;
  const keys = key.split(',').map((k) => k.trim());
  const set = names.filter((n) => !keys.includes(n)).map((n) => `${n} = excluded.${n}`);
  return `${insert} on conflict (${key}) do update set ${set.join(', ')}`;
}

const objectStatement = bulkStatement('objects', `category text, uuid text, representation text, body jsonb, hash text,
  version text, removed boolean, base_body jsonb, base_is_body boolean, base_hash text, base_version text,
  updated_at double precision`, 'category, uuid');

/**
 * Inserts or replaces whole objects. A base whose body is the body object itself (a pulled
 * object; the plan copy keeps that sharing) is stored as a flag, not as a second copy.
 */
export function writeObjects(tx: SqlQueryable, objects: readonly StoredObject[] | undefined): Promise<void> {
  return writeAll(tx, objects, objectStatement, (o) => {
    const baseIsBody = o.base ? o.base.body === o.body : false;
    return {
      category: o.category, uuid: o.uuid, representation: o.representation, body: o.body, hash: o.hash,
      version: o.version, removed: o.removed, base_body: o.base && !baseIsBody ? o.base.body : null,
      base_is_body: baseIsBody, base_hash: o.base?.hash ?? null, base_version: o.base?.version ?? null, updated_at: o.updatedAt,
    };
  }, 'objects');
}

const changeStatement = bulkStatement('change_log', `seq bigint, category text, position bigint, event_id text,
  uuid text, action text, origin text, origin_id text, hash text, at double precision, filters jsonb`);

/** Appends numbered change-log rows. */
export function writeChanges(tx: SqlQueryable, rows: readonly ChangeRow[]): Promise<void> {
  return writeAll(tx, rows, changeStatement, (c) => ({
    seq: c.seq, category: c.category, position: c.position, event_id: c.eventId, uuid: c.uuid, action: c.action,
    origin: c.origin, origin_id: c.originId ?? null, hash: c.hash, at: c.at, filters: c.filters ?? null,
  }), 'changes');
}

const markerStatement = bulkStatement('markers', `feed text, last_entry_id text, page_url text,
  last_seq double precision, updated_at double precision`, 'feed');

/** Inserts or replaces feed markers. */
export function writeMarkers(tx: SqlQueryable, markers: readonly FeedMarker[] | undefined): Promise<void> {
  return writeAll(tx, markers, markerStatement, (m) => ({
    feed: m.feed, last_entry_id: m.lastEntryId ?? null, page_url: m.pageUrl ?? null, last_seq: m.lastSeq ?? null,
    updated_at: m.updatedAt,
  }), 'markers');
}

const failedStatement = bulkStatement('failed_events', `id text, direction text, feed text, entry_id text,
  category text, uuid text, action text, links jsonb, error jsonb, attempts double precision,
  first_failed_at double precision, last_failed_at double precision, next_retry_at double precision, dead boolean`, 'id');

/** Deletes, then inserts or replaces, failed events. */
export async function writeFailedEvents(tx: SqlQueryable, part: { put?: FailedEvent[]; delete?: string[] } | undefined): Promise<void> {
  await deleteIds(tx, 'failed_events', part?.delete);
  await writeAll(tx, part?.put, failedStatement, (e) => ({
    id: e.id, direction: e.direction, feed: e.feed, entry_id: e.entryId ?? null, category: e.category, uuid: e.uuid,
    action: e.action ?? null, links: e.links ?? null, error: e.error, attempts: e.attempts,
    first_failed_at: e.firstFailedAt, last_failed_at: e.lastFailedAt, next_retry_at: e.nextRetryAt ?? null, dead: e.dead,
  }), 'failedEvents.put');
}

const auditStatement = bulkStatement('audit', `seq bigint, prev_hash text, hash text, at double precision,
  operation text, category text, action text, uuid text, url text, client text, outcome text, details jsonb,
  instance_id text`);

/** Appends chained audit rows. */
export function writeAudit(tx: SqlQueryable, rows: readonly AuditRow[]): Promise<void> {
  return writeAll(tx, rows, auditStatement, (a) => ({
    seq: a.seq, prev_hash: a.prevHash, hash: a.hash, at: a.at, operation: a.operation, category: a.category ?? null,
    action: a.action ?? null, uuid: a.uuid ?? null, url: a.url ?? null, client: a.client ?? null, outcome: a.outcome,
    details: a.details ?? null, instance_id: a.instanceId,
  }), 'audit');
}

const conflictStatement = bulkStatement('conflicts', `id text, category text, uuid text, representation text,
  base jsonb, local jsonb, parent jsonb, fields jsonb, reason text, created_at double precision,
  resolved_at double precision, resolution text`, 'id');

/** Deletes, then inserts or replaces, conflict records. */
export async function writeConflicts(tx: SqlQueryable, part: { put?: ConflictRecord[]; delete?: string[] } | undefined): Promise<void> {
  await deleteIds(tx, 'conflicts', part?.delete);
  await writeAll(tx, part?.put, conflictStatement, (c) => ({
    id: c.id, category: c.category, uuid: c.uuid, representation: c.representation, base: c.base, local: c.local,
    parent: c.parent, fields: c.fields, reason: c.reason, created_at: c.createdAt, resolved_at: c.resolvedAt ?? null,
    resolution: c.resolution ?? null,
  }), 'conflicts.put');
}

/** Sets settings; a key whose value is undefined is deleted. */
export async function writeSettings(tx: SqlQueryable, settings: Record<string, Json | undefined> | undefined): Promise<void> {
  const entries = Object.entries(settings ?? {});
  const removed = entries.filter(([, value]) => value === undefined).map(([key]) => key);
  const put = Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  if (removed.length > 0) {
    await tx.query('delete from settings where key in (select jsonb_array_elements_text($1::text::jsonb))', [JSON.stringify(removed)]);
  }
  if (Object.keys(put).length === 0) return;
  await tx.query(
    `insert into settings select key, value from jsonb_each($1::text::jsonb)
     on conflict (key) do update set value = excluded.value`,
    [encodeJson(put, 'settings')],
  );
}
