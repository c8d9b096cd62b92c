/** The store port: the one narrow interface every node kind (memory, Dexie, SQL) implements. */

import type { FeedAction } from '../categories/category-table.ts';

/** Where a change came from: this node, its parent (pulled) or one of its children (pushed here). */
export type Origin = 'local' | 'parent' | 'child';

/** How an object's body is represented; its base belongs to the same representation. */
export type Representation = 'fhir' | 'rest';

/** Any JSON value stored as an object body. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The last state this node and its parent agreed on. */
export interface ObjectBase {
  body: JsonObject | null;
  hash: string;
  /** The parent's version (FHIR `meta.versionId`, or an ETag) when known. */
  version?: string;
}

/** One object, identified by category and uuid. */
export interface StoredObject {
  category: string;
  uuid: string;
  representation: Representation;
  /** Current body; null only for a removal of an object never seen whole. */
  body: JsonObject | null;
  /** Canonical hash of `body`. */
  hash: string;
  /** This node's version of the object (served as FHIR `meta.versionId` and ETag). */
  version: string;
  removed: boolean;
  /** Last synced state with the parent; absent when never synced. */
  base?: ObjectBase;
  /** Clock time (ms) of the last write on this node. */
  updatedAt: number;
}

/** A change-log row as planned, before the store numbers it. */
export interface NewChange {
  /** The Atom event id (a uuid) this row is served under. */
  eventId: string;
  category: string;
  uuid: string;
  action: FeedAction;
  origin: Origin;
  /** For origin `child`: the pushing child's instance id. */
  originId?: string;
  /** Hash of the object after the change. */
  hash: string;
  /** Clock time (ms). */
  at: number;
  /** Catchment filter terms to publish with the event (raw `feedFilter` XML). */
  filters?: string[];
}

/** A numbered change-log row. */
export interface ChangeRow extends NewChange {
  /** Node-wide sequence number, assigned in commit order, starting at 1. */
  seq: number;
  /** 0-based index of the row in its category's feed. */
  position: number;
}

/** Where a feed reader stands: the last entry it applied and the numbered page that held it. */
export interface FeedMarker {
  /** Feed key, e.g. the feed URL or `push` for the local feed reader. */
  feed: string;
  lastEntryId?: string;
  /** The `via` URL of the page that holds `lastEntryId`. */
  pageUrl?: string;
  /** For local feeds: the last change-log sequence handled. */
  lastSeq?: number;
  updatedAt: number;
}

export interface SerializedFailure {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** An event that could not be applied; retried with backoff, then a dead letter. */
export interface FailedEvent {
  /** Stable key: direction, feed and entry id (or category and uuid). */
  id: string;
  direction: 'pull' | 'push';
  feed: string;
  entryId?: string;
  category: string;
  uuid: string;
  action?: FeedAction;
  /** The content link map of the entry, so a retry needs no feed re-read. */
  links?: Record<string, string>;
  error: SerializedFailure;
  attempts: number;
  firstFailedAt: number;
  lastFailedAt: number;
  /** Clock time (ms) of the next retry; absent for a dead letter. */
  nextRetryAt?: number;
  dead: boolean;
}

/** An audit row as planned; the store numbers it and chains its hash. */
export interface NewAuditRow {
  at: number;
  operation: 'pull' | 'push' | 'conflict' | 'merge' | 'resolve' | 'failure' | 'retry' | 'warning' | 'drop';
  category?: string;
  action?: string;
  uuid?: string;
  url?: string;
  client?: string;
  outcome: 'ok' | 'noop' | 'failed' | 'conflict' | 'skipped' | 'warning';
  details?: Record<string, unknown>;
  instanceId: string;
}

/** A stored audit row: numbered and chained to the one before it. */
export interface AuditRow extends NewAuditRow {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Both versions of an object changed on both sides, kept for a person to resolve. */
export interface ConflictRecord {
  id: string;
  category: string;
  uuid: string;
  representation: Representation;
  base: JsonObject | null;
  local: JsonObject | null;
  parent: JsonObject | null;
  /** Top-level fields in conflict: changed on both sides in ways the merge could not combine. */
  fields: string[];
  reason: 'overlap' | 'removed-on-parent' | 'removed-locally' | 'no-base';
  createdAt: number;
  resolvedAt?: number;
  resolution?: 'local' | 'parent' | 'merged';
}

/** A condition checked inside the batch's transaction; any failure writes nothing. */
export interface Precondition {
  category: string;
  uuid: string;
  /** Expected current version; `null` means the object must not exist. */
  version: string | null;
}

/** Everything one step of sync writes, computed beforehand, applied atomically. */
export interface BatchPlan {
  preconditions?: Precondition[];
  objects?: StoredObject[];
  changes?: NewChange[];
  markers?: FeedMarker[];
  failedEvents?: { put?: FailedEvent[]; delete?: string[] };
  audit?: NewAuditRow[];
  conflicts?: { put?: ConflictRecord[]; delete?: string[] };
  settings?: Record<string, Json | undefined>;
}

/** What `applyBatch` did: either all of the plan or, on a failed precondition, none of it. */
export type BatchResult =
  | { ok: true; changes: ChangeRow[]; audit: AuditRow[] }
  | { ok: false; reason: 'precondition'; failed: Precondition; actual: string | null };

export interface ObjectQuery {
  category: string;
  /** Page after this uuid (ascending uuid order). */
  afterUuid?: string;
  limit?: number;
  includeRemoved?: boolean;
}

export interface AuditQuery {
  operation?: NewAuditRow['operation'];
  category?: string;
  uuid?: string;
  outcome?: NewAuditRow['outcome'];
  /** Rows with seq below this (newest first paging). */
  beforeSeq?: number;
  limit?: number;
}

/**
 * The store port. Reads are plain queries; `applyBatch` is the only write, atomic, with no
 * network or async crypto inside.
 */
export interface SyncStore {
  getObject(category: string, uuid: string): Promise<StoredObject | undefined>;
  /** The objects found among `uuids` (removed ones included), each once, in no set order. */
  getObjects(category: string, uuids: readonly string[]): Promise<StoredObject[]>;
  /** A page of a category's objects by ascending uuid; no limit when `limit` is absent. */
  listObjects(query: ObjectQuery): Promise<StoredObject[]>;
  countObjects(): Promise<Record<string, { live: number; removed: number }>>;

