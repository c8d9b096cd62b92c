/** The outcome of one FHIR interaction, shared by the HTTP routes and batch Bundle entries. */

import type { Json, JsonObject, StoredObject } from '../../../core/store/store-port.ts';
import { type AppFailure, isAppFailure } from '../app-errors.ts';
import { errorResponse } from '../error-response.ts';
import { versionEtag } from '../http-helpers.ts';

export const fhirContentType = 'application/fhir+json;charset=utf-8';

/** What an interaction answers: status, optional resource and the headers FHIR puts on it. */
export interface FhirResult {
  status: number;
  resource?: JsonObject;
  etag?: string;
  lastModified?: string;
  location?: string;
}

/** The body served for a stored resource: `id`, and `meta.versionId` / `meta.lastUpdated` of this node. */
export function servedResource(object: StoredObject): JsonObject {
  const body = object.body ?? {};
  const meta = isRecord(body['meta']) ? body['meta'] : {};
  return { ...body, id: object.uuid, meta: { ...meta, versionId: object.version, lastUpdated: new Date(object.updatedAt).toISOString() } };
}

/** The body to store: the client's, with our id and without the volatile `meta.versionId` / `meta.lastUpdated`. */
export function storedBody(body: JsonObject, id: string): JsonObject {
  const stored: JsonObject = { ...body, id };
  if (isRecord(body['meta'])) {
    const { versionId: _v, lastUpdated: _l, ...meta } = body['meta'];
    if (Object.keys(meta).length > 0) stored['meta'] = meta;
    else delete stored['meta'];
  }
  return stored;
}

/** A result carrying a stored resource with its ETag and Last-Modified. */
export function resourceResult(object: StoredObject, status: number, extra: Partial<FhirResult> = {}): FhirResult {
  return {
    status, resource: servedResource(object), etag: versionEtag(object.version),
    lastModified: new Date(object.updatedAt).toUTCString(), ...extra,
  };
}

/** The HTTP response of a result or failure. */
export function fhirResponse(result: FhirResult | AppFailure): Response {
  if (isAppFailure(result)) return errorResponse(result, 'fhir');
  const headers = new Headers({ 'cache-control': 'no-cache' });
  if (result.etag) headers.set('etag', result.etag);
  if (result.lastModified) headers.set('last-modified', result.lastModified);
  if (result.location) headers.set('location', result.location);
  if (result.resource === undefined) return new Response(null, { status: result.status, headers });
  headers.set('content-type', fhirContentType);
  return new Response(JSON.stringify(result.resource), { status: result.status, headers });
}

/** True for a JSON object (not null, not an array). */
export function isRecord(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
