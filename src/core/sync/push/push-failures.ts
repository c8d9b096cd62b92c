/** What a person does with failed pushes: list them, retry one now, export one, and drop one — only after exporting it. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { BatchPlan, FailedEvent, NewAuditRow, SyncStore } from '../../store/store-port.ts';
import { hasUnpushedChange, objectKey } from '../conflict/object-state.ts';
import { planTakeParent } from '../conflict/plan-take-parent.ts';

/** Format tag of an exported failed push. */
export const pushFailureExportFormat = 'openmrs-sync2-ts.push-failure';

/** Failed pushes, dead letters first, then by next retry. */
export async function listPushFailures(store: SyncStore, options: { dead?: boolean } = {}): Promise<FailedEvent[]> {
  const events = await store.listFailedEvents({ direction: 'push', ...(options.dead !== undefined ? { dead: options.dead } : {}) });
  return events.sort((a, b) => Number(b.dead) - Number(a.dead) || (a.nextRetryAt ?? 0) - (b.nextRetryAt ?? 0) || a.id.localeCompare(b.id));
}

/**
 * Makes a failed push due now (a dead letter included: it gets one more attempt) and audits it;
 * the next push run retries it. `not-found` when there is no such push failure.
 *
 * @example
 * ```ts
 * await retryPushFailure(store, 'push:push:patient/…', { now: Date.now(), instanceId, by: 'admin' });
 * ```
 */
export async function retryPushFailure(
  store: SyncStore,
  id: string,
  options: { now: number; instanceId: string; by?: string },
): Promise<{ ok: true; failed: FailedEvent } | { ok: false; reason: 'not-found' }> {
  const existing = await store.getFailedEvent(id);
  if (!existing || existing.direction !== 'push') return { ok: false, reason: 'not-found' };
  const failed: FailedEvent = { ...existing, dead: false, nextRetryAt: options.now };
  const audit = auditRow(existing, { operation: 'retry', details: { attempts: existing.attempts, wasDead: existing.dead } }, options);
  await store.applyBatch({ failedEvents: { put: [failed] }, audit: [audit] });
  return { ok: true, failed };
}

/**
 * A JSON document holding everything needed to redo the change elsewhere: the failed event (error,
 * attempts), the object as stored here (current body, base) and its conflict record if any.
 * Undefined when there is no such push failure.
 */
export async function exportPushFailure(store: SyncStore, id: string, options: { now?: number } = {}): Promise<string | undefined> {
  const failed = await store.getFailedEvent(id);
  if (!failed || failed.direction !== 'push') return undefined;
  const object = await store.getObject(failed.category, failed.uuid);
  const conflict = await store.getConflict(objectKey(failed.category, failed.uuid));
  const document = {
    format: pushFailureExportFormat, version: 1, ...(options.now !== undefined ? { exportedAt: new Date(options.now).toISOString() } : {}),
    failedEvent: failed, object: object ?? null, conflict: conflict ?? null,
  };
  return JSON.stringify(document, null, 2);
}

/** What dropping gave. */
export type DropResult =
  | { ok: true; reverted: boolean }
  /** `not-exported`: refused, export first. `changed`: the object changed meanwhile; nothing written. */
  | { ok: false; reason: 'not-found' | 'not-exported' | 'changed' };

export interface DropPushFailureOptions {
  /** Must be true: a local change may be the only copy, so it is never dropped unexported. */
  exported: boolean;
  now: number;
  instanceId: string;
  /** Event id of the change row when the object reverts. */
  newId: () => string;
  by?: string;
  categories?: readonly CategoryInfo[];
}

/**
 * Drops a failed push after it was exported: its failed event is deleted and the unpushed local
 * change abandoned — the object reverts to the last state agreed with the parent (its base; a
 * never-pushed object ends removed), logged for this node's children — with a `drop` audit row.
 * Refuses (`not-exported`) unless `exported` is true.
 *
 * @example
 * ```ts
 * const text = await exportPushFailure(store, id);
 * await save(text);
 * await dropPushFailure(store, id, { exported: true, now: Date.now(), instanceId, newId: () => crypto.randomUUID() });
 * ```
 */
export async function dropPushFailure(store: SyncStore, id: string, options: DropPushFailureOptions): Promise<DropResult> {
  if (options.exported !== true) return { ok: false, reason: 'not-exported' };
  const failed = await store.getFailedEvent(id);
  if (!failed || failed.direction !== 'push') return { ok: false, reason: 'not-found' };
  const stored = await store.getObject(failed.category, failed.uuid);
  let plan: BatchPlan = {};
  if (stored && hasUnpushedChange(stored)) {
    plan = planTakeParent(stored, stored.base?.body ?? null, {
      now: options.now, eventId: options.newId(), ...(stored.base?.version !== undefined ? { version: stored.base.version } : {}),
      ...(options.categories ? { categories: options.categories } : {}),
    }).plan;
  }
  const audit = auditRow(failed, { operation: 'drop', details: { error: failed.error, attempts: failed.attempts, exported: true, reverted: plan.objects !== undefined, ...(stored ? { hash: stored.hash } : {}) } }, options);
  const applied = await store.applyBatch({ ...plan, failedEvents: { delete: [failed.id] }, audit: [audit] });
  return applied.ok ? { ok: true, reverted: plan.objects !== undefined } : { ok: false, reason: 'changed' };
}

function auditRow(
  failed: FailedEvent,
  row: { operation: NewAuditRow['operation']; details: Record<string, unknown> },
  options: { now: number; instanceId: string; by?: string },
): NewAuditRow {
  return {
    at: options.now, operation: row.operation, category: failed.category, uuid: failed.uuid, outcome: 'ok',
    details: { direction: 'push', failedEventId: failed.id, ...row.details, ...(options.by !== undefined ? { by: options.by } : {}) },
    instanceId: options.instanceId, ...(failed.action ? { action: failed.action } : {}),
  };
}
