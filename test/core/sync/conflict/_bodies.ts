/** Real OpenMRS-shaped bodies (the REST and FHIR patient fixtures) and builders of stored objects for the conflict and push tests. */

import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import type { Json, JsonObject, StoredObject } from '../../../../src/core/store/store-port.ts';
import fhirPatient from '../../../fixtures/fhir2-patient.json' with { type: 'json' };
import restPatient from '../../../fixtures/rest-patient-full.json' with { type: 'json' };

export const patientUuid = 'b79dc6d8-849f-49e2-aff3-0abb3adb378f';

/** A fresh deep copy of the REST `?v=full` patient. */
export function restBody(): JsonObject {
  return structuredClone(restPatient) as JsonObject;
}

/** A fresh deep copy of the fhir2 Patient. */
export function fhirBody(): JsonObject {
  return structuredClone(fhirPatient) as JsonObject;
}

/** A copy of `body` changed by `edit` (which may mutate its argument). */
export function edited(body: JsonObject, edit: (b: Record<string, any>) => void): JsonObject {
  const copy = structuredClone(body) as Record<string, any>;
  edit(copy);
  return copy as JsonObject;
}

/** A stored object whose base is `base` (none when undefined) and whose current state is `current` (null: removed). */
export function storedOf(
  base: JsonObject | null | undefined,
  current: JsonObject | null,
  over: Partial<StoredObject> = {},
): StoredObject {
  const body = current ?? base ?? null;
  const object: StoredObject = {
    category: 'patient', uuid: patientUuid, representation: 'rest', body, hash: canonicalHash(body), version: '4',
    removed: current === null, updatedAt: 1_000, ...over,
  };
  if (base !== undefined) object.base = { body: base, hash: canonicalHash(base), version: 'b1' };
  return { ...object, ...over };
}

/** Value at a dotted path, for assertions. */
export function at(body: Json | undefined, path: string): Json | undefined {
  let value: Json | undefined = body;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  }
  return value;
}
