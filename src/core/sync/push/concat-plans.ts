/** Joins the plans of several objects into one batch, so a window of pushes commits at once. */

import type { BatchPlan } from '../../store/store-port.ts';

/**
 * One plan holding every list of `plans` in order. Where two plans write the same object,
 * marker, failed event or conflict, the later one wins (a marker that moved on, an object
 * written twice); a failed event or conflict put by a later plan drops an earlier delete of it
 * and the reverse, so the result passes `validateBatchPlan` when each plan does.
 *
 * @example
 * ```ts
 * await store.applyBatch(concatPlans(successPlans.concat(conflictPlans)));
 * ```
 */
export function concatPlans(plans: readonly BatchPlan[]): BatchPlan {
  const out: BatchPlan = {};
  const objects = new Map<string, NonNullable<BatchPlan['objects']>[number]>();
  const markers = new Map<string, NonNullable<BatchPlan['markers']>[number]>();
  const failed = new Map<string, NonNullable<NonNullable<BatchPlan['failedEvents']>['put']>[number] | null>();
  const conflicts = new Map<string, NonNullable<NonNullable<BatchPlan['conflicts']>['put']>[number] | null>();
  for (const plan of plans) {
    if (plan.preconditions) (out.preconditions ??= []).push(...plan.preconditions);
    if (plan.changes) (out.changes ??= []).push(...plan.changes);
    if (plan.audit) (out.audit ??= []).push(...plan.audit);
    for (const o of plan.objects ?? []) objects.set(`${o.category}\u0000${o.uuid}`, o);
    for (const m of plan.markers ?? []) markers.set(m.feed, m);
    for (const id of plan.failedEvents?.delete ?? []) failed.set(id, null);
    for (const f of plan.failedEvents?.put ?? []) failed.set(f.id, f);
    for (const id of plan.conflicts?.delete ?? []) conflicts.set(id, null);
    for (const c of plan.conflicts?.put ?? []) conflicts.set(c.id, c);
    if (plan.settings) out.settings = { ...out.settings, ...plan.settings };
  }
  if (objects.size > 0) out.objects = [...objects.values()];
  if (markers.size > 0) out.markers = [...markers.values()];
  if (failed.size > 0) out.failedEvents = putsAndDeletes(failed);
  if (conflicts.size > 0) out.conflicts = putsAndDeletes(conflicts);
  return out;
}

function putsAndDeletes<T>(entries: Map<string, T | null>): { put?: T[]; delete?: string[] } {
  const put = [...entries.values()].filter((v): v is T => v !== null);
  const del = [...entries].filter(([, v]) => v === null).map(([id]) => id);
  return { ...(put.length ? { put } : {}), ...(del.length ? { delete: del } : {}) };
}
