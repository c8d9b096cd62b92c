/** Rows the pull planner writes for one object: its change-log row and its audit row. */

import { writeFeedFilterTerm } from '../../atom/feed-filter-term.ts';
import type { FeedAction } from '../../categories/category-table.ts';
import type { FetchOutcome } from '../../clients/resource-manager.ts';
import type { NewAuditRow, NewChange } from '../../store/store-port.ts';
import type { CoalescedObject } from './coalesce-entries.ts';

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
