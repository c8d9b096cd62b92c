/** Three-way merge of an object against its base: field by field, deeper where safe, conflicts named by field. */

import { canonicalize } from '../../hash/canonical-hash.ts';
import type { ConflictRecord, JsonObject } from '../../store/store-port.ts';
import { isIgnoredKey, type MergeContext, mergeObjects, sameResourceType, slotOf, slotText } from './_merge-value.ts';

/** Why both versions are kept. */
export type ConflictReason = ConflictRecord['reason'];

/** The outcome of {@linkcode threeWayMerge}. */
export type MergeResult =
  /** Both sides are equal by canonical hash (both removed included). */
  | { kind: 'same' }
  /** Only the local side changed, or its change holds the parent's: the local body stands. */
  | { kind: 'take-local' }
  /** Only the parent changed, or its change holds the local one: the parent's body stands. */
  | { kind: 'take-parent' }
  /**
   * Both changed, in different places: `body` holds both changes, with the parent's values for
   * ignored fields. `fields`: top-level keys changed on either side (`localFields` ∪ `parentFields`).
   */
  | { kind: 'merged'; body: JsonObject; fields: string[]; localFields: string[]; parentFields: string[] }
  /**
   * Both changed the same place differently, or one removed what the other changed, or there is
   * no base. `fields`: top-level keys in conflict (for a removal: those the other side changed);
   * `paths`: the places, e.g. `person.names[uuid].givenName`.
   */
  | { kind: 'conflict'; reason: ConflictReason; fields: string[]; paths: string[] };

export interface ThreeWayMergeOptions {
  /**
   * Merge inside nested objects (of one uuid/id) and inside arrays of uuid/id-bearing objects
   * (per element). False compares every top-level value whole. @default true
   */
  deep?: boolean;
}

/**
 * Merges `local` and `parent`, both descended from `base`; `null` stands for a removed object
 * (and, for `base`, for no base at all). Fields the canonical hash ignores never conflict. Pure
 * and deterministic; the merged body's keys follow the parent's order.
 *
 * @example Disjoint edits merge
 * ```ts
 * const r = threeWayMerge({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 });
 * // { kind: 'merged', body: { a: 2, b: 3 }, fields: ['a', 'b'], localFields: ['a'], parentFields: ['b'] }
 * ```
 */
export function threeWayMerge(
  base: JsonObject | null,
  local: JsonObject | null,
  parent: JsonObject | null,
  options: ThreeWayMergeOptions = {},
): MergeResult {
  const localText = canonicalize(local);
  const parentText = canonicalize(parent);
  if (localText === parentText) return { kind: 'same' };
  if (base === null) return conflictOf('no-base', changedKeys(local, parent));
  const baseText = canonicalize(base);
  if (parentText === baseText) return { kind: 'take-local' };
  if (localText === baseText) return { kind: 'take-parent' };
  if (local === null) return conflictOf('removed-locally', changedKeys(base, parent));
  if (parent === null) return conflictOf('removed-on-parent', changedKeys(base, local));
  // A resource whose type changed is another thing: not merged with other edits.
  if (!sameResourceType(base, local, parent)) return conflictOf('overlap', ['resourceType']);
  const ctx: MergeContext = { deep: options.deep ?? true, conflicts: [] };
  const body = mergeObjects(base, local, parent, { field: '', path: '', ctx });
  if (ctx.conflicts.length > 0) {
    return {
      kind: 'conflict', reason: 'overlap',
      fields: sortedUnique(ctx.conflicts.map((c) => c.field)), paths: sortedUnique(ctx.conflicts.map((c) => c.path)),
    };
  }
  const mergedText = canonicalize(body);
  if (mergedText === localText) return { kind: 'take-local' };
  if (mergedText === parentText) return { kind: 'take-parent' };
  const localFields = changedKeys(base, local);
  const parentFields = changedKeys(base, parent);
  return { kind: 'merged', body, fields: sortedUnique([...localFields, ...parentFields]), localFields, parentFields };
}

/**
 * Top-level keys whose canonical value differs between two bodies (a `null` body has no keys),
 * ignored fields left out; sorted.
 *
 * @example
 * ```ts
 * changedKeys({ a: 1, display: 'x' }, { a: 2, display: 'y' }); // ['a']
 * ```
 */
export function changedKeys(from: JsonObject | null, to: JsonObject | null): string[] {
  const keys = new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})]);
  const changed = [...keys].filter(
    (key) => !isIgnoredKey(key, from, to) && slotText(slotOf(from, key)) !== slotText(slotOf(to, key)),
  );
  return changed.sort();
}

function conflictOf(reason: ConflictReason, fields: string[]): MergeResult {
  return { kind: 'conflict', reason, fields, paths: [...fields] };
}

function sortedUnique(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}
