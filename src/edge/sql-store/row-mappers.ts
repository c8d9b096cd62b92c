/** Column lists and row mappers: SQL rows to the port's types, with absent optional fields left out (not null). */

import { copyJson } from '../../core/store/copy-json.ts';
import type {
  AuditRow, ChangeRow, ConflictRecord, FailedEvent, FeedMarker, JsonObject, StoredObject,
} from '../../core/store/store-port.ts';
import type { SqlRow } from './sql-client.ts';

/** The columns each mapper below expects, in SELECT-list form. */
export const objectColumns =
  'category, uuid, representation, body, hash, version, removed, base_body, base_is_body, base_hash, base_version, updated_at';
export const changeColumns = 'seq, category, position, event_id, uuid, action, origin, origin_id, hash, at, filters';
export const markerColumns = 'feed, last_entry_id, page_url, last_seq, updated_at';
export const failedEventColumns =
  'id, direction, feed, entry_id, category, uuid, action, links, error, attempts, first_failed_at, last_failed_at, next_retry_at, dead';
export const auditColumns =
  'seq, prev_hash, hash, at, operation, category, action, uuid, url, client, outcome, details, instance_id';
export const conflictColumns =
  'id, category, uuid, representation, base, local, parent, fields, reason, created_at, resolved_at, resolution';

// bigint columns arrive as strings (postgres) or numbers (PGlite); Number() reads both.
const num = (value: unknown): number => Number(value);
const str = (value: unknown): string => value as string;

/** Copies the entries of `optional` whose value is neither null nor undefined onto `row`. */
function withOptional<T extends object>(row: T, optional: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(optional)) {
    if (value !== null && value !== undefined) (row as Record<string, unknown>)[key] = value;
  }
  return row;
}

/** A row selected with `objectColumns` as a StoredObject. */
export function toStoredObject(row: SqlRow): StoredObject {
  const object: StoredObject = {
    category: str(row['category']), uuid: str(row['uuid']), representation: row['representation'] as StoredObject['representation'],
    body: (row['body'] ?? null) as JsonObject | null, hash: str(row['hash']), version: str(row['version']),
    removed: row['removed'] === true, updatedAt: num(row['updated_at']),
  };
  if (row['base_hash'] !== null && row['base_hash'] !== undefined) {
    // A base stored as "is the body" gets its own copy, so changing one never changes the other.
    const baseBody = row['base_is_body'] === true ? copyJson(object.body) : (row['base_body'] ?? null) as JsonObject | null;
    object.base = withOptional({ body: baseBody, hash: str(row['base_hash']) }, {
      version: row['base_version'],
    });
  }
  return object;
}

/** A row selected with `changeColumns` as a ChangeRow. */
export function toChangeRow(row: SqlRow): ChangeRow {
  return withOptional<ChangeRow>({
    seq: num(row['seq']), position: num(row['position']), eventId: str(row['event_id']), category: str(row['category']),
    uuid: str(row['uuid']), action: row['action'] as ChangeRow['action'], origin: row['origin'] as ChangeRow['origin'],
    hash: str(row['hash']), at: num(row['at']),
  }, { originId: row['origin_id'], filters: row['filters'] });
}

/** A row selected with `markerColumns` as a FeedMarker. */
export function toFeedMarker(row: SqlRow): FeedMarker {
  return withOptional<FeedMarker>({ feed: str(row['feed']), updatedAt: num(row['updated_at']) }, {
    lastEntryId: row['last_entry_id'], pageUrl: row['page_url'],
    lastSeq: row['last_seq'] === null ? null : num(row['last_seq']),
  });
}

/** A row selected with `failedEventColumns` as a FailedEvent. */
export function toFailedEvent(row: SqlRow): FailedEvent {
  return withOptional<FailedEvent>({
    id: str(row['id']), direction: row['direction'] as FailedEvent['direction'], feed: str(row['feed']),
    category: str(row['category']), uuid: str(row['uuid']), error: row['error'] as FailedEvent['error'],
    attempts: num(row['attempts']), firstFailedAt: num(row['first_failed_at']), lastFailedAt: num(row['last_failed_at']),
    dead: row['dead'] === true,
  }, {
    entryId: row['entry_id'], action: row['action'], links: row['links'],
    nextRetryAt: row['next_retry_at'] === null ? null : num(row['next_retry_at']),
  });
}

/** A row selected with `auditColumns` as a AuditRow. */
export function toAuditRow(row: SqlRow): AuditRow {
  return withOptional<AuditRow>({
    seq: num(row['seq']), prevHash: str(row['prev_hash']), hash: str(row['hash']), at: num(row['at']),
    operation: row['operation'] as AuditRow['operation'], outcome: row['outcome'] as AuditRow['outcome'],
    instanceId: str(row['instance_id']),
  }, {
    category: row['category'], action: row['action'], uuid: row['uuid'], url: row['url'], client: row['client'],
    details: row['details'],
  });
}

/** A row selected with `conflictColumns` as a ConflictRecord. */
export function toConflictRecord(row: SqlRow): ConflictRecord {
  return withOptional<ConflictRecord>({
    id: str(row['id']), category: str(row['category']), uuid: str(row['uuid']),
    representation: row['representation'] as ConflictRecord['representation'],
    base: (row['base'] ?? null) as JsonObject | null, local: (row['local'] ?? null) as JsonObject | null,
    parent: (row['parent'] ?? null) as JsonObject | null, fields: row['fields'] as string[],
    reason: row['reason'] as ConflictRecord['reason'], createdAt: num(row['created_at']),
  }, { resolvedAt: row['resolved_at'] === null ? null : num(row['resolved_at']), resolution: row['resolution'] });
}
