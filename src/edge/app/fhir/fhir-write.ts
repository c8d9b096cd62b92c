/** FHIR create, update (creating with the client's id) and delete (a tombstone), each one atomic batch. */

import type { JsonObject, StoredObject } from '../../../core/store/store-port.ts';
import { type AppFailure, appFailure, isAppFailure } from '../app-errors.ts';
import { categoryOfBody, removalOf, restoreActionOf } from '../category-lookup.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { ifMatchVersion, versionEtag } from '../http-helpers.ts';
import type { Principal } from '../user-directory.ts';
import { writeObject } from '../write-object.ts';
import { fhirIdPattern, findFhirObject } from './fhir-read.ts';
import { type FhirResult, resourceResult, storedBody } from './fhir-result.ts';

export interface FhirWriteRequest {
  type: string;
  principal: Principal;
  /** Absolute FHIR base (`…/openmrs/ws/fhir2/R4`) for `Location`. */
  base: string;
  ifMatch?: string;
}

/** Creates a resource under a new id (a body id is ignored, as on OpenMRS): 201 with Location and ETag. */
export async function createFhir(ctx: AppContext, request: FhirWriteRequest & { body: JsonObject }): Promise<FhirResult | AppFailure> {
  const { type, body } = request;
  const bad = checkType(body, type);
  if (bad) return bad;
  const id = ctx.newId();
  const category = categoryOfBody(body, type, ctx.categories);
  const done = await writeObject(ctx, {
    category, uuid: id, principal: request.principal,
    decide: (current) => current
      ? appFailure('OBJECT_EXISTS', { details: { type, id } })
      : { category, uuid: id, representation: 'fhir', body: storedBody(body, id) },
  });
  if (isAppFailure(done)) return done;
  return resourceResult(done.object, 201, { location: locationOf(request.base, type, done.object) });
}

/** Updates `type/id`, or creates it with that id when absent (201); honours `If-Match` (412 when stale). */
export async function updateFhir(ctx: AppContext, request: FhirWriteRequest & { id: string; body: JsonObject }): Promise<FhirResult | AppFailure> {
  const { type, id, body } = request;
  if (!fhirIdPattern.test(id)) return appFailure('ID_INVALID', { message: `${id} is not a valid FHIR id`, details: { id } });
  const bad = checkType(body, type);
  if (bad) return bad;
  if (body['id'] !== undefined && body['id'] !== id) {
    return appFailure('ID_MISMATCH', { message: `The body id ${JSON.stringify(body['id'])} differs from ${id} in the URL`, details: { id } });
  }
  const expectedVersion = ifMatchVersion(request.ifMatch);
  if (expectedVersion === null) return appFailure('PRECONDITION_INVALID', { details: { ifMatch: request.ifMatch } });
  const found = await findFhirObject(ctx, type, id);
  if (!found.object && found.foreign) return representationMismatch(found.foreign);
  const category = found.object?.category ?? categoryOfBody(body, type, ctx.categories);
  const done = await writeObject(ctx, {
    category, uuid: id, principal: request.principal, ...(expectedVersion === undefined ? {} : { expectedVersion }),
    decide: (current) => {
      if (current && current.representation !== 'fhir') return representationMismatch(current);
      const restore = current?.removed ? { action: restoreActionOf(removalOf(category, ctx.categories, 'fhir')) } : {};
      return { category, uuid: id, representation: 'fhir', body: storedBody(body, id), removed: false, ...restore };
    },
  });
  if (isAppFailure(done)) return done;
  if (done.outcome === 'created') return resourceResult(done.object, 201, { location: locationOf(request.base, type, done.object) });
  return resourceResult(done.object, 200);
}

/**
 * Deletes `type/id`: the object stays as a tombstone (read → 410) and a removal row is logged
 * (the category's VOIDED/RETIRED, DELETED for types outside the table). 204 with the new ETag;
 * deleting a tombstone again changes nothing; an unknown id is 404.
 */
export async function deleteFhir(ctx: AppContext, request: FhirWriteRequest & { id: string }): Promise<FhirResult | AppFailure> {
  const { type, id } = request;
  const missing = appFailure('RESOURCE_NOT_FOUND', { message: `${type}/${id} is not known`, details: { type, id } });
  if (!fhirIdPattern.test(id)) return missing;
  const expectedVersion = ifMatchVersion(request.ifMatch);
  if (expectedVersion === null) return appFailure('PRECONDITION_INVALID', { details: { ifMatch: request.ifMatch } });
  const { object } = await findFhirObject(ctx, type, id);
  if (!object) return missing;
  const { category } = object;
  const done = await writeObject(ctx, {
    category, uuid: id, principal: request.principal, ...(expectedVersion === undefined ? {} : { expectedVersion }),
    decide: (current) => {
      if (!current || current.representation !== 'fhir') return missing;
      const action = removalOf(category, ctx.categories, 'fhir');
      return { category, uuid: id, representation: 'fhir', body: current.body, removed: true, action };
    },
  });
  if (isAppFailure(done)) return done;
  return { status: 204, etag: versionEtag(done.object.version) };
}

function checkType(body: JsonObject, type: string): AppFailure | undefined {
  if (body['resourceType'] === type) return undefined;
  return appFailure('RESOURCE_TYPE_MISMATCH', {
    message: `The body resourceType ${JSON.stringify(body['resourceType'] ?? null)} differs from ${type} in the URL`,
    details: { expected: type },
  });
}

function representationMismatch(object: StoredObject): AppFailure {
  return appFailure('REPRESENTATION_MISMATCH', {
    message: `${object.category} ${object.uuid} is stored as ${object.representation.toUpperCase()}; write it through that API`,
    details: { category: object.category, uuid: object.uuid, representation: object.representation },
  });
}

function locationOf(base: string, type: string, object: StoredObject): string {
  return `${base}/${type}/${object.uuid}/_history/${object.version}`;
}
