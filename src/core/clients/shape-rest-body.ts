/** Shaping a held REST body into what OpenMRS accepts in a write: no read-only fields, references as uuids. */

import type { Json, JsonObject } from '../store/store-port.ts';

/** Fields OpenMRS serves but never takes in a write (audit, links, derived values, void and retire state). */
export const readOnlyRestFields: readonly string[] = [
  'links', 'auditInfo', 'display', 'resourceVersion', 'age', 'preferredName', 'preferredAddress',
  'voided', 'voidReason', 'voidedBy', 'dateVoided', 'retired', 'retireReason', 'retiredBy', 'dateRetired',
  'creator', 'dateCreated', 'changedBy', 'dateChanged',
];

/** Properties that always name another object: sent as its uuid whatever representation was read. */
export const referenceRestFields: readonly string[] = [
  'identifierType', 'location', 'concept', 'encounterType', 'visitType', 'patient', 'encounter', 'visit', 'obsGroup',
  'attributeType', 'form', 'encounterRole', 'provider', 'orderer', 'careSetting', 'value', 'parentLocation',
];

const readOnly = new Set(readOnlyRestFields);
const references = new Set(referenceRestFields);

export interface ShapeRestBodyOptions {
  /** Keep the top-level `uuid` (a create names its uuid; an update has it in the URL). @default false */
  keepUuid?: boolean;
  /** Top-level keys to leave out as well (e.g. a patient's sub-resources sent on their own). */
  omit?: readonly string[];
}

/**
 * The body to POST: read-only fields dropped at every depth; a nested object that only refers to
 * another object (a REST `ref`: nothing but `uuid`, `display`, `links`), or sits under a reference
 * property (`location`, `concept`, `identifierType`…), sent as its uuid; owned nested objects (a
 * patient's `person`, its `names`) kept, shaped the same way with their uuids. Pure.
 *
 * @example
 * ```ts
 * shapeRestBody({ uuid: 'p', display: 'x', location: { uuid: 'l', display: 'Kibera' }, voided: false }, { keepUuid: true });
 * // { uuid: 'p', location: 'l' }
 * ```
 */
export function shapeRestBody(body: JsonObject, options: ShapeRestBodyOptions = {}): JsonObject {
  const omit = new Set(options.omit ?? []);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (omit.has(key) || (key === 'uuid' && !options.keepUuid)) continue;
    if (readOnly.has(key)) continue;
    out[key] = shapeValue(value, references.has(key));
  }
  return out;
}

function shapeValue(value: Json, reference: boolean): Json {
  if (Array.isArray(value)) return value.map((item) => shapeValue(item, reference));
  if (typeof value !== 'object' || value === null) return value;
  const uuid = value['uuid'];
  if (typeof uuid === 'string' && (reference || isRef(value))) return uuid;
  return shapeRestBody(value, { keepUuid: true });
}

/** A REST `ref` representation: a uuid and nothing but read-only fields. */
function isRef(value: JsonObject): boolean {
  return Object.keys(value).every((key) => key === 'uuid' || readOnly.has(key));
}
