/** Hands the requests routed to a custom client over to it, and holds it to one outcome per request. */

import { resolveContentLink } from '../atom/rewrite-link.ts';
import { SyncError } from '../errors/sync-error.ts';
import { failedOutcome } from './_outcomes.ts';
import type { FetchContext } from './_fetch-context.ts';
import type { CustomClient } from './client-registry.ts';
import type { FetchOutcome, ObjectRequest } from './resource-manager.ts';

/**
 * Outcomes of `client` for `requests`, in order. A missing outcome fails its request; a throw
 * fails them all, except PARENT_UNAUTHORIZED and ABORTED, which stop the run.
 *
 * @example
 * ```ts
 * const outcomes = await fetchCustomObjects('hl7', requests, { client, context });
 * ```
 */
export async function fetchCustomObjects(
  name: string,
  requests: readonly ObjectRequest[],
  options: { client: CustomClient; context: FetchContext },
): Promise<FetchOutcome[]> {
  const { client, context } = options;
  let answer: readonly FetchOutcome[];
  try {
    answer = await client.fetchObjects(requests, {
      base: context.base,
      transport: context.transport,
      resolveLink: (request) => resolveContentLink(String(request.links[name] ?? ''), context.base),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    return requests.map((request) => failedOutcome(request, error, { client: name }));
  }
  return requests.map((request, i) => {
    const outcome = Array.isArray(answer) ? answer[i] : undefined;
    if (outcome && typeof outcome === 'object' && 'kind' in outcome) return { ...outcome, request };
    const error = new SyncError('CLIENT_UNAVAILABLE', { message: `The client "${name}" gave no outcome for this object`, details: { client: name } });
    return failedOutcome(request, error, { client: name });
  });
}
