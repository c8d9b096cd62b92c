/** Rows the pull planner writes for one object: its change-log row and its audit row. */

import { writeFeedFilterTerm } from '../../atom/feed-filter-term.ts';
import type { CategoryInfo, FeedAction } from '../../categories/category-table.ts';
import type { FetchOutcome } from '../../clients/resource-manager.ts';
import { sha256Hex } from '../../hash/sha256-hex.ts';
import type { NewAuditRow, NewChange } from '../../store/store-port.ts';
import { transitionAction } from '../conflict/object-state.ts';
import type { CoalescedObject } from './coalesce-entries.ts';
import type { PullDecision } from './decide-pull.ts';

/**
 * The change row of an applied object: event id = its last entry's id (a replay is skipped by
 * the log), origin `parent`, and the entries' catchment terms, so a hub's own children can filter.
 */
export function pullChangeRow(o: CoalescedObject, fields: { hash: string; action: FeedAction; at: number }): NewChange {
  const change: NewChange = {
    eventId: o.last.id, category: o.category, uuid: o.uuid, action: fields.action, origin: 'parent', hash: fields.hash, at: fields.at,
  };
  const filters = [...new Set(o.entries.flatMap((e) => e.filters.map(writeFeedFilterTerm)))];
  if (filters.length > 0) change.filters = filters;
  return change;
}

/** Fields of an object's audit row that vary with the decision. */
export interface PullAuditFields {
  outcome: NewAuditRow['outcome'];
  fetched?: FetchOutcome;
  details?: Record<string, unknown>;
}

/** The audit row of one object: every event id it coalesced, and the URL and client of its fetch. */
export function pullAuditRow(
  o: CoalescedObject,
  fields: PullAuditFields,
  context: { at: number; instanceId: string; operation: 'pull' | 'retry' },
): NewAuditRow {
  const row: NewAuditRow = {
    at: context.at, operation: context.operation, category: o.category, action: o.last.action, uuid: o.uuid,
    outcome: fields.outcome, details: { eventIds: o.entries.map((e) => e.id), ...fields.details }, instanceId: context.instanceId,
  };
  if (fields.fetched?.url !== undefined) row.url = fields.fetched.url;
  if (fields.fetched?.client !== undefined) row.client = fields.fetched.client;
  return row;
}

/**
 * The rows of a merge: a change row of origin `local` (push sends the merged body; this node's
 * children pull it), under an event id derived from the entry and the merged hash so a replayed
 * plan is skipped by the log, and a `merge` audit row naming the fields of each side.
 */
export function mergeRows(
  o: CoalescedObject,
  decision: Extract<PullDecision, { kind: 'merge' }>,
  context: { at: number; instanceId: string; categories?: readonly CategoryInfo[] },
): { change: NewChange; audit: NewAuditRow } {
  const { object } = decision;
  const change: NewChange = {
    eventId: derivedEventId(`merge:${o.last.id}:${object.hash}`), category: o.category, uuid: o.uuid,
    action: transitionAction(o.category, { before: { removed: false }, removed: false }, context.categories),
    origin: 'local', hash: object.hash, at: context.at,
  };
  const audit: NewAuditRow = {
    at: context.at, operation: 'merge', category: o.category, action: change.action, uuid: o.uuid, outcome: 'ok',
    details: {
      direction: 'pull', eventIds: o.entries.map((e) => e.id), fields: decision.fields,
      localFields: decision.localFields, parentFields: decision.parentFields, hash: object.hash,
    },
    instanceId: context.instanceId,
  };
  return { change, audit };
}

/**
 * A uuid-shaped id (version nibble 8: custom) derived from `seed` by SHA-256: the same seed gives
 * the same id, so a plan computed twice logs its row once.
 *
 * @example
 * ```ts
 * derivedEventId('merge:e1:abc') === derivedEventId('merge:e1:abc'); // true
 * ```
 */
export function derivedEventId(seed: string): string {
  const h = sha256Hex(seed);
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
