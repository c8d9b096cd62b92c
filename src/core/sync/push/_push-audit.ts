/** What every push plan shares: its context, its audit rows, the failed event it clears and the marker it moves. */

import { failedEventId } from '../../feed/failed-event-policy.ts';
import type { BatchPlan, FeedMarker, NewAuditRow } from '../../store/store-port.ts';
import { pushFeed } from './push-marker.ts';
import type { PushItem } from './select-push-rows.ts';

/** Options every push plan takes. */
export interface PushPlanContext {
  /** Clock time (ms). */
  now: number;
  instanceId: string;
  /** The item pushed: its last action and its rows' event ids go into the audit row. */
  item?: PushItem;
  /** The push marker to store with the plan (see `pushMarkerSeq`). */
  marker?: FeedMarker;
  /** URL and client of the parent request. */
  url?: string;
  client?: string;
  /** Feed key of push failed events. @default 'push' */
  feed?: string;
}

/** The id of an object's push failed event: one per object, whatever rows led to it. */
export function pushFailedEventId(category: string, uuid: string, feed: string = pushFeed): string {
  return failedEventId({ direction: 'push', feed, category, uuid });
}

/** An audit row about one object, with the item's action and event ids. */
export function pushAuditRow(
  ref: { category: string; uuid: string },
  row: Pick<NewAuditRow, 'operation' | 'outcome'> & { details?: Record<string, unknown> },
  ctx: PushPlanContext,
): NewAuditRow {
  const audit: NewAuditRow = {
    at: ctx.now, operation: row.operation, category: ref.category, uuid: ref.uuid, outcome: row.outcome,
    details: { ...(ctx.item ? { eventIds: ctx.item.rows.map((r) => r.eventId) } : {}), ...row.details },
    instanceId: ctx.instanceId,
  };
  if (ctx.item) audit.action = ctx.item.last.action;
  if (ctx.url !== undefined) audit.url = ctx.url;
  if (ctx.client !== undefined) audit.client = ctx.client;
  return audit;
}

/** The part of a plan that settles an object: its push failed event deleted, and the marker. */
export function settledPart(ref: { category: string; uuid: string }, ctx: PushPlanContext): BatchPlan {
  return {
    failedEvents: { delete: [pushFailedEventId(ref.category, ref.uuid, ctx.feed)] },
    ...(ctx.marker ? { markers: [ctx.marker] } : {}),
  };
}
