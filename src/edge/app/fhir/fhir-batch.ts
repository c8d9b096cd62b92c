/** FHIR batch Bundles: each entry's request processed on its own, answered in a batch-response Bundle. */

import type { Json, JsonObject } from '../../../core/store/store-port.ts';
import { type AppFailure, appFailure, isAppFailure } from '../app-errors.ts';
import { fhirTypePattern } from '../category-lookup.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { operationOutcome } from '../error-response.ts';
import type { Principal } from '../user-directory.ts';
import { readFhir } from './fhir-read.ts';
import { type FhirResult, isRecord } from './fhir-result.ts';
import { searchFhir } from './fhir-search.ts';
import { createFhir, deleteFhir, updateFhir } from './fhir-write.ts';

const statusTexts: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 404: 'Not Found',
  409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface FhirBatchRequest {
  bundle: JsonObject;
  principal: Principal;
  /** Absolute FHIR base; absolute entry URLs must start with it. */
  base: string;
}

/**
 * Processes a `batch` Bundle entry by entry (GET read/search, POST create, PUT update, DELETE),
 * in order, each independently: one failing entry is reported in its response and the others
 * still run. A `transaction` is `TRANSACTION_UNSUPPORTED` (OpenMRS has none either).
 *
 * @example Two updates in one round trip
 * ```ts
 * await batchFhir(ctx, { bundle: { resourceType: 'Bundle', type: 'batch', entry }, principal, base });
 * ```
 */
export async function batchFhir(ctx: AppContext, request: FhirBatchRequest): Promise<FhirResult | AppFailure> {
  const { bundle } = request;
  if (bundle['resourceType'] !== 'Bundle') return appFailure('BUNDLE_INVALID', { message: 'POST to the FHIR base takes a Bundle' });
  if (bundle['type'] === 'transaction') return appFailure('TRANSACTION_UNSUPPORTED');
  if (bundle['type'] !== 'batch') return appFailure('BUNDLE_INVALID', { message: 'Only Bundles of type batch are processed' });
  const entries = bundle['entry'] ?? [];
  if (!Array.isArray(entries)) return appFailure('BUNDLE_INVALID', { message: 'Bundle.entry must be a list' });
  const out: JsonObject[] = [];
  for (const entry of entries) out.push(responseEntry(await runEntry(ctx, entry, request)));
  return { status: 200, resource: { resourceType: 'Bundle', id: ctx.newId(), type: 'batch-response', entry: out } };
}

async function runEntry(ctx: AppContext, entry: Json, batch: FhirBatchRequest): Promise<FhirResult | AppFailure> {
  const request = isRecord(entry) && isRecord(entry['request']) ? entry['request'] : undefined;
  const method = typeof request?.['method'] === 'string' ? request['method'].toUpperCase() : '';
  const target = typeof request?.['url'] === 'string' ? parseEntryUrl(request['url'], batch.base) : undefined;
  if (!request || !target) return appFailure('BUNDLE_INVALID', { message: 'Each entry needs request.method and a request.url on this server' });
  const header = (name: string): string | undefined => (typeof request[name] === 'string' ? request[name] : undefined);
  const resource = isRecord(entry) && isRecord(entry['resource']) ? entry['resource'] : undefined;
  const { type, id, versionId, query } = target;
  const common = { type, principal: batch.principal, base: batch.base };
  const ifMatch = header('ifMatch');
  const ifNoneMatch = header('ifNoneMatch');
  if (method === 'GET' && id !== undefined) return readFhir(ctx, { type, id, ...(ifNoneMatch ? { ifNoneMatch } : {}), ...(versionId ? { versionId } : {}) });
  if (method === 'GET') return searchFhir(ctx, { type, query, base: batch.base });
  if (method === 'POST' && id === undefined && resource) return createFhir(ctx, { ...common, body: resource });
  if (method === 'PUT' && id !== undefined && !versionId && resource) return updateFhir(ctx, { ...common, id, body: resource, ...(ifMatch ? { ifMatch } : {}) });
  if (method === 'DELETE' && id !== undefined && !versionId) return deleteFhir(ctx, { ...common, id, ...(ifMatch ? { ifMatch } : {}) });
  return appFailure('BUNDLE_INVALID', { message: `${method} ${request['url']} is not an interaction a batch entry can hold` });
}

interface EntryTarget { type: string; id?: string; versionId?: string; query: [string, string][] }

/** `Type`, `Type/id`, `Type/id/_history/v`, with a query; relative or absolute on `base`. */
function parseEntryUrl(url: string, base: string): EntryTarget | undefined {
  let relative = url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    if (!url.startsWith(`${base}/`)) return undefined;
    relative = url.slice(base.length + 1);
  }
  const [path = '', search = ''] = relative.replace(/^\//, '').split('?', 2);
  const parts = path.split('/');
  const [type = '', id, history, versionId] = parts;
  if (!fhirTypePattern.test(type) || parts.length === 3 || parts.length > 4 || (parts.length === 4 && history !== '_history')) return undefined;
  const target: EntryTarget = { type, query: [...new URLSearchParams(search)] };
  if (id !== undefined) target.id = id;
  if (versionId !== undefined) target.versionId = versionId;
  return target;
}

function responseEntry(result: FhirResult | AppFailure): JsonObject {
  const status = `${result.status} ${statusTexts[result.status] ?? ''}`.trim();
  if (isAppFailure(result)) return { response: { status, outcome: operationOutcome(result) as JsonObject } };
  const response: JsonObject = { status };
  if (result.location) response['location'] = result.location;
  if (result.etag) response['etag'] = result.etag;
  if (result.lastModified) response['lastModified'] = new Date(result.lastModified).toISOString();
  return result.resource ? { resource: result.resource, response } : { response };
}
