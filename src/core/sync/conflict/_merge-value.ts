/** The recursive part of the three-way merge: objects merged key by key, identified arrays element by element. */

import { canonicalize, ignoredFields, ignoredResourceFields } from '../../hash/canonical-hash.ts';
import type { Json, JsonObject } from '../../store/store-port.ts';

/** A value at a position, or `undefined` when the key or element is absent there. */
export type Slot = Json | undefined;

/** One place where both sides changed a value differently. */
export interface MergeConflict {
  /** The top-level key the place is under. */
  field: string;
  /** Keys joined by `.`, array elements as `[uuid]`, e.g. `person.names[0a9c…].givenName`. */
  path: string;
}

/** Shared state of one merge: whether to recurse, and the conflicts found. */
export interface MergeContext {
  deep: boolean;
  conflicts: MergeConflict[];
}

const absentText = '\u0000absent';
const ignoredEverywhere = new Set(ignoredFields);
const ignoredOnResources = new Set(ignoredResourceFields);

/** Canonical text of a slot; absence differs from `null` (as it does in the hash). */
export function slotText(value: Slot): string {
  return value === undefined ? absentText : canonicalize(value);
}

export function isPlainObject(value: Slot): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the canonical hash drops `key` from an object like `sample` (FHIR meta/text only on resources). */
export function isIgnoredKey(key: string, ...samples: (JsonObject | null | undefined)[]): boolean {
  if (ignoredEverywhere.has(key)) return true;
  return ignoredOnResources.has(key) && samples.some((s) => typeof s?.['resourceType'] === 'string');
}

export function slotOf(obj: JsonObject | null | undefined, key: string): Slot {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets an own property, even one named `__proto__`. */
export function setOwn(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Three-way merge of one slot. Equal sides, or only the parent changed: the parent's value.
 * Objects of one identity and identified arrays present on all three sides are merged inside.
 * Only the local side changed: the local value. Otherwise a conflict is recorded at `path`.
 */
export function mergeSlot(b: Slot, l: Slot, p: Slot, at: { field: string; path: string; ctx: MergeContext }): Slot {
  const cl = slotText(l);
  const cp = slotText(p);
  if (cl === cp) return p;
  const cb = slotText(b);
  if (cl === cb) return p;
  if (at.ctx.deep && isPlainObject(b) && isPlainObject(l) && isPlainObject(p) && sameIdentity(b, l, p)) {
    return mergeObjects(b, l, p, at);
  }
  if (at.ctx.deep && isIdentifiedArray(b) && isIdentifiedArray(l) && isIdentifiedArray(p)) {
    return mergeArrays(b, l, p, at);
  }
  if (cp === cb) return l;
  at.ctx.conflicts.push({ field: at.field, path: at.path });
  return p;
}

/**
 * Merges three objects key by key: keys in the parent's order, then the local side's new ones.
 * Ignored keys (display, links, meta on a resource…) take the parent's value.
 * At the top (`path` empty) each key is its own field.
 */
export function mergeObjects(b: JsonObject, l: JsonObject, p: JsonObject, at: { field: string; path: string; ctx: MergeContext }): JsonObject {
  const out: JsonObject = {};
  const keys = new Set([...Object.keys(p), ...Object.keys(l), ...Object.keys(b)]);
  for (const key of keys) {
    if (isIgnoredKey(key, p, l)) {
      if (Object.hasOwn(p, key)) setOwn(out, key, p[key] as Json);
      continue;
    }
    const top = at.path === '';
    const child = { field: top ? key : at.field, path: top ? key : `${at.path}.${key}`, ctx: at.ctx };
    const value = mergeSlot(slotOf(b, key), slotOf(l, key), slotOf(p, key), child);
    if (value !== undefined) setOwn(out, key, value);
  }
  return out;
}

/** Merges arrays of identified objects per element: parent's order, then local additions in local order. */
function mergeArrays(b: Json[], l: Json[], p: Json[], at: { field: string; path: string; ctx: MergeContext }): Json[] {
  const bm = byIdentity(b);
  const lm = byIdentity(l);
  const pm = byIdentity(p);
  const ids = new Set([...pm.keys(), ...lm.keys()]);
  const out: Json[] = [];
  for (const id of ids) {
    const value = mergeSlot(bm.get(id), lm.get(id), pm.get(id), { ...at, path: `${at.path}[${id}]` });
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** The identity the canonical hash sorts by: `uuid`, else `id`, when a string or number. */
export function identityOf(value: Slot): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const key = value['uuid'] ?? value['id'];
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/** Objects with different uuids, or of different resource types, are different things: never merged inside. */
function sameIdentity(...values: JsonObject[]): boolean {
  const first = identityOf(values[0]);
  return values.every((v) => identityOf(v) === first) && sameResourceType(...values);
}

/** True when every object has the same `resourceType` (or none). */
export function sameResourceType(...values: JsonObject[]): boolean {
  const first = slotText(values[0]?.['resourceType']);
  return values.every((v) => slotText(v['resourceType']) === first);
}

/** An array whose elements all carry a distinct identity (the empty array included). */
function isIdentifiedArray(value: Slot): value is Json[] {
  if (!Array.isArray(value)) return false;
  const ids = new Set<string>();
  for (const item of value) {
    const id = identityOf(item);
    if (id === undefined || ids.has(id)) return false;
    ids.add(id);
  }
  return true;
}

function byIdentity(items: Json[]): Map<string, Json> {
  return new Map(items.map((item) => [identityOf(item) as string, item]));
}
