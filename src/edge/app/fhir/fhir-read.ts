/** FHIR read (and read of the current version): finds a resource across the categories its type may live in. */

import type { StoredObject } from '../../../core/store/store-port.ts';
import { type AppFailure, appFailure } from '../app-errors.ts';
import { fhirCategoriesOf } from '../category-lookup.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { noneMatchHits, versionEtag } from '../http-helpers.ts';
import { type FhirResult, resourceResult } from './fhir-result.ts';

/** A FHIR logical id (R4: up to 64 of `A-Z a-z 0-9 - .`). */
export const fhirIdPattern = /^[A-Za-z0-9\-.]{1,64}$/;

/** What lives under `{type}/{id}`: the FHIR object, or an object of the same uuid stored as REST. */
export interface FoundFhirObject {
  object?: StoredObject;
  /** Same category and uuid, but stored as REST: FHIR cannot serve or overwrite it. */
  foreign?: StoredObject;
}

/** Looks `type/id` up in every category of the type (visit and encounter for Encounter). */
export async function findFhirObject(ctx: AppContext, type: string, id: string): Promise<FoundFhirObject> {
  const found: FoundFhirObject = {};
  for (const category of fhirCategoriesOf(type, ctx.categories)) {
    const object = await ctx.store.getObject(category, id);
    if (!object) continue;
    const bodyType = object.body?.['resourceType'];
    if (object.representation === 'fhir' && (bodyType === undefined || bodyType === type)) return { object };
    found.foreign ??= object;
  }
  return found;
}

export interface FhirReadRequest {
  type: string;
  id: string;
  ifNoneMatch?: string;
  /** For `_history/{vid}`: only the current version is kept, others are 404. */
  versionId?: string;
}

/**
 * Reads a resource: 404 `RESOURCE_NOT_FOUND` when unknown (or stored only as REST), 410
 * `RESOURCE_GONE` for a tombstone, 304 when `If-None-Match` names the current version.
 *
 * @example Read a patient
 * ```ts
 * const result = await readFhir(ctx, { type: 'Patient', id });
 * ```
 */
export async function readFhir(ctx: AppContext, request: FhirReadRequest): Promise<FhirResult | AppFailure> {
  const { type, id } = request;
  const missing = appFailure('RESOURCE_NOT_FOUND', { message: `${type}/${id} is not known`, details: { type, id } });
  if (!fhirIdPattern.test(id)) return missing;
  const { object } = await findFhirObject(ctx, type, id);
  if (!object) return missing;
  if (object.removed) return appFailure('RESOURCE_GONE', { message: `${type}/${id} was deleted`, details: { type, id } });
  if (request.versionId !== undefined && request.versionId !== object.version) {
    return appFailure('RESOURCE_NOT_FOUND', {
      message: `${type}/${id} has no version ${request.versionId} here: only the current one (${object.version}) is kept`,
      details: { type, id, versionId: request.versionId },
    });
  }
  if (noneMatchHits(request.ifNoneMatch, versionEtag(object.version))) return { status: 304, etag: versionEtag(object.version) };
  return resourceResult(object, 200);
}
