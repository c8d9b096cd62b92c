/** Fetches one group of FHIR objects in one request (`_id` search or batch Bundle), re-checking the absent one by one. */

import type { JsonObject } from '../store/store-port.ts';
import { failedOutcome, foundOutcome } from './_outcomes.ts';
import { type FetchContext, signalOf } from './_fetch-context.ts';
import { fetchFhirObject, fhirNotFound } from './fetch-fhir-object.ts';
import type { FhirGroup, FhirItem } from './plan-fhir-groups.ts';
import type { FetchOutcome } from './resource-manager.ts';

/** What the group request said of one id: its body, a status (batch), or nothing (absent). */
type IdResult = { body: JsonObject; etag?: string } | { status: number };

/**
 * Outcomes for every position of `group`, as `[position, outcome]` pairs. Found objects come
 * from the group answer; ids absent from a search (OpenMRS drops voided resources from searches)
 * and batch entries other than 200/404/410 are read one by one, so 410 → gone and 404 → REST
 * fallback apply to them too. A failed group request fails its objects (after the transport's
 * retries); PARENT_UNAUTHORIZED and ABORTED are thrown. An outcome's `url` is the object's own
 * FHIR URL (its `fhir` link), not the group request's.
 *
 * @example
 * ```ts
 * for (const [position, outcome] of await fetchFhirGroup(group, items, context)) outcomes[position] = outcome;
 * ```
 */
export async function fetchFhirGroup(
  group: FhirGroup,
  items: readonly FhirItem[],
  context: FetchContext,
): Promise<[number, FetchOutcome][]> {
  let results: Map<string, IdResult>;
  try {
    results = group.mode === 'search' ? await searchResults(group, context) : await batchResults(group, context);
  } catch (error) {
    return [...group.positions.values()].flat().map((position) => {
      const item = items[position] as FhirItem;
      return [position, failedOutcome(item.request, error, { client: 'fhir', url: item.url })];
    });
  }
  const pairs = await Promise.all(group.ids.map(async (id) => {
    const positions = group.positions.get(id) ?? [];
    const first = items[positions[0] as number] as FhirItem;
    const outcome = await outcomeOf(first, results.get(id), context);
    return positions.map((position): [number, FetchOutcome] => [position, { ...outcome, request: (items[position] as FhirItem).request }]);
  }));
  return pairs.flat();
}

async function outcomeOf(item: FhirItem, result: IdResult | undefined, context: FetchContext): Promise<FetchOutcome> {
  if (result && 'body' in result) {
    const etag = result.etag !== undefined ? { etag: result.etag } : {};
    return foundOutcome(item.request, { body: result.body, representation: 'fhir', client: 'fhir', url: item.url, ...etag });
  }
  if (result?.status === 410) return { kind: 'gone', request: item.request, status: 410, client: 'fhir', url: item.url };
  if (result?.status === 404) return await fhirNotFound(item, context);
  return await fetchFhirObject(item, context);
}

async function searchResults(group: FhirGroup, context: FetchContext): Promise<Map<string, IdResult>> {
  const found = await context.fhir.searchByIds(group.type, group.ids, signalOf(context));
  return new Map(found.map((body) => [String(body['id']), { body }]));
}

async function batchResults(group: FhirGroup, context: FetchContext): Promise<Map<string, IdResult>> {
  const refs = group.ids.map((id) => ({ type: group.type, id }));
  const entries = await context.fhir.batchRead(refs, signalOf(context));
  const results = new Map<string, IdResult>();
  entries.forEach((entry, i) => {
    const id = group.ids[i] as string;
    if (entry.status >= 200 && entry.status < 300 && entry.resource) {
      results.set(id, { body: entry.resource, ...(entry.etag !== undefined ? { etag: entry.etag } : {}) });
    } else if (entry.status === 404 || entry.status === 410) {
      results.set(id, { status: entry.status });
    }
  });
  return results;
}
