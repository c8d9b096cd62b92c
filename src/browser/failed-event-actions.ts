/** What a person can do with a failed event: retry it now, export it (with its object), or export and drop it. */

import type { FailedEvent, SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import type { ApiResult } from './sync-api.ts';

export interface FailedEventActionOptions {
  now: number;
  instanceId: string;
  /** Who acted, for the audit row. */
  by?: string;
}

/**
 * Makes failed event `id` due now (a dead letter comes back to life) with a `retry` audit row;
 * the next sync run retries it. RECORD_NOT_FOUND when there is no such event.
 *
 * @example
 * ```ts
 * if ((await retryFailedEvent(store, id, { now: Date.now(), instanceId })).ok) await runner.syncOnce();
 * ```
 */
export async function retryFailedEvent(store: SyncStore, id: string, options: FailedEventActionOptions): Promise<ApiResult> {
  const event = await store.getFailedEvent(id);
  if (!event) return notFound(id);
  await store.applyBatch({
    failedEvents: { put: [{ ...event, dead: false, nextRetryAt: options.now }] },
    audit: [{
      at: options.now, operation: 'retry', category: event.category, uuid: event.uuid, outcome: 'ok',
      details: { failedEventId: id, direction: event.direction, wasDead: event.dead, ...by(options) }, instanceId: options.instanceId,
    }],
  });
  return { ok: true, value: undefined };
}

/**
 * Failed event `id` with the object it concerns, as JSON text to save; read-only: the event stays
 * and is retried as before. RECORD_NOT_FOUND when there is no such event.
 *
 * @example
 * ```ts
 * const r = await exportFailedEvent(store, id, { now: Date.now(), instanceId });
 * if (r.ok) download('failed-event.json', r.value);
 * ```
 */
export async function exportFailedEvent(store: SyncStore, id: string, options: Omit<FailedEventActionOptions, 'by'>): Promise<ApiResult<string>> {
  const event = await store.getFailedEvent(id);
  if (!event) return notFound(id);
  return { ok: true, value: await exportText(store, event, options) };
}

/**
 * Returns failed event `id` with the object it concerns, as JSON text, and deletes the event in
 * the same step with a `drop` audit row. The object itself stays in the store: a local change is
 * never lost, only no longer retried. RECORD_NOT_FOUND when there is no such event.
 *
 * @example
 * ```ts
 * const r = await exportAndDropFailedEvent(store, id, { now: Date.now(), instanceId });
 * if (r.ok) download('failed-event.json', r.value);
 * ```
 */
export async function exportAndDropFailedEvent(store: SyncStore, id: string, options: FailedEventActionOptions): Promise<ApiResult<string>> {
  const event = await store.getFailedEvent(id);
  if (!event) return notFound(id);
  const text = await exportText(store, event, options);
  await store.applyBatch({
    failedEvents: { delete: [id] },
    audit: [{
      at: options.now, operation: 'drop', category: event.category, uuid: event.uuid, outcome: 'ok',
      details: { failedEventId: id, direction: event.direction, exported: true, ...by(options) }, instanceId: options.instanceId,
    }],
  });
  return { ok: true, value: text };
}

/** The export of `event`: when and where it was made, the event, and the object as stored now (null when absent). */
async function exportText(store: SyncStore, event: FailedEvent, options: { now: number; instanceId: string }): Promise<string> {
  const object = await store.getObject(event.category, event.uuid);
  return JSON.stringify({ exportedAt: new Date(options.now).toISOString(), instanceId: options.instanceId, failedEvent: event, object: object ?? null }, null, 2);
}

function by(options: FailedEventActionOptions): { by?: string } {
  return options.by !== undefined ? { by: options.by } : {};
}

function notFound(id: string): { ok: false; error: SerializedFailure } {
  return { ok: false, error: { code: 'RECORD_NOT_FOUND', message: 'No failed event with this id', details: { id } } };
}
