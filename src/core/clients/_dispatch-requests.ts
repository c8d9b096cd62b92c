/** Routes each request to its client, runs the clients side by side, and puts the outcomes back in request order. */

import { resolveContentLink } from '../atom/rewrite-link.ts';
import type { CategoryInfo } from '../categories/category-table.ts';
import { SyncError } from '../errors/sync-error.ts';
import { failedOutcome } from './_outcomes.ts';
import type { FetchContext } from './_fetch-context.ts';
import { chooseClient } from './choose-client.ts';
import type { ClientRegistry, CustomClient } from './client-registry.ts';
import { fetchCustomObjects } from './fetch-custom-objects.ts';
import { fetchFhirObjects } from './fetch-fhir-objects.ts';
import { fetchRestObject } from './fetch-rest-object.ts';
import type { FhirItem } from './plan-fhir-groups.ts';
import type { FetchOutcome, ObjectRequest } from './resource-manager.ts';

export interface DispatchOptions {
  context: FetchContext;
  registry: ClientRegistry;
  preferredClient?: Readonly<Record<string, string>>;
  categories?: readonly CategoryInfo[];
}

/** One outcome per request, same order; throws PARENT_UNAUTHORIZED / ABORTED from any client. */
export async function dispatchRequests(requests: readonly ObjectRequest[], options: DispatchOptions): Promise<FetchOutcome[]> {
  const { context, registry } = options;
  const outcomes = new Array<FetchOutcome>(requests.length);
  const fhir: { items: FhirItem[]; positions: number[] } = { items: [], positions: [] };
  const rest: number[] = [];
  const custom = new Map<string, number[]>();
  const choice = { fhir: context.capabilities.fhir, customClients: registry.names(), ...pick(options) };
  requests.forEach((request, position) => {
    const client = chooseClient(request, choice);
    if (client === undefined) outcomes[position] = unavailable(request);
    else if (client === 'rest') rest.push(position);
    else if (client !== 'fhir') custom.set(client, [...(custom.get(client) ?? []), position]);
    else {
      try {
        fhir.items.push({ request, url: resolveContentLink(String(request.links['fhir']), context.base) });
        fhir.positions.push(position);
      } catch (error) {
        outcomes[position] = failedOutcome(request, error, { client: 'fhir' });
      }
    }
  });
  const put = (positions: readonly number[]) => (list: readonly FetchOutcome[]): void => {
    list.forEach((outcome, k) => { outcomes[positions[k] as number] = outcome; });
  };
  await Promise.all([
    fhir.items.length > 0 ? fetchFhirObjects(fhir.items, context).then(put(fhir.positions)) : undefined,
    ...rest.map(async (position) => { outcomes[position] = await fetchRestObject(requests[position] as ObjectRequest, context); }),
    ...[...custom].map(([name, positions]) => {
      const client = registry.get(name) as CustomClient;
      return fetchCustomObjects(name, positions.map((p) => requests[p] as ObjectRequest), { client, context }).then(put(positions));
    }),
  ]);
  return outcomes;
}

function pick(options: DispatchOptions): { preferredClient?: Readonly<Record<string, string>>; categories?: readonly CategoryInfo[] } {
  return {
    ...(options.preferredClient ? { preferredClient: options.preferredClient } : {}),
    ...(options.categories ? { categories: options.categories } : {}),
  };
}

function unavailable(request: ObjectRequest): FetchOutcome {
  const details = { category: request.category, uuid: request.uuid, links: Object.keys(request.links) };
  return failedOutcome(request, new SyncError('CLIENT_UNAVAILABLE', { details }));
}
