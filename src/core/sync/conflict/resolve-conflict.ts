/** The conflicts API: list the queue, and resolve one with a side, a merged body or per-field choices (then pushed and audited). */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { ConflictRecord, StoredObject, SyncStore } from '../../store/store-port.ts';
import { planResolution, type ResolutionChoice } from './plan-resolution.ts';

/**
 * Conflict records, oldest first: the open ones (the queue a person works through) by default,
 * `resolved` ones, or `all`.
 *
 * @example
 * ```ts
 * const queue = await listConflicts(store);
 * ```
 */
export async function listConflicts(store: SyncStore, options: { state?: 'open' | 'resolved' | 'all' } = {}): Promise<ConflictRecord[]> {
  const state = options.state ?? 'open';
  const records = await store.listConflicts(state === 'all' ? {} : { open: state === 'open' });
  return records.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export interface ResolveConflictOptions {
  now: number;
  /** Event id of the change row the resolution writes. */
  newId: () => string;
  instanceId: string;
  /** Who resolved, for the audit row. */
  by?: string;
  categories?: readonly CategoryInfo[];
}

/** What resolving gave. */
export type ResolveConflictResult =
  | { ok: true; resolution: NonNullable<ConflictRecord['resolution']>; object: StoredObject }
  /**
   * `not-found`: no such conflict. `resolved`: closed already. `stale`: the local object changed
   * since the conflict was recorded (list again). `changed`: it changed while resolving.
   * `invalid-choice`, `fields-missing` (with the fields still needing a side).
   */
  | { ok: false; reason: 'not-found' | 'resolved' | 'stale' | 'changed' | 'invalid-choice' }
  | { ok: false; reason: 'fields-missing'; fields: string[] };

/**
 * Resolves conflict `id` with `choice` (see `planResolution`): taking the local side, a merged
 * body or per-field choices writes that body as a local change whose base is the parent's
 * version, so the next push sends it (with If-Match on that version where the parent honours it);
 * taking the parent's makes the object the parent's. The record is closed and a `resolve` audit
 * row written, all in one batch.
 *
 * @example
 * ```ts
 * await resolveConflict(store, 'patient/b79d…', { take: 'local' }, { now: Date.now(), newId: () => crypto.randomUUID(), instanceId, by: 'admin' });
 * ```
 */
export async function resolveConflict(
  store: SyncStore,
  id: string,
  choice: ResolutionChoice,
  options: ResolveConflictOptions,
): Promise<ResolveConflictResult> {
  const conflict = await store.getConflict(id);
  if (!conflict) return { ok: false, reason: 'not-found' };
  const stored = await store.getObject(conflict.category, conflict.uuid);
  const planned = planResolution(conflict, choice, {
    stored, now: options.now, eventId: options.newId(), instanceId: options.instanceId,
    ...(options.by !== undefined ? { by: options.by } : {}), ...(options.categories ? { categories: options.categories } : {}),
  });
  if (!planned.ok) return planned;
  const applied = await store.applyBatch(planned.plan);
  if (!applied.ok) return { ok: false, reason: 'changed' };
  return { ok: true, resolution: planned.resolution, object: planned.object };
}
