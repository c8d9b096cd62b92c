/** Reads one object through its `fhir` link; a 404 falls back to the `rest` link, since a FHIR 404 is not a delete. */

import { answerOutcome, failedOutcome } from './_outcomes.ts';
import { type FetchContext, signalOf } from './_fetch-context.ts';
import { fetchRestObject } from './fetch-rest-object.ts';
import type { FhirItem } from './plan-fhir-groups.ts';
import type { FetchOutcome } from './resource-manager.ts';

/**
 * GETs the item's FHIR URL: 2xx → found (`fhir`, version from `meta.versionId` or the ETag);
 * 410 → gone; 404 → {@linkcode fhirNotFound}; other statuses and transport failures → failed.
 *
 * @example
 * ```ts
 * await fetchFhirObject({ request, url: `${base}/ws/fhir2/R4/Patient/${uuid}` }, context);
 * ```
 */
export async function fetchFhirObject(item: FhirItem, context: FetchContext): Promise<FetchOutcome> {
  try {
    const answer = await context.fhir.request(item.url, signalOf(context));
    if (answer.status === 404) return await fhirNotFound(item, context);
    return answerOutcome(item.request, answer, { client: 'fhir', representation: 'fhir' });
  } catch (error) {
    return failedOutcome(item.request, error, { client: 'fhir', url: item.url });
  }
}

/**
 * What a FHIR 404 means: OpenMRS serves many objects through REST only (and legacy `/ws/fhir/`
 * links point at a module few servers run), so the `rest` link is tried; without one the object
 * is gone with status 404 (not a 410: the caller decides whether that is a removal).
 */
export async function fhirNotFound(item: FhirItem, context: FetchContext): Promise<FetchOutcome> {
  if (typeof item.request.links['rest'] === 'string') {
    context.log.debug('FHIR 404, falling back to REST', { category: item.request.category, uuid: item.request.uuid, url: item.url });
    return await fetchRestObject(item.request, context);
  }
  return { kind: 'gone', request: item.request, status: 404, client: 'fhir', url: item.url };
}
