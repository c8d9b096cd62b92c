/** The OpenMRS REST client: reads one object through the entry's `rest` link, in its full representation. */

import { resolveContentLink } from '../atom/rewrite-link.ts';
import { SyncError } from '../errors/sync-error.ts';
import { answerOutcome, failedOutcome } from './_outcomes.ts';
import { type FetchContext, signalOf } from './_fetch-context.ts';
import type { FetchOutcome, ObjectRequest } from './resource-manager.ts';

/**
 * GETs `{base}/ws/rest/v1/…` from the entry's `rest` link (resolved on the parent's origin; `v=full`
 * added when the link names no representation). 2xx → found (representation `rest`, version from
 * an ETag if any); 404 and 410 → gone; other statuses and transport failures → failed. Throws only
 * what stops the run (PARENT_UNAUTHORIZED, ABORTED).
 *
 * @example
 * ```ts
 * await fetchRestObject({ category: 'location', uuid, links: { rest: `/ws/rest/v1/location/${uuid}?v=full` } }, context);
 * ```
 */
export async function fetchRestObject(request: ObjectRequest, context: FetchContext): Promise<FetchOutcome> {
  const link = request.links['rest'];
  if (typeof link !== 'string') {
    return failedOutcome(request, new SyncError('CLIENT_UNAVAILABLE', { details: { category: request.category, uuid: request.uuid } }));
  }
  let url: string;
  try {
    url = withFullRepresentation(resolveContentLink(link, context.base));
  } catch (error) {
    return failedOutcome(request, error, { client: 'rest' });
  }
  try {
    const answer = await context.transport(url, signalOf(context));
    return answerOutcome(request, answer, { client: 'rest', representation: 'rest' });
  } catch (error) {
    return failedOutcome(request, error, { client: 'rest', url });
  }
}

/**
 * `url` with `v=full` unless it already asks for a representation.
 *
 * @example
 * ```ts
 * withFullRepresentation('http://h/openmrs/ws/rest/v1/obs/x'); // 'http://h/openmrs/ws/rest/v1/obs/x?v=full'
 * ```
 */
export function withFullRepresentation(url: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has('v')) return url;
  parsed.searchParams.set('v', 'full');
  return parsed.href;
}
