/** Deciding what a pulled object does to the stored one: nothing, replace it, or keep the unpushed local change. */

import { canonicalHash, nullBodyHash } from '../../hash/canonical-hash.ts';
import type { ConflictRecord, JsonObject, ObjectBase, Representation, StoredObject } from '../../store/store-port.ts';
import { nextVersion } from '../plan-local-write.ts';
import { changedOnBothSides } from './_changed-fields.ts';
import { objectKey } from './coalesce-entries.ts';

/** The parent's side of an object: its body as fetched, or a removal. */
export type IncomingObject =
  | { representation: Representation; body: JsonObject; version?: string }
  | { removed: true };

/** What to do with one object. */
export type PullDecision =
  /** Nothing changes; `object`, when present, only refreshes a stale base (no change row). */
  | { kind: 'noop'; reason: 'same' | 'parent-unchanged'; object?: StoredObject }
  /** Write `object` (body and base from the parent) and log a change. */
  | { kind: 'apply'; object: StoredObject; created: boolean; removed: boolean }
  /** The stored object has an unpushed local change: leave it, record the conflict. */
  | { kind: 'keep-local'; conflict: ConflictRecord };

export interface DecidePullOptions {
  category: string;
  uuid: string;
  /** Clock time (ms) of the decision. */
  now: number;
  /** Representation of a tombstone for an object never stored. @default 'rest' */
  representation?: Representation;
}

/**
 * Decides against `stored` (undefined when absent): equal canonical hash, removed flag and
 * representation → `noop` (a stale base is refreshed silently); no unpushed local change
 * (`hash === base.hash`) → `apply`, body and base from the parent; otherwise `keep-local` with a
 * conflict record (`overlap`, `removed-on-parent` or `no-base`, id `category/uuid`). A parent
 * body equal to the base while the local body changed is a `noop` (`parent-unchanged`): the
 * local change waits for push. A removal marks the object removed, body kept.
 *
 * @example A first pull applies
 * ```ts
 * decidePull(undefined, { representation: 'fhir', body }, { category: 'patient', uuid, now }).kind; // 'apply'
 * ```
 */
export function decidePull(stored: StoredObject | undefined, incoming: IncomingObject, options: DecidePullOptions): PullDecision {
  return 'removed' in incoming ? decideRemoval(stored, options) : decideBody(stored, incoming, options);
}

/** True when the stored object differs from its base (or has none): a change not pushed yet. */
export function hasLocalChange(stored: StoredObject): boolean {
  return stored.base === undefined || stored.hash !== stored.base.hash;
}

function decideRemoval(stored: StoredObject | undefined, options: DecidePullOptions): PullDecision {
  if (stored?.removed) return { kind: 'noop', reason: 'same' };
  if (stored && hasLocalChange(stored)) return keepLocal(stored, null, { ...options, reason: 'removed-on-parent' });
  if (!stored) {
    const base: ObjectBase = { body: null, hash: nullBodyHash };
    const object: StoredObject = {
      category: options.category, uuid: options.uuid, representation: options.representation ?? 'rest', body: null,
      hash: nullBodyHash, version: nextVersion(undefined), removed: true, base, updatedAt: options.now,
    };
    return { kind: 'apply', object, created: true, removed: true };
  }
  const object: StoredObject = { ...stored, removed: true, version: nextVersion(stored.version), updatedAt: options.now };
  return { kind: 'apply', object, created: false, removed: true };
}

function decideBody(
  stored: StoredObject | undefined,
  incoming: Extract<IncomingObject, { body: JsonObject }>,
  options: DecidePullOptions,
): PullDecision {
  const hash = canonicalHash(incoming.body);
  const base: ObjectBase = { body: incoming.body, hash, ...(incoming.version !== undefined ? { version: incoming.version } : {}) };
  const sameForm = stored?.representation === incoming.representation;
  if (stored && sameForm && !stored.removed && stored.hash === hash) {
    return { kind: 'noop', reason: 'same', ...refreshed(stored, base) };
  }
  if (stored && hasLocalChange(stored)) {
    if (sameForm && stored.base?.hash === hash) return { kind: 'noop', reason: 'parent-unchanged', ...refreshed(stored, base) };
    return keepLocal(stored, incoming.body, { ...options, reason: stored.base ? 'overlap' : 'no-base' });
  }
  const object: StoredObject = {
    category: options.category, uuid: options.uuid, representation: incoming.representation, body: incoming.body, hash,
    version: nextVersion(stored?.version), removed: false, base, updatedAt: options.now,
  };
  return { kind: 'apply', object, created: stored === undefined, removed: false };
}

/** The stored object with `base` when its base is stale (absent, another hash, another known version). */
function refreshed(stored: StoredObject, base: ObjectBase): { object?: StoredObject } {
  const current = stored.base;
  const stale = current === undefined || current.hash !== base.hash || (base.version !== undefined && current.version !== base.version);
  return stale ? { object: { ...stored, base } } : {};
}

function keepLocal(
  stored: StoredObject,
  parent: JsonObject | null,
  options: DecidePullOptions & { reason: ConflictRecord['reason'] },
): PullDecision {
  const base = stored.base?.body ?? null;
  const conflict: ConflictRecord = {
    id: objectKey(options.category, options.uuid), category: options.category, uuid: options.uuid,
    representation: stored.representation, base, local: stored.body, parent,
    fields: parent === null ? [] : changedOnBothSides(stored.base ? base : undefined, stored.body, parent),
    reason: options.reason, createdAt: options.now,
  };
  return { kind: 'keep-local', conflict };
}
