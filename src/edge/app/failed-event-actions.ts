/** What an admin does with a failed event (pull or push): retry it now, export it, and drop it only after an export of its current state. */

import type { CategoryInfo } from '../../core/categories/category-table.ts';
import type { FailedEvent, Json, NewAuditRow, SyncStore } from '../../core/store/store-port.ts';
import { stateHashOf } from '../../core/sync/conflict/object-state.ts';
import { dropPushFailure, exportPushFailure, retryPushFailure } from '../../core/sync/push/push-failures.ts';

/** Settings key prefix of export marks: what a failed event looked like when it was last exported. */
export const exportMarkPrefix = 'edge.failedEventExport:';

/** Format tag of an exported failed pull (exported pushes use the core's format). */
export const pullFailureExportFormat = 'openmrs-sync2-ts.pull-failure';

export interface FailedEventActionOptions {
  now: number;
  instanceId: string;
  /** Who acted, for the audit row. */
  by?: string;
}

/** Makes failed event `id` due now (a dead letter gets one more attempt), audited; the next run retries it. */
export async function retryFailedEventNow(store: SyncStore, id: string, options: FailedEventActionOptions): Promise<FailedEvent | undefined> {
  const event = await store.getFailedEvent(id);
  if (!event) return undefined;
  if (event.direction === 'push') {
    const retried = await retryPushFailure(store, id, options);
    return retried.ok ? retried.failed : undefined;
  }
  const failed: FailedEvent = { ...event, dead: false, nextRetryAt: options.now };
  await store.applyBatch({ failedEvents: { put: [failed] }, audit: [auditRow(event, 'retry', { attempts: event.attempts, wasDead: event.dead }, options)] });
  return failed;
}

/**
 * The failed event as a JSON document (for a push: the core's export, with the object, its base and
 * any conflict record), and a mark of what was exported, which {@linkcode dropFailedEvent} requires.
 */
export async function exportFailedEvent(store: SyncStore, id: string, options: { now: number }): Promise<string | undefined> {
  const event = await store.getFailedEvent(id);
  if (!event) return undefined;
  const object = await store.getObject(event.category, event.uuid);
  const text = event.direction === 'push'
    ? await exportPushFailure(store, id, { now: options.now })
    : JSON.stringify({ format: pullFailureExportFormat, version: 1, exportedAt: new Date(options.now).toISOString(), failedEvent: event, object: object ?? null }, null, 2);
  if (text === undefined) return undefined;
  const mark: Json = { at: options.now, attempts: event.attempts, lastFailedAt: event.lastFailedAt, hash: object ? stateHashOf(object) : null };
  await store.applyBatch({ settings: { [exportMarkPrefix + id]: mark } });
  return text;
}

export type DropFailedEventResult =
  | { ok: true; reverted: boolean }
  /** `not-exported`: no export of the event as it is now (a later failure or local edit needs a new one). */
  | { ok: false; reason: 'not-found' | 'not-exported' | 'changed' };

/**
 * Drops failed event `id` once exported in its current state (same attempts, last failure and object
 * hash as the export mark). A push failure goes through the core's `dropPushFailure` (the unpushed
 * change is abandoned: the object reverts to its base, logged for this node's children); a pull
 * failure is deleted. Audited as `drop`.
 */
export async function dropFailedEvent(
  store: SyncStore,
  id: string,
  options: FailedEventActionOptions & { newId: () => string; categories?: readonly CategoryInfo[] },
): Promise<DropFailedEventResult> {
  const event = await store.getFailedEvent(id);
  if (!event) return { ok: false, reason: 'not-found' };
  if (!(await exportedAsIs(store, event))) return { ok: false, reason: 'not-exported' };
  let result: DropFailedEventResult;
  if (event.direction === 'push') {
    result = await dropPushFailure(store, id, { ...options, exported: true });
  } else {
    const audit = auditRow(event, 'drop', { error: event.error, attempts: event.attempts, exported: true }, options);
    await store.applyBatch({ failedEvents: { delete: [id] }, audit: [audit] });
    result = { ok: true, reverted: false };
  }
  if (result.ok) await store.applyBatch({ settings: { [exportMarkPrefix + id]: undefined } });
  return result;
}

/** True when the export mark of `event` matches it and its object as they are now. */
async function exportedAsIs(store: SyncStore, event: FailedEvent): Promise<boolean> {
  const mark = await store.getSetting<Json>(exportMarkPrefix + event.id);
  if (typeof mark !== 'object' || mark === null || Array.isArray(mark)) return false;
  const object = await store.getObject(event.category, event.uuid);
  return mark['attempts'] === event.attempts && mark['lastFailedAt'] === event.lastFailedAt &&
    mark['hash'] === (object ? stateHashOf(object) : null);
}

function auditRow(event: FailedEvent, operation: NewAuditRow['operation'], details: Record<string, unknown>, options: FailedEventActionOptions): NewAuditRow {
  return {
    at: options.now, operation, category: event.category, uuid: event.uuid, outcome: 'ok', instanceId: options.instanceId,
    details: { direction: event.direction, failedEventId: event.id, ...details, ...(options.by !== undefined ? { by: options.by } : {}) },
    ...(event.action ? { action: event.action } : {}),
  };
}
