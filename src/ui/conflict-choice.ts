/** The fields of a conflict a person can choose between, and the ConflictChoice their picks make. */

import type { ConflictChoice } from '../browser/sync-api.ts';
import { canonicalize, ignoredFields, ignoredResourceFields } from '../core/hash/canonical-hash.ts';
import type { ConflictRecord, Json, JsonObject } from '../core/store/store-port.ts';
import { threeWayMerge } from '../core/sync/conflict/three-way-merge.ts';

/**
 * A top-level field that differs between this tablet and the parent; `changedOn` says which side
 * moved from the base. `merged`: both sides changed it, in different places (e.g. the given name
 * on one side, the family name on the other, in one `name` element), so the three-way merge keeps
 * both changes: `merged` holds that value.
 */
export interface FieldChange {
  field: string;
  base: Json | undefined;
  local: Json | undefined;
  parent: Json | undefined;
  changedOn: 'both' | 'local' | 'parent' | 'merged';
  merged?: Json;
}

/** A side picked for a field; `merged` keeps both sides' changes (the core merges the field). */
export type FieldPick = 'local' | 'parent' | 'merged';

/**
 * The fields that differ between the local and parent bodies (fields the hash ignores left out),
 * conflicting ones (`record.fields`, or without a base) first, then by name. A field changed on
 * both sides but not in `record.fields` is `merged` when the three-way merge of it succeeds.
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
    const change: FieldChange = { field, base: base?.[field], local: local[field], parent: parent[field], changedOn: 'both' };
    if (base && !record.fields.includes(field)) {
      if (same(local, base, field)) change.changedOn = 'parent';
      else if (same(parent, base, field)) change.changedOn = 'local';
      else Object.assign(change, mergedField(field, { base, local, parent }));
    }
    changes.push(change);
  }
  return changes.sort((a, b) => Number(b.changedOn === 'both') - Number(a.changedOn === 'both') || a.field.localeCompare(b.field));
}

/** A field changed on both sides, merged as the core merges a field left out of a per-field choice. */
function mergedField(field: string, sides: Record<'base' | 'local' | 'parent', JsonObject>): Pick<FieldChange, 'changedOn' | 'merged'> {
  const only = (body: JsonObject): JsonObject => (Object.hasOwn(body, field) ? { [field]: body[field] ?? null } : {});
  const result = threeWayMerge(only(sides.base), only(sides.local), only(sides.parent));
  if (result.kind === 'merged') return { changedOn: 'merged', ...valueOf(result.body, field) };
  if (result.kind === 'take-local') return { changedOn: 'merged', ...valueOf(sides.local, field) };
  if (result.kind === 'take-parent') return { changedOn: 'merged', ...valueOf(sides.parent, field) };
  return { changedOn: 'both' };
}

function valueOf(body: JsonObject, field: string): { merged?: Json } {
  return Object.hasOwn(body, field) ? { merged: body[field] ?? null } : {};
}

/** The side preselected for a field: the one that changed it, both when they merge; none when they conflict. */
export function defaultPick(change: FieldChange): FieldPick | undefined {
  return change.changedOn === 'both' ? undefined : change.changedOn;
}

/**
 * `{ fields }` with a side for every changed field (the person's pick, else the default), or the
 * fields still needing a pick. A field picked `merged` is left out: the core merges the fields a
 * choice does not name.
 *
 * @example
 * ```ts
 * fieldChoice(changes, { gender: 'local' }); // { ok: true, choice: { fields: { gender: 'local', birthDate: 'parent' } } }
 * ```
 */
export function fieldChoice(changes: readonly FieldChange[], picks: Readonly<Record<string, FieldPick | undefined>>):
  | { ok: true; choice: ConflictChoice }
  | { ok: false; missing: string[] } {
  const fields: Record<string, 'local' | 'parent'> = {};
  const missing: string[] = [];
  for (const change of changes) {
    const side = picks[change.field] ?? defaultPick(change);
    if (side === undefined) missing.push(change.field);
    else if (side !== 'merged') fields[change.field] = side;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, choice: { fields } };
}

function same(a: JsonObject, b: JsonObject, field: string): boolean {
  const inA = Object.hasOwn(a, field);
  if (inA !== Object.hasOwn(b, field)) return false;
  return !inA || canonicalize(a[field]) === canonicalize(b[field]);
}
