/** Splits FHIR reads into groups per resource type (`_id` search or batch Bundle) and single reads, as the parent allows. */

import { parseFhirReadUrl } from './fhir-link.ts';
import type { ObjectRequest, ParentCapabilities } from './resource-manager.ts';

/** One object to read through FHIR: its request and its resolved `fhir` link. */
export interface FhirItem {
  request: ObjectRequest;
  url: string;
}

/** Ids of one type fetched in one request; `positions` maps each id to the items asking for it. */
export interface FhirGroup {
  type: string;
  mode: 'search' | 'batch';
  ids: string[];
  positions: Map<string, number[]>;
}

/** The plan: groups, and the positions of items read one by one. */
export interface FhirPlan {
  groups: FhirGroup[];
  singles: number[];
}

/**
 * Groups the items whose link is a plain read of the parent's FHIR base (`{fhirBase}/Type/id`)
 * by type, `size` distinct ids per group: `_id` search where the type offers it, else a batch
 * Bundle where the parent offers one. Other items (other link shapes, types without either) are
 * read one by one. Pure; groups follow the order items first name their type and ids.
 *
 * @example
 * ```ts
 * planFhirGroups(items, { base, capabilities, size: 100 }); // { groups: [{ type: 'Patient', mode: 'search', ids: […] }], singles: [] }
 * ```
 */
export function planFhirGroups(
  items: readonly FhirItem[],
  options: { base: string; capabilities: ParentCapabilities; size: number },
): FhirPlan {
  const singles: number[] = [];
  const byType = new Map<string, Map<string, number[]>>();
  items.forEach((item, position) => {
    const read = parseFhirReadUrl(item.url, options.base);
    if (!read || !groupMode(read.type, options.capabilities)) {
      singles.push(position);
      return;
    }
    const ids = byType.get(read.type) ?? new Map<string, number[]>();
    byType.set(read.type, ids);
    ids.set(read.id, [...(ids.get(read.id) ?? []), position]);
  });
  const size = Math.max(1, Math.floor(options.size));
  const groups: FhirGroup[] = [];
  for (const [type, ids] of byType) {
    const mode = groupMode(type, options.capabilities) as FhirGroup['mode'];
    const all = [...ids.keys()];
    for (let start = 0; start < all.length; start += size) {
      const chunk = all.slice(start, start + size);
      groups.push({ type, mode, ids: chunk, positions: new Map(chunk.map((id) => [id, ids.get(id) as number[]])) });
    }
  }
  return { groups, singles };
}

/** `_id` search when the type (or, without per-type detail, the parent) offers it; else batch; else none. */
function groupMode(type: string, capabilities: ParentCapabilities): FhirGroup['mode'] | undefined {
  const perType = capabilities.types?.[type];
  if (perType ? perType.idSearch : capabilities.idSearch) return 'search';
  return capabilities.batch ? 'batch' : undefined;
}
