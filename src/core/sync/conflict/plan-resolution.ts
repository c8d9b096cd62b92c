/** Planning the resolution of a conflict: the chosen body becomes a local change to push, the record is closed, audited. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import { canonicalHash } from '../../hash/canonical-hash.ts';
import type { BatchPlan, ConflictRecord, JsonObject, NewAuditRow, StoredObject } from '../../store/store-port.ts';
import { nextVersion } from '../plan-local-write.ts';
import { isPlainObject } from './_merge-value.ts';
import { pickFields } from './_pick-fields.ts';
import { baseOf, stateHashOf, transitionAction } from './object-state.ts';
import { planTakeParent } from './plan-take-parent.ts';

/** What a person (or a policy) chose: a side, a merged body, or a side per top-level field. */
export type ResolutionChoice =
  | { take: 'local' }
  | { take: 'parent' }
  | { take: 'merged'; body: JsonObject }
  | { fields: Readonly<Record<string, 'local' | 'parent'>> };

export interface PlanResolutionOptions {
  /** The object as read now; the plan's precondition is its version. */
  stored: StoredObject | undefined;
  /** Clock time (ms). */
  now: number;
  /** Event id of the change row. */
  eventId: string;
  instanceId: string;
  /** Who resolved (a user name, or `policy:child-wins`…), for the audit row. */
  by?: string;
  /** @default defaultCategories */
  categories?: readonly CategoryInfo[];
}

/** A plan, or why there is none (nothing written; the caller re-reads or asks again). */
export type ResolutionPlan =
  | { ok: true; plan: BatchPlan; object: StoredObject; resolution: NonNullable<ConflictRecord['resolution']> }
  /** `resolved`: closed already. `stale`: the local object changed since the conflict was recorded. */
  | { ok: false; reason: 'resolved' | 'stale' | 'invalid-choice' }
  /** These conflicting fields need a side in the choice. */
  | { ok: false; reason: 'fields-missing'; fields: string[] };

/**
 * Resolves `conflict`. Taking `local`, a merged body or per-field choices writes that body as a
 * local change (version bumped, change row of origin `local`, so push sends it) with base = the
 * parent's version, so push compares against what the parent held and never overwrites a newer
 * parent silently. Taking `parent` makes the object the parent's (see {@linkcode planTakeParent}).
 * The record is kept, closed (`resolvedAt`, `resolution`), with a `resolve` audit row.
 *
 * @example
 * ```ts
 * const r = planResolution(conflict, { fields: { gender: 'local' } }, { stored, now, eventId, instanceId });
 * if (r.ok) await store.applyBatch(r.plan);
 * ```
 */
export function planResolution(conflict: ConflictRecord, choice: ResolutionChoice, options: PlanResolutionOptions): ResolutionPlan {
  if (conflict.resolvedAt !== undefined) return { ok: false, reason: 'resolved' };
  const { stored } = options;
  if (!stored || stateHashOf(stored) !== canonicalHash(conflict.local)) return { ok: false, reason: 'stale' };
  const chosen = chosenBody(conflict, choice);
  if ('reason' in chosen) return chosen;
  const resolution = 'take' in choice ? choice.take : 'merged';
  const written = resolution === 'parent'
    ? planTakeParent(stored, conflict.parent, options)
    : planLocalBody(stored, chosen.body, { ...options, parent: conflict.parent });
  const closed: ConflictRecord = { ...conflict, resolvedAt: options.now, resolution };
  const audit: NewAuditRow = {
    at: options.now, operation: 'resolve', category: conflict.category, uuid: conflict.uuid, outcome: 'ok',
    details: {
      conflictId: conflict.id, reason: conflict.reason, resolution, hash: written.object.hash,
      ...('fields' in choice ? { fields: { ...choice.fields } } : {}), ...(options.by !== undefined ? { by: options.by } : {}),
    },
    instanceId: options.instanceId,
  };
  const plan: BatchPlan = { ...written.plan, conflicts: { put: [closed] }, audit: [audit] };
  return { ok: true, plan, object: written.object, resolution };
}

function chosenBody(conflict: ConflictRecord, choice: ResolutionChoice): { body: JsonObject | null } | Extract<ResolutionPlan, { ok: false }> {
  if ('take' in choice) {
    if (choice.take === 'local') return { body: conflict.local };
    if (choice.take === 'parent') return { body: conflict.parent };
    if (choice.take === 'merged' && isPlainObject(choice.body)) return { body: choice.body };
    return { ok: false, reason: 'invalid-choice' };
  }
  const sides = Object.values(choice.fields ?? {});
  if (!conflict.local || !conflict.parent || sides.some((s) => s !== 'local' && s !== 'parent')) {
    return { ok: false, reason: 'invalid-choice' };
  }
  const picked = pickFields(conflict.base, conflict.local, conflict.parent, choice.fields);
  return 'missing' in picked ? { ok: false, reason: 'fields-missing', fields: picked.missing } : picked;
}

/** The object holding `body` (null: removed, last body kept) as a local change over the parent's base. */
function planLocalBody(
  stored: StoredObject,
  body: JsonObject | null,
  options: PlanResolutionOptions & { parent: JsonObject | null },
): { object: StoredObject; plan: BatchPlan } {
  const removed = body === null;
  const kept = body ?? stored.body;
  const object: StoredObject = {
    ...stored, body: kept, hash: canonicalHash(kept), removed, version: nextVersion(stored.version),
    updatedAt: options.now, base: baseOf(options.parent),
  };
  const plan: BatchPlan = {
    preconditions: [{ category: stored.category, uuid: stored.uuid, version: stored.version }],
    objects: [object],
    changes: [{
      eventId: options.eventId, category: stored.category, uuid: stored.uuid,
      action: transitionAction(stored.category, { before: stored, removed }, options.categories),
      origin: 'local', hash: object.hash, at: options.now,
    }],
  };
  return { object, plan };
}
