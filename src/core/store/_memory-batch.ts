/** The memory store's state and its one write: stage a whole plan, then commit it with steps that cannot fail. */

import { chainAuditRows } from '../audit/chain-audit-rows.ts';
import { copyJson } from './copy-json.ts';
import { copyPlan } from './copy-plan.ts';
import { numberChanges } from './number-changes.ts';
import type {
  AuditRow, BatchPlan, BatchResult, ChangeRow, ConflictRecord, FailedEvent, FeedMarker, Json, StoredObject,
} from './store-port.ts';
import { validateBatchPlan } from './validate-batch-plan.ts';

/** Everything a memory store holds; rows are never handed out without a copy. */
export interface MemoryState {
  /** category → uuid → object. */
  objects: Map<string, Map<string, StoredObject>>;
  /** The change log; `changes[i].seq === i + 1`. */
  changes: ChangeRow[];
  eventIds: Set<string>;
  /** category → its feed rows; `feeds.get(c)[i].position === i`. */
  feeds: Map<string, ChangeRow[]>;
  markers: Map<string, FeedMarker>;
  failedEvents: Map<string, FailedEvent>;
  audit: AuditRow[];
  conflicts: Map<string, ConflictRecord>;
  settings: Map<string, Json>;
}

export function createMemoryState(): MemoryState {
  return {
    objects: new Map(), changes: [], eventIds: new Set(), feeds: new Map(), markers: new Map(),
    failedEvents: new Map(), audit: [], conflicts: new Map(), settings: new Map(),
  };
}

/**
 * Applies `plan` to `state` all or nothing. Everything that can throw (copying, validation,
 * numbering, hashing) runs before the first write; the commit only sets map entries and
 * appends to arrays. That gives the effect of building a new state on copies and swapping,
 * without copying the whole store on every batch.
 */
export function applyMemoryBatch(state: MemoryState, input: BatchPlan): BatchResult {
  const plan = copyPlan(input);
  validateBatchPlan(plan);
  for (const condition of plan.preconditions ?? []) {
    const actual = state.objects.get(condition.category)?.get(condition.uuid)?.version ?? null;
    if (actual !== condition.version) return { ok: false, reason: 'precondition', failed: condition, actual };
  }
  const changes = numberChanges(plan.changes ?? [], {
    lastSeq: state.changes.length,
    feedCount: (category) => state.feeds.get(category)?.length ?? 0,
    hasEvent: (eventId) => state.eventIds.has(eventId),
  });
  const audit = chainAuditRows(state.audit.at(-1), plan.audit ?? []);
  const result = copyJson({ ok: true as const, changes, audit });
  commit(state, plan, changes, audit);
  return result;
}

function commit(state: MemoryState, plan: BatchPlan, changes: ChangeRow[], audit: AuditRow[]): void {
  for (const object of plan.objects ?? []) {
    let category = state.objects.get(object.category);
    if (!category) state.objects.set(object.category, (category = new Map()));
    category.set(object.uuid, object);
  }
  for (const row of changes) {
    state.changes.push(row);
    state.eventIds.add(row.eventId);
    let feed = state.feeds.get(row.category);
    if (!feed) state.feeds.set(row.category, (feed = []));
    feed.push(row);
  }
  for (const marker of plan.markers ?? []) state.markers.set(marker.feed, marker);
  putDelete(state.failedEvents, plan.failedEvents);
  for (const row of audit) state.audit.push(row);
  putDelete(state.conflicts, plan.conflicts);
  for (const [key, value] of Object.entries(plan.settings ?? {})) {
    if (value === undefined) state.settings.delete(key);
    else state.settings.set(key, value);
  }
}

function putDelete<T extends { id: string }>(map: Map<string, T>, part: { put?: T[]; delete?: string[] } | undefined): void {
  for (const id of part?.delete ?? []) map.delete(id);
  for (const row of part?.put ?? []) map.set(row.id, row);
}
