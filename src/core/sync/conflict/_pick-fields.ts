/** Builds a resolved body from a person's per-field choice, merging the fields they did not name. */

import type { JsonObject } from '../../store/store-port.ts';
import { isIgnoredKey, type MergeContext, mergeSlot, setOwn, slotOf } from './_merge-value.ts';

/**
 * Each top-level key of `choice` takes that side's value (absent there: left out); other keys are
 * merged three-way, and any that still conflicts is reported as missing from the choice. Ignored
 * fields take the parent's values.
 */
export function pickFields(
  base: JsonObject | null,
  local: JsonObject,
  parent: JsonObject,
  choice: Readonly<Record<string, 'local' | 'parent'>>,
): { body: JsonObject } | { missing: string[] } {
  const body: JsonObject = {};
  const missing: string[] = [];
  for (const key of new Set([...Object.keys(parent), ...Object.keys(local), ...Object.keys(base ?? {})])) {
    if (isIgnoredKey(key, parent, local)) {
      if (Object.hasOwn(parent, key)) setOwn(body, key, parent[key] ?? null);
      continue;
    }
    const side = Object.hasOwn(choice, key) ? choice[key] : undefined;
    const ctx: MergeContext = { deep: true, conflicts: [] };
    const value = side === 'local' ? slotOf(local, key)
      : side === 'parent' ? slotOf(parent, key)
      : mergeSlot(slotOf(base, key), slotOf(local, key), slotOf(parent, key), { field: key, path: key, ctx });
    if (ctx.conflicts.length > 0) missing.push(key);
    else if (value !== undefined) setOwn(body, key, value);
  }
  return missing.length > 0 ? { missing: missing.sort() } : { body };
}
