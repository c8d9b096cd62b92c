/** Top-level fields changed on both sides of a three-way comparison, by canonical form. */

import { canonicalize } from '../../hash/canonical-hash.ts';
import type { JsonObject } from '../../store/store-port.ts';

/**
 * Top-level keys whose canonical value differs between `base` and `local` and between `base`
 * and `parent` (sorted). Without a base, the keys where `local` and `parent` differ.
 * Fields the canonical hash ignores never count.
 */
export function changedOnBothSides(base: JsonObject | null | undefined, local: JsonObject | null, parent: JsonObject | null): string[] {
  const keys = new Set([...Object.keys(local ?? {}), ...Object.keys(parent ?? {}), ...Object.keys(base ?? {})]);
  const fields: string[] = [];
  for (const key of keys) {
    const l = valueText(local, key);
    const p = valueText(parent, key);
    if (l === p) continue;
    if (base === undefined || base === null) {
      fields.push(key);
      continue;
    }
    const b = valueText(base, key);
    if (l !== b && p !== b) fields.push(key);
  }
  return fields.filter((key) => isCompared(key, local, parent)).sort();
}

function valueText(body: JsonObject | null | undefined, key: string): string {
  if (!body || !Object.hasOwn(body, key)) return '';
  return canonicalize({ [key]: body[key] ?? null, ...resourceTypeOf(body) });
}

/** Keeps `resourceType` beside the field, so FHIR-only ignored fields (meta, text) stay ignored. */
function resourceTypeOf(body: JsonObject): JsonObject {
  const type = body['resourceType'];
  return typeof type === 'string' ? { resourceType: type } : {};
}

/** A field the canonical form drops (display, links, meta on a resource…) is no conflict. */
function isCompared(key: string, local: JsonObject | null, parent: JsonObject | null): boolean {
  const sample = local ?? parent ?? {};
  return canonicalize({ [key]: 1, ...resourceTypeOf(sample) }) !== canonicalize(resourceTypeOf(sample));
}
