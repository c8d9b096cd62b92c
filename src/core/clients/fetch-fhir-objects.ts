/** The FHIR client's bulk read: groups by type where the parent allows, single reads otherwise, all in flight at once. */

import type { FetchContext } from './_fetch-context.ts';
import { fetchFhirGroup } from './fetch-fhir-group.ts';
import { fetchFhirObject } from './fetch-fhir-object.ts';
import { type FhirItem, planFhirGroups } from './plan-fhir-groups.ts';
import type { FetchOutcome } from './resource-manager.ts';

/**
 * One outcome per item, in item order. Groups (`_id` search or batch Bundle, `context.groupSize`
 * ids each) and single reads are all started together; the transport's limiter bounds how many
 * requests are in flight.
 *
 * @example
 * ```ts
 * const outcomes = await fetchFhirObjects(items, context);
 * ```
 */
export async function fetchFhirObjects(items: readonly FhirItem[], context: FetchContext): Promise<FetchOutcome[]> {
  const outcomes = new Array<FetchOutcome>(items.length);
  const plan = planFhirGroups(items, { base: context.base, capabilities: context.capabilities, size: context.groupSize });
  await Promise.all([
    ...plan.singles.map(async (position) => {
      outcomes[position] = await fetchFhirObject(items[position] as FhirItem, context);
    }),
    ...plan.groups.map(async (group) => {
      for (const [position, outcome] of await fetchFhirGroup(group, items, context)) outcomes[position] = outcome;
    }),
  ]);
  return outcomes;
}
