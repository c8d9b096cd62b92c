/** Builders of fetch outcomes from answers and errors, shared by the FHIR, REST and custom paths. */

import { isSyncError, SyncError } from '../errors/sync-error.ts';
import type { JsonObject, Representation, SerializedFailure } from '../store/store-port.ts';
import type { JsonAnswer } from './fetch-json.ts';
import type { FetchOutcome, ObjectRequest } from './resource-manager.ts';

/** Errors that stop the whole run instead of failing one object. */
export function isFatal(error: unknown): boolean {
  return isSyncError(error, 'PARENT_UNAUTHORIZED') || isSyncError(error, 'ABORTED');
}

/**
 * PARENT_UNREACHABLE when the parent answered nothing for any object (every outcome failed with
 * no HTTP answer: unreachable or timed out), so the run stops instead of filling the failed-events
 * table with objects that are fine; undefined otherwise.
 */
export function unreachableError(outcomes: readonly FetchOutcome[]): SyncError | undefined {
  if (outcomes.length === 0) return undefined;
  const silent = outcomes.every((o) => o.kind === 'failed' && (o.error.code === 'PARENT_UNREACHABLE' || o.error.code === 'HTTP_TIMEOUT'));
  if (!silent) return undefined;
  const first = outcomes[0] as Extract<FetchOutcome, { kind: 'failed' }>;
  return new SyncError('PARENT_UNREACHABLE', { details: { objects: outcomes.length, firstError: first.error } });
}

/** The JSON-safe failure of a thrown value. */
export function failureOf(error: unknown): SerializedFailure {
  if (error instanceof SyncError) {
    const details = JSON.parse(JSON.stringify(error.details ?? {})) as Record<string, unknown>;
    return { code: error.code, message: error.message, details };
  }
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

/** A `failed` outcome; fatal errors are rethrown, since they must stop the run. */
export function failedOutcome(request: ObjectRequest, error: unknown, used: { client?: string; url?: string } = {}): FetchOutcome {
  if (isFatal(error)) throw error;
  return { kind: 'failed', request, error: failureOf(error), ...used };
}

/**
 * The parent's version of a body: FHIR `meta.versionId`, else the ETag's value (`W/"7"` → `7`).
 *
 * @example
 * ```ts
 * versionOf({ meta: { versionId: '12' } }, undefined); // '12'
 * versionOf({}, 'W/"7"'); // '7'
 * ```
 */
export function versionOf(body: JsonObject, etag: string | undefined): string | undefined {
  const meta = body['meta'];
  const versionId = meta && typeof meta === 'object' && !Array.isArray(meta) ? meta['versionId'] : undefined;
  if (typeof versionId === 'string' && versionId !== '') return versionId;
  const match = etag === undefined ? null : /^(?:W\/)?"?([^"]*)"?$/.exec(etag.trim());
  return match && match[1] ? match[1] : undefined;
}

/** A `found` outcome. */
export function foundOutcome(
  request: ObjectRequest,
  found: { body: JsonObject; representation: Representation; client: string; url: string; etag?: string },
): FetchOutcome {
  const version = versionOf(found.body, found.etag);
  const { body, representation, client, url } = found;
  return { kind: 'found', request, representation, body, client, url, ...(version !== undefined ? { version } : {}) };
}

/**
 * The outcome of a single read's answer: a 2xx JSON object is found, 410 and 404 are gone
 * (callers fall back before taking a FHIR 404 as gone), anything else failed with HTTP_ERROR.
 */
export function answerOutcome(
  request: ObjectRequest,
  answer: JsonAnswer,
  used: { client: string; representation: Representation },
): FetchOutcome {
  const { url, status } = answer;
  if (status >= 200 && status < 300) {
    const body = answer.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      return foundOutcome(request, { body, url, ...used, ...(answer.etag ? { etag: answer.etag } : {}) });
    }
    return failedOutcome(request, new SyncError('RESPONSE_MALFORMED', { details: { url, status } }), { client: used.client, url });
  }
  if (status === 404 || status === 410) return { kind: 'gone', request, status, client: used.client, url };
  const error = new SyncError('HTTP_ERROR', { message: `HTTP ${status} from ${url}`, details: { status, url } });
  return failedOutcome(request, error, { client: used.client, url });
}
