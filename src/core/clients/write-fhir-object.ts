/** FHIR writes of one object: PUT `{Type}/{uuid}` (create with the client's id, or update) and DELETE, with If-Match where honoured. */

import { SyncError } from '../errors/sync-error.ts';
import { failureOf, versionOf } from './_outcomes.ts';
import { answerDate, isSuccess, objectBody, signalOfWrite, type WriteContext } from './_write-context.ts';
import type { JsonAnswer } from './fetch-json.ts';
import { readCurrent } from './read-current.ts';
import type { ObjectWrite, WriteOutcome } from './resource-manager.ts';
import { httpError } from './sync-fhir-client.ts';
import { unsupported, type WriteRoute } from './write-route.ts';

type FhirRoute = Extract<WriteRoute, { client: 'fhir' }>;

/**
 * Writes through FHIR. A create is a PUT with the uuid as id, possible only where the parent
 * creates with client ids (`updateCreate`, the edge node); OpenMRS fhir2 cannot (a POST would get
 * a new id), so it fails with PUSH_UNSUPPORTED. Updates are PUTs and removals DELETEs, with
 * `If-Match: W/"{ifMatch}"` where the parent honours it. 412 — and 404/410 on an update or
 * removal — is `precondition-failed`; a 2xx is `ok` with the body the parent returned (re-read
 * when it returned none; null for a removal).
 *
 * @example
 * ```ts
 * await writeFhirObject({ op: 'update', category: 'patient', uuid, representation: 'fhir', body, ifMatch: '3' }, route, context);
 * ```
 */
export async function writeFhirObject(write: ObjectWrite, route: FhirRoute, context: WriteContext): Promise<WriteOutcome> {
  if (write.op === 'create' && !route.createWithId) {
    return { kind: 'failed', error: unsupported(write, `the parent cannot create a ${route.type} with the client's id (no updateCreate)`), client: 'fhir' };
  }
  const path = `${route.type}/${encodeURIComponent(write.uuid)}`;
  const requestHeaders: Record<string, string> = {};
  if (write.op !== 'create' && route.versioned && write.ifMatch !== undefined) requestHeaders['if-match'] = `W/"${write.ifMatch}"`;
  const answer = write.op === 'remove' || write.body === null
    ? await context.fhir.request(path, { method: 'DELETE', requestHeaders, ...signalOfWrite(context) })
    : await context.fhir.request(path, { method: 'PUT', body: JSON.stringify({ ...write.body, id: write.uuid }), requestHeaders, ...signalOfWrite(context) });
  return await fhirWriteOutcome(answer, write, context);
}

async function fhirWriteOutcome(answer: JsonAnswer, write: ObjectWrite, context: WriteContext): Promise<WriteOutcome> {
  const { url, status } = answer;
  const client = 'fhir';
  if (status === 412 || (write.op !== 'create' && (status === 404 || status === 410))) return { kind: 'precondition-failed', status, url, client };
  if (!isSuccess(status)) return { kind: 'failed', error: failureOf(httpError(answer)), url, client };
  const date = answerDate(answer);
  const stamp = date !== undefined ? { date } : {};
  if (write.op === 'remove' || write.body === null) {
    const version = versionOf({}, answer.etag);
    return { kind: 'ok', body: null, url, client, ...stamp, ...(version !== undefined ? { version } : {}) };
  }
  const body = objectBody(answer);
  if (body) {
    const version = versionOf(body, answer.etag);
    return { kind: 'ok', body, url, client, ...stamp, ...(version !== undefined ? { version } : {}) };
  }
  const now = await readCurrent(write, 'fhir', context);
  if (!('body' in now)) return { kind: 'failed', error: failureOf(new SyncError('RESPONSE_MALFORMED', { details: { url, status, reread: now.url } })), url, client };
  return { kind: 'ok', body: now.body, url, client, ...stamp, ...(now.version !== undefined ? { version: now.version } : {}) };
}
