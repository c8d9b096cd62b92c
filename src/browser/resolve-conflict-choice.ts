/** Resolves a conflict from the UI through the core's conflict API, as a value the page can show. */

import { type ResolveConflictResult, resolveConflict } from '../core/sync/conflict/resolve-conflict.ts';
import type { SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import type { ApiResult, ConflictChoice } from './sync-api.ts';

export interface ResolveChoiceOptions {
  now: number;
  newId(): string;
  instanceId: string;
  by?: string;
}

const messages: Record<string, string> = {
  resolved: 'This conflict was resolved already',
  stale: 'The record changed since the conflict was found; reload the conflicts',
  changed: 'The record changed while it was being resolved; try again',
  'invalid-choice': 'The choice does not fit this conflict',
  'fields-missing': 'Choose a side for every conflicting field',
};

/**
 * Resolves conflict `id` with `choice` (a side, a merged body, or a side per field): the chosen
 * body becomes a local change the next push sends, the record is closed, and a `resolve` audit
 * row names `by`. Refusals are RECORD_NOT_FOUND or CONFLICT_NOT_RESOLVED with `details.reason`
 * (and `details.fields` for fields still needing a side).
 *
 * @example
 * ```ts
 * await resolveConflictChoice(store, id, { fields: { gender: 'local' } }, { now: Date.now(), newId, instanceId, by: 'nurse1' });
 * ```
 */
export async function resolveConflictChoice(store: SyncStore, id: string, choice: ConflictChoice, options: ResolveChoiceOptions): Promise<ApiResult> {
  const result: ResolveConflictResult = await resolveConflict(store, id, choice, {
    now: options.now, newId: options.newId, instanceId: options.instanceId, ...(options.by !== undefined ? { by: options.by } : {}),
  });
  if (result.ok) return { ok: true, value: undefined };
  if (result.reason === 'not-found') return { ok: false, error: { code: 'RECORD_NOT_FOUND', message: 'No conflict with this id', details: { id } } };
  const error: SerializedFailure = {
    code: 'CONFLICT_NOT_RESOLVED', message: messages[result.reason] ?? 'The conflict could not be resolved',
    details: { id, reason: result.reason, ...('fields' in result ? { fields: result.fields } : {}) },
  };
  return { ok: false, error };
}