  /** Rows with seq > `afterSeq`, in seq order. */
  changesSince(afterSeq: number, options?: { limit?: number }): Promise<ChangeRow[]>;
  /** Rows of a category's feed with `position` in [from, from + limit), in order. */
  feedChanges(category: string, options: { from: number; limit: number }): Promise<ChangeRow[]>;
  /** Number of rows in a category's feed. */
  countChanges(category: string): Promise<number>;
  lastSeq(): Promise<number>;

  getMarker(feed: string): Promise<FeedMarker | undefined>;
  listMarkers(): Promise<FeedMarker[]>;

  /** Failed events matching every option given; `dueBy`: not dead and `nextRetryAt <= dueBy`. */
  listFailedEvents(options?: { direction?: 'pull' | 'push'; dead?: boolean; dueBy?: number }): Promise<FailedEvent[]>;
  getFailedEvent(id: string): Promise<FailedEvent | undefined>;

  /** Audit rows matching every filter given, newest (highest seq) first. */
  listAudit(query?: AuditQuery): Promise<AuditRow[]>;
  lastAudit(): Promise<AuditRow | undefined>;

  /** Conflicts; `open: true` only unresolved ones (no `resolvedAt`), `open: false` only resolved ones. */
  listConflicts(options?: { open?: boolean }): Promise<ConflictRecord[]>;
  getConflict(id: string): Promise<ConflictRecord | undefined>;

  getSetting<T extends Json>(key: string): Promise<T | undefined>;

  /**
   * Writes the whole plan in one transaction, or nothing of it:
   * - An invalid plan (see `validateBatchPlan`: a missing or wrongly typed field, a key twice in
   *   one list, an id both put and deleted) rejects with `STORE_BATCH_INVALID`; nothing is written.
   * - Preconditions are checked first, against each object's current `version` (a removed
   *   object still exists); the first that fails returns `{ ok: false, reason: 'precondition' }`
   *   and nothing of the plan (objects, changes, audit, markers…) is written.
   * - Change rows get `seq` (node-wide, from 1, in commit order, gap-free) and `position` (per
   *   category feed, from 0). **Idempotency:** a change whose `eventId` is already in the log is
   *   skipped silently (it keeps its first seq and position, and is not in the result), so a
   *   plan replayed after a crash leaves objects, log, markers, failed events, conflicts and
   *   settings as one application did. Audit rows are appended on every application: the
   *   audit records attempts, not state.
   * - Audit rows are numbered and hash-chained with `chainAuditRows` (synchronous hash).
   * - Objects, markers, failed events, conflicts are put whole (replacing); `delete` lists
   *   remove by id; a setting whose value is `undefined` is deleted.
   * Concurrent calls are serialised: their seqs never collide or leave gaps.
   */
  applyBatch(plan: BatchPlan): Promise<BatchResult>;
  close(): Promise<void>;
}
