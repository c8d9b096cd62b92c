/** Reads the parent's current state of one object before a push decides: a body, removed, or missing. */

import { SyncError } from '../errors/sync-error.ts';
import { versionOf } from './_outcomes.ts';
import { isSuccess, objectBody, signalOfWrite, unsupportedError, type WriteContext } from './_write-context.ts';
import type { JsonAnswer } from './fetch-json.ts';
import { restCollectionPath } from './rest-object-path.ts';
import type { ObjectRef, ParentRead } from './resource-manager.ts';
import { httpError } from './sync-fhir-client.ts';
import { writeRouteOf } from './write-route.ts';

/**
 * GETs the object where its representation lives: FHIR `{Type}/{uuid}` (200 → body and version,
 * 410 → removed, 404 → missing) or REST `{resource}/{uuid}?v=full` (a voided or retired body →
 * removed, 404 → missing). Other statuses throw HTTP_ERROR; an object that cannot be addressed
 * (a FHIR object on a parent without FHIR, a sub-resource without its owner) throws PUSH_UNSUPPORTED.
 *
 * @example
 * ```ts
 * const now = await readCurrent({ category: 'patient', uuid }, 'fhir', context);
 * if ('missing' in now) create();
 * ```
 */
export async function readCurrent(ref: ObjectRef, representation: 'fhir' | 'rest', context: WriteContext): Promise<ParentRead> {
  const route = writeRouteOf(ref, representation, context.capabilities, { categories: context.categories });
  if (route.client === 'none') throw new SyncError('PUSH_UNSUPPORTED', { message: route.error.message, details: route.error.details ?? {} });
  if (route.client === 'fhir') {
    const answer = await context.fhir.request(`${route.type}/${encodeURIComponent(ref.uuid)}`, signalOfWrite(context));
    return stateOf(answer, 'fhir');
  }
  const url = restObjectUrl(ref, route.resource, context.base);
  return stateOf(await context.transport(`${url}?v=full`, signalOfWrite(context)), 'rest');
}

/** The absolute REST URL of an object; throws PUSH_UNSUPPORTED when a sub-resource's owner is unknown. */
export function restObjectUrl(ref: ObjectRef, resource: string, base: string): string {
  const collection = restCollectionPath(resource, ref.owner);
  if (collection === undefined) throw unsupportedError(ref, `its owner (${resource}) is unknown`);
  return `${base}${collection}/${encodeURIComponent(ref.uuid)}`;
}

/** The state an answer to a read gives. */
export function stateOf(answer: JsonAnswer, client: 'fhir' | 'rest'): ParentRead {
  const { url, status } = answer;
  if (status === 404) return { missing: true, url, client };
  if (status === 410) return { removed: true, url, client };
  if (!isSuccess(status)) throw httpError(answer);
  const body = objectBody(answer);
  if (!body) throw new SyncError('RESPONSE_MALFORMED', { details: { url, status } });
  const version = versionOf(body, answer.etag);
  if (client === 'rest' && (body['voided'] === true || body['retired'] === true)) {
    return { removed: true, url, client, ...(version !== undefined ? { version } : {}) };
  }
  return { body, url, client, ...(version !== undefined ? { version } : {}) };
}
