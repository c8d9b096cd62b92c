/** The fields of a conflict a person can choose between, and the ConflictChoice their picks make. */

import type { ConflictChoice } from '../browser/sync-api.ts';
import { canonicalize, ignoredFields, ignoredResourceFields } from '../core/hash/canonical-hash.ts';
import type { ConflictRecord, Json, JsonObject } from '../core/store/store-port.ts';

/** A top-level field that differs between this tablet and the parent; `changedOn` says which side moved from the base. */
export interface FieldChange {
  field: string;
  base: Json | undefined;
  local: Json | undefined;
  parent: Json | undefined;
  changedOn: 'both' | 'local' | 'parent';
}

/**
 * The fields that differ between the local and parent bodies (fields the hash ignores left out),
 * conflicting ones (`record.fields`, or changed on both sides) first, then by name.
 *
 * @example
 * ```ts
 * fieldChanges(record).map((c) => c.field); // ['gender', 'birthDate']
 * ```
 */
export function fieldChanges(record: ConflictRecord): FieldChange[] {
  const { base, local, parent } = record;
  if (!local || !parent) return [];
  const resource = typeof local['resourceType'] === 'string' || typeof parent['resourceType'] === 'string';
  const ignored = new Set([...ignoredFields, ...(resource ? ignoredResourceFields : [])]);
  const keys = new Set([...Object.keys(local), ...Object.keys(parent), ...Object.keys(base ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (ignored.has(field) || same(local, parent, field)) continue;
    const changedOn = record.fields.includes(field) || !base ? 'both'
      : same(local, base, field) ? 'parent' : same(parent, base, field) ? 'local' : 'both';
    changes.push({ field, base: base?.[field], local: local[field], parent: parent[field], changedOn });
  }
  return changes.sort((a, b) => Number(b.changedOn === 'both') - Number(a.changedOn === 'both') || a.field.localeCompare(b.field));
}

/** The side preselected for a field: the one that changed it; none when both did. */
export function defaultPick(change: FieldChange): 'local' | 'parent' | undefined {
  return change.changedOn === 'both' ? undefined : change.changedOn;
}

/**
 * `{ fields }` with a side for every changed field (the person's pick, else the default), or the
 * fields still needing a pick.
 *
 * @example
 * ```ts
 * fieldChoice(changes, { gender: 'local' }); // { ok: true, choice: { fields: { gender: 'local', birthDate: 'parent' } } }
 * ```
 */
export function fieldChoice(changes: readonly FieldChange[], picks: Readonly<Record<string, 'local' | 'parent' | undefined>>):
  | { ok: true; choice: ConflictChoice }
  | { ok: false; missing: string[] } {
  const fields: Record<string, 'local' | 'parent'> = {};
  const missing: string[] = [];
  for (const change of changes) {
    const side = picks[change.field] ?? defaultPick(change);
    if (side) fields[change.field] = side;
    else missing.push(change.field);
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, choice: { fields } };
}

function same(a: JsonObject, b: JsonObject, field: string): boolean {
  const inA = Object.hasOwn(a, field);
  if (inA !== Object.hasOwn(b, field)) return false;
  return !inA || canonicalize(a[field]) === canonicalize(b[field]);
}
