/** Planning "the parent's version stands": the object becomes the parent's, base included, logged so children follow. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import { canonicalHash } from '../../hash/canonical-hash.ts';
import type { BatchPlan, JsonObject, NewChange, StoredObject } from '../../store/store-port.ts';
import { nextVersion } from '../plan-local-write.ts';
import { baseOf, stateHashOf, transitionAction } from './object-state.ts';

export interface PlanTakeParentOptions {
  /** Clock time (ms). */
  now: number;
  /** Event id of the change row, when the object changes. */
  eventId: string;
  /** The parent's version (FHIR versionId or ETag); default: the body's `meta.versionId`. */
  version?: string;
  /** @default defaultCategories */
  categories?: readonly CategoryInfo[];
}

/**
 * The object made equal to the parent's version (`parent` null: removed there; the local body is
 * kept in the tombstone), with base = the parent's state, so no unpushed change remains. When the
 * visible state changes, a change row of origin `parent` is logged: push skips it, but this node's
 * own children pull it, so every level ends up agreeing. A precondition on the version read guards
 * against a concurrent local write.
 *
 * @example
 * ```ts
 * const { object, plan } = planTakeParent(stored, parentBody, { now, eventId });
 * object.base?.hash === object.hash; // true
 * ```
 */
export function planTakeParent(
  stored: StoredObject,
  parent: JsonObject | null,
  options: PlanTakeParentOptions,
): { object: StoredObject; plan: BatchPlan } {
  const removed = parent === null;
  const body = parent ?? stored.body;
  const object: StoredObject = {
    ...stored, body, hash: parent === null ? stored.hash : canonicalHash(parent), removed, base: baseOf(parent, options.version),
  };
  const plan: BatchPlan = { preconditions: [{ category: stored.category, uuid: stored.uuid, version: stored.version }] };
  if (stateHashOf(object) === stateHashOf(stored) && canonicalHash(body) === stored.hash) {
    return { object, plan: { ...plan, objects: [object] } };
  }
  object.version = nextVersion(stored.version);
  object.updatedAt = options.now;
  const change: NewChange = {
    eventId: options.eventId, category: stored.category, uuid: stored.uuid,
    action: transitionAction(stored.category, { before: stored, removed }, options.categories),
    origin: 'parent', hash: object.hash, at: options.now,
  };
  return { object, plan: { ...plan, objects: [object], changes: [change] } };
}
