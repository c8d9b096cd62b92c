/** Plans one write made on this node (an HTTP write, an offline registration): object and change-log row together. */

import type { FeedAction } from '../categories/category-table.ts';
import { canonicalHash } from '../hash/canonical-hash.ts';
import type { BatchPlan, JsonObject, NewChange, Origin, Representation, StoredObject } from '../store/store-port.ts';

/** The new state of one object as a writer wants it. */
export interface LocalChange {
  category: string;
  uuid: string;
  representation: Representation;
  body: JsonObject | null;
  /** True to keep the object as a tombstone; default false. */
  removed?: boolean;
  /** The feed action to log; derived from the transition when absent (see {@linkcode planLocalWrite}). */
  action?: FeedAction;
}

export interface LocalWriteOptions {
  origin: Origin;
  /** For origin `child`: the writing child's instance id. */
  originId?: string;
  /** Clock time (ms) of the write. */
  now: number;
  /** Event id (a uuid) of the change-log row, if one is logged. */
  eventId: string;
  /**
   * The version the writer expects (e.g. from `If-Match`); `null` means "must not exist".
   * When absent, the version read into `current` is expected, so a concurrent write still fails
   * the batch instead of being overwritten silently.
   */
  expectedVersion?: string | null;
}

export type LocalWriteOutcome = 'created' | 'updated' | 'removed' | 'unchanged';

export interface LocalWritePlan {
  plan: BatchPlan;
  outcome: LocalWriteOutcome;
}

/**
 * The batch that writes `change` over `current` (the object as read, or undefined): the object
 * with the next version ("1", "2", …), the same `base`, and one change-log row. A change with the
 * same canonical hash and removed flag as `current` plans no object and no row (outcome
 * `unchanged`), so echoes die out; its plan keeps the precondition so a stale expected version
 * still fails. Default actions: `CREATED` for a new object, `DELETED` for a removal, `UPDATED`
 * otherwise; callers pass the category's own (`VOIDED`, `UNRETIRED`…).
 *
 * @example Create a patient
 * ```ts
 * const { plan, outcome } = planLocalWrite(undefined, { category: 'patient', uuid, representation: 'fhir', body },
 *   { origin: 'local', now: 1000, eventId });
 * outcome; // 'created'
 * plan.objects?.[0]?.version; // '1'
 * ```
 */
export function planLocalWrite(
  current: StoredObject | undefined,
  change: LocalChange,
  options: LocalWriteOptions,
): LocalWritePlan {
  const expected = options.expectedVersion !== undefined ? options.expectedVersion : (current?.version ?? null);
  const preconditions = [{ category: change.category, uuid: change.uuid, version: expected }];
  const removed = change.removed ?? false;
  const hash = canonicalHash(change.body);
  if (current && current.hash === hash && current.removed === removed) {
    return { plan: { preconditions }, outcome: 'unchanged' };
  }
  const object: StoredObject = {
    category: change.category,
    uuid: change.uuid,
    representation: change.representation,
    body: change.body,
    hash,
    version: nextVersion(current?.version),
    removed,
    updatedAt: options.now,
  };
  if (current?.base) object.base = current.base;
  const row: NewChange = {
    eventId: options.eventId,
    category: change.category,
    uuid: change.uuid,
    action: change.action ?? defaultAction(current, removed),
    origin: options.origin,
    hash,
    at: options.now,
  };
  if (options.origin === 'child' && options.originId !== undefined) row.originId = options.originId;
  return { plan: { preconditions, objects: [object], changes: [row] }, outcome: outcomeOf(current, removed) };
}

/** The version after `version`: a counter, restarting above any number found in a foreign value. */
export function nextVersion(version: string | undefined): string {
  if (version === undefined) return '1';
  const n = /^\d+$/.test(version) ? Number(version) : 0;
  return String(Number.isSafeInteger(n) ? n + 1 : 1);
}

function defaultAction(current: StoredObject | undefined, removed: boolean): FeedAction {
  if (!current) return removed ? 'DELETED' : 'CREATED';
  if (removed && !current.removed) return 'DELETED';
  return 'UPDATED';
}

function outcomeOf(current: StoredObject | undefined, removed: boolean): LocalWriteOutcome {
  if (removed && !current?.removed) return 'removed';
  return current ? 'updated' : 'created';
}
