/** OpenMRS REST writes of one object: create with its uuid, update, delete (void); shaped for OpenMRS, verbatim to an edge node. */

import { type CategoryInfo, findCategory } from '../categories/category-table.ts';
import { isSyncError, SyncError } from '../errors/sync-error.ts';
import type { JsonObject } from '../store/store-port.ts';
import { patientRequests, type RestRequest } from './_rest-patient-update.ts';
import { failureOf, isFatal } from './_outcomes.ts';
import { answerDate, isSuccess, signalOfWrite, type WriteContext } from './_write-context.ts';
import type { JsonAnswer } from './fetch-json.ts';
import { readCurrent, restObjectUrl } from './read-current.ts';
import { restCollectionPath } from './rest-object-path.ts';
import type { ObjectWrite, WriteOutcome } from './resource-manager.ts';
import { shapeRestBody } from './shape-rest-body.ts';
import { httpError } from './sync-fhir-client.ts';
import type { WriteRoute } from './write-route.ts';

type RestRoute = Extract<WriteRoute, { client: 'rest' }>;

const jsonType = 'application/json';

/**
 * Writes through REST: a create is `POST {collection}` with the uuid in the body (409, or the 500
 * OpenMRS answers for a uuid it has, is `exists`); an update `POST {resource}/{uuid}` (for an
 * OpenMRS patient: the person and each changed name, address, attribute and identifier on their
 * own, see `patientRequests`); a removal `DELETE {resource}/{uuid}` (void, retire). Bodies are
 * shaped for OpenMRS (`shapeRestBody`) unless the route says verbatim; restoring a removed object
 * sends `voided: false` (`retired: false`). 404/410 on an update or removal is
 * `precondition-failed`. The acknowledged body is re-read in the full representation (an edge
 * node's answer is already that).
 *
 * @example
 * ```ts
 * await writeRestObject({ op: 'create', category: 'location', uuid, representation: 'rest', body }, route, context);
 * ```
 */
export async function writeRestObject(write: ObjectWrite, route: RestRoute, context: WriteContext): Promise<WriteOutcome> {
  const url = restObjectUrl(write, route.resource, context.base);
  if (write.op === 'remove' || write.body === null) {
    const answer = await context.transport(url, { method: 'DELETE', ...signalOfWrite(context) });
    if (answer.status === 404) return { kind: 'precondition-failed', status: 404, url, client: 'rest' };
    if (!isSuccess(answer.status) && answer.status !== 410) return failedOf(answer);
    return { kind: 'ok', body: null, url, client: 'rest', ...dateOf(answer) };
  }
  if (write.op === 'create') return await createRest(write, { route, body: write.body }, context);
  if (route.style === 'openmrs' && route.resource === 'patient') return await updatePatient(write, { url, body: write.body }, context);
  const body = { ...bodyFor(write.body, route, false), ...restoreFlag(write, context.categories) };
  const answer = await post(url, body, context);
  if (answer.status === 404 || answer.status === 410) return { kind: 'precondition-failed', status: answer.status, url, client: 'rest' };
  return isSuccess(answer.status) ? await acknowledged(write, { route, answer }, context) : failedOf(answer);
}

async function createRest(write: ObjectWrite, what: { route: RestRoute; body: JsonObject }, context: WriteContext): Promise<WriteOutcome> {
  const collection = `${context.base}${restCollectionPath(what.route.resource, write.owner) ?? ''}`;
  let answer: JsonAnswer;
  try {
    answer = await post(collection, { ...bodyFor(what.body, what.route, true), uuid: write.uuid }, context);
  } catch (error) {
    // OpenMRS answers 500 for a uuid it already has (and a POST is never retried).
    if (!isFatal(error) && isSyncError(error, 'HTTP_ERROR') && error.details['status'] === 500) {
      return { kind: 'exists', status: 500, url: collection, client: 'rest' };
    }
    throw error;
  }
  if (answer.status === 409) return { kind: 'exists', status: 409, url: collection, client: 'rest' };
  return isSuccess(answer.status) ? await acknowledged(write, { route: what.route, answer }, context) : failedOf(answer);
}

async function updatePatient(write: ObjectWrite, what: { url: string; body: JsonObject }, context: WriteContext): Promise<WriteOutcome> {
  const current = write.current !== undefined ? write.current : await bodyNow(write, context);
  if (current === null) return { kind: 'precondition-failed', status: 410, url: what.url, client: 'rest' };
  let last: JsonAnswer | undefined;
  for (const request of patientRequests(what.body, current, { base: context.base, uuid: write.uuid })) {
    last = await send(request, context);
    if (last.status === 404 || last.status === 410) return { kind: 'precondition-failed', status: last.status, url: request.url, client: 'rest' };
    if (!isSuccess(last.status)) return failedOf(last);
  }
  const route: RestRoute = { client: 'rest', resource: 'patient', style: 'openmrs' };
  return await acknowledged(write, { route, ...(last ? { answer: last } : {}) }, context);
}

/** The acknowledgement: the answer's body for a verbatim parent, else the object re-read in full. */
async function acknowledged(write: ObjectWrite, what: { route: RestRoute; answer?: JsonAnswer }, context: WriteContext): Promise<WriteOutcome> {
  const answered = what.answer?.body;
  const stamp = what.answer ? dateOf(what.answer) : {};
  if (what.route.style === 'verbatim' && typeof answered === 'object' && answered !== null && !Array.isArray(answered)) {
    return { kind: 'ok', body: answered, url: what.answer?.url ?? '', client: 'rest', ...stamp };
  }
  const now = await readCurrent(write, 'rest', context);
  if ('missing' in now) throw new SyncError('RESPONSE_MALFORMED', { message: 'The parent acknowledged a write but does not serve the object', details: { url: now.url } });
  return { kind: 'ok', body: 'body' in now ? now.body : null, url: now.url, client: 'rest', ...stamp, ...(now.version !== undefined ? { version: now.version } : {}) };
}

async function bodyNow(write: ObjectWrite, context: WriteContext): Promise<JsonObject | null> {
  const now = await readCurrent(write, 'rest', context);
  return 'body' in now ? now.body : null;
}

function bodyFor(body: JsonObject, route: RestRoute, create: boolean): JsonObject {
  return route.style === 'verbatim' ? { ...body } : shapeRestBody(body, { keepUuid: create });
}

/** `voided: false` (or `retired: false`) when the parent holds the object removed and the write brings it back. */
function restoreFlag(write: ObjectWrite, categories: readonly CategoryInfo[]): JsonObject {
  if (write.current !== null) return {};
  const removal = findCategory(write.category, categories)?.removal;
  return removal === 'RETIRED' ? { retired: false } : { voided: false };
}

function post(url: string, body: JsonObject, context: WriteContext): Promise<JsonAnswer> {
  return context.transport(url, { method: 'POST', body: JSON.stringify(body), contentType: jsonType, ...signalOfWrite(context) });
}

function send(request: RestRequest, context: WriteContext): Promise<JsonAnswer> {
  if (request.method === 'DELETE') return context.transport(request.url, { method: 'DELETE', ...signalOfWrite(context) });
  return post(request.url, request.body ?? {}, context);
}

function failedOf(answer: JsonAnswer): WriteOutcome {
  return { kind: 'failed', error: failureOf(httpError(answer)), url: answer.url, client: 'rest' };
}

function dateOf(answer: JsonAnswer): { date?: number } {
  const date = answerDate(answer);
  return date !== undefined ? { date } : {};
}
