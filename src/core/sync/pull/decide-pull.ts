/** Deciding what a pulled object does to the stored one: nothing, replace it, merge with the unpushed local change, or keep it as a conflict. */

import { canonicalHash } from '../../hash/canonical-hash.ts';
import type { ConflictRecord, JsonObject, ObjectBase, Representation, StoredObject } from '../../store/store-port.ts';
import { baseOf, hasUnpushedChange, localStateOf } from '../conflict/object-state.ts';
import { planConflict } from '../conflict/plan-conflict.ts';
import { type ConflictReason, threeWayMerge } from '../conflict/three-way-merge.ts';
import { nextVersion } from '../plan-local-write.ts';
import { changedOnBothSides } from './_changed-fields.ts';

/** The parent's side of an object: its body as fetched, or a removal. */
export type IncomingObject =
  | { representation: Representation; body: JsonObject; version?: string }
  | { removed: true };

/** What to do with one object. */
export type PullDecision =
  /**
   * Nothing visible changes; `object`, when present, only refreshes the base (no change row).
   * `local-holds-parent`: the unpushed local change already holds the parent's, so the base moves
   * to the parent's version and the local change still waits for push.
   */
  | { kind: 'noop'; reason: 'same' | 'parent-unchanged' | 'local-holds-parent'; object?: StoredObject }
  /** Write `object` (body and base from the parent) and log a change. */
  | { kind: 'apply'; object: StoredObject; created: boolean; removed: boolean }
  /** Both changed, in different places: `object` holds both changes as a local change (base = the parent's), to be pushed. */
  | { kind: 'merge'; object: StoredObject; fields: string[]; localFields: string[]; parentFields: string[] }
  /** The stored object has an unpushed local change that overlaps the parent's: leave it, record the conflict. */
  | { kind: 'keep-local'; conflict: ConflictRecord; paths: string[] };

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
 * (`hasUnpushedChange`: a local removal counts) → `apply`, body and base from the parent (a
 * removal: base = the null-body base); a parent equal to the base → `noop` (`parent-unchanged`:
 * the local change waits for push). Otherwise a three-way merge against the base: disjoint edits
 * → `merge`; the parent's change holding the local one → `apply`; the local one holding the
 * parent's → `noop` with the base moved; a real overlap (or a removal against an edit, or no
 * base) → `keep-local` with a conflict record (id `category/uuid`). A removal keeps the body.
 *
 * @example A first pull applies
 * ```ts
 * decidePull(undefined, { representation: 'fhir', body }, { category: 'patient', uuid, now }).kind; // 'apply'
 * ```
 */
export function decidePull(stored: StoredObject | undefined, incoming: IncomingObject, options: DecidePullOptions): PullDecision {
  return 'removed' in incoming ? decideRemoval(stored, options) : decideBody(stored, incoming, options);
}

function decideRemoval(stored: StoredObject | undefined, options: DecidePullOptions): PullDecision {
  const base = baseOf(null);
  if (!stored) {
    const object: StoredObject = {
      category: options.category, uuid: options.uuid, representation: options.representation ?? 'rest', body: null,
      hash: base.hash, version: nextVersion(undefined), removed: true, base, updatedAt: options.now,
    };
    return { kind: 'apply', object, created: true, removed: true };
  }
  if (stored.removed) return { kind: 'noop', reason: 'same', ...refreshed(stored, base) };
  if (hasUnpushedChange(stored)) return mergeOrKeep(stored, null, { ...options, base });
  return { kind: 'apply', object: takeParent(stored, null, { ...options, base }), created: false, removed: true };
}

function decideBody(
  stored: StoredObject | undefined,
  incoming: Extract<IncomingObject, { body: JsonObject }>,
  options: DecidePullOptions,
): PullDecision {
  const base: ObjectBase = {
    body: incoming.body, hash: canonicalHash(incoming.body), ...(incoming.version !== undefined ? { version: incoming.version } : {}),
  };
  const sameForm = stored?.representation === incoming.representation;
  if (stored && sameForm && !stored.removed && stored.hash === base.hash) {
    return { kind: 'noop', reason: 'same', ...refreshed(stored, base) };
  }
  if (stored && hasUnpushedChange(stored)) {
    if (sameForm && stored.base?.hash === base.hash) return { kind: 'noop', reason: 'parent-unchanged', ...refreshed(stored, base) };
    // Bodies of two representations (REST and FHIR) cannot be merged field by field.
    if (!sameForm) return keepLocal(stored, incoming.body, { ...options, reason: stored.base ? 'overlap' : 'no-base', fields: undefined });
    return mergeOrKeep(stored, incoming.body, { ...options, base });
  }
  const object = takeParent(stored, incoming.body, { ...options, base, representation: incoming.representation });
  return { kind: 'apply', object, created: stored === undefined, removed: false };
}

/** The three-way outcome of a parent version against an unpushed local change. */
function mergeOrKeep(stored: StoredObject, parent: JsonObject | null, options: DecidePullOptions & { base: ObjectBase }): PullDecision {
  const merge = threeWayMerge(stored.base?.body ?? null, localStateOf(stored), parent);
  switch (merge.kind) {
    case 'same':
      return { kind: 'noop', reason: 'same', ...refreshed(stored, options.base) };
    case 'take-local':
      return { kind: 'noop', reason: 'local-holds-parent', object: { ...stored, base: options.base } };
    case 'take-parent':
      return { kind: 'apply', object: takeParent(stored, parent, options), created: false, removed: parent === null };
    case 'merged': {
      const object: StoredObject = {
        ...stored, body: merge.body, hash: canonicalHash(merge.body), removed: false, version: nextVersion(stored.version),
        updatedAt: options.now, base: options.base,
      };
      return { kind: 'merge', object, fields: merge.fields, localFields: merge.localFields, parentFields: merge.parentFields };
    }
    case 'conflict':
      return keepLocal(stored, parent, { ...options, reason: merge.reason, fields: merge.fields, paths: merge.paths });
  }
}

/** The object as the parent holds it (`parent` null: removed there, last body kept), base included. */
function takeParent(
  stored: StoredObject | undefined,
  parent: JsonObject | null,
  options: DecidePullOptions & { base: ObjectBase; representation?: Representation },
): StoredObject {
  const body = parent ?? stored?.body ?? null;
  return {
    category: options.category, uuid: options.uuid, representation: options.representation ?? stored?.representation ?? 'rest',
    body, hash: parent === null ? stored?.hash ?? options.base.hash : options.base.hash, version: nextVersion(stored?.version),
    removed: parent === null, base: options.base, updatedAt: options.now,
  };
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
  options: DecidePullOptions & { reason: ConflictReason; fields: string[] | undefined; paths?: string[] },
): PullDecision {
  const fields = options.fields ?? changedOnBothSides(stored.base?.body, localStateOf(stored), parent);
  const paths = options.paths ?? fields;
  const { conflict } = planConflict({ stored, parent, reason: options.reason, fields, paths }, { now: options.now, instanceId: '' });
  return { kind: 'keep-local', conflict, paths };
}
