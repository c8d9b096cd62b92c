/** The requests that update an OpenMRS patient through REST: person fields, then names, addresses, attributes and identifiers as their own sub-resources. */

import { canonicalize } from '../hash/canonical-hash.ts';
import type { Json, JsonObject } from '../store/store-port.ts';
import { shapeRestBody } from './shape-rest-body.ts';

/** One REST request of a patient update. */
export interface RestRequest {
  method: 'POST' | 'DELETE';
  url: string;
  body?: JsonObject;
}

/** The person's lists and their sub-resource names (`person/{p}/name` …). */
const personLists: readonly (readonly [string, string])[] = [['names', 'name'], ['addresses', 'address'], ['attributes', 'attribute']];

/**
 * What to send so OpenMRS holds `local`, given that it holds `parent` now (OpenMRS ignores names,
 * addresses and identifiers in a patient update): the person's own fields by `POST person/{uuid}`
 * when they differ; per name, address, attribute and identifier (by uuid): a create with its uuid
 * when new, an update when it differs, a DELETE (void) when voided or gone locally; the patient's
 * own remaining fields by `POST patient/{uuid}` when they differ. Nothing when both agree. Pure.
 *
 * @example
 * ```ts
 * patientRequests(local, parent, { base: 'http://h/openmrs', uuid });
 * // [{ method: 'POST', url: 'http://h/openmrs/ws/rest/v1/person/{uuid}/name/{nameUuid}', body: { givenName: 'Amina', … } }]
 * ```
 */
export function patientRequests(local: JsonObject, parent: JsonObject, target: { base: string; uuid: string }): RestRequest[] {
  const rest = `${target.base}/ws/rest/v1`;
  const personUrl = `${rest}/person/${encodeURIComponent(target.uuid)}`;
  const localPerson = record(local['person']);
  const parentPerson = record(parent['person']);
  const requests: RestRequest[] = [];
  const omitLists = personLists.map(([key]) => key);
  const personFields = shapeRestBody(localPerson, { omit: omitLists });
  if (differ(personFields, shapeRestBody(parentPerson, { omit: omitLists }))) requests.push({ method: 'POST', url: personUrl, body: personFields });
  for (const [key, sub] of personLists) {
    requests.push(...itemRequests(list(localPerson[key]), list(parentPerson[key]), `${personUrl}/${sub}`));
  }
  requests.push(...itemRequests(list(local['identifiers']), list(parent['identifiers']), `${rest}/patient/${encodeURIComponent(target.uuid)}/identifier`));
  const own = shapeRestBody(local, { omit: ['person', 'identifiers'] });
  if (Object.keys(own).length > 0 && differ(own, shapeRestBody(parent, { omit: ['person', 'identifiers'] }))) {
    requests.push({ method: 'POST', url: `${rest}/patient/${encodeURIComponent(target.uuid)}`, body: own });
  }
  return requests;
}

/** Requests that make the parent's items of one sub-resource match the local ones. */
function itemRequests(local: JsonObject[], parent: JsonObject[], collection: string): RestRequest[] {
  const parentById = new Map(parent.flatMap((item) => (typeof item['uuid'] === 'string' ? [[item['uuid'], item] as const] : [])));
  const requests: RestRequest[] = [];
  const seen = new Set<string>();
  for (const item of local) {
    const uuid = typeof item['uuid'] === 'string' ? item['uuid'] : undefined;
    const there = uuid === undefined ? undefined : parentById.get(uuid);
    if (uuid !== undefined) seen.add(uuid);
    const url = uuid === undefined ? collection : `${collection}/${encodeURIComponent(uuid)}`;
    if (!there) {
      if (item['voided'] !== true) requests.push({ method: 'POST', url: collection, body: shapeRestBody(item, { keepUuid: true }) });
    } else if (item['voided'] === true) {
      if (there['voided'] !== true) requests.push({ method: 'DELETE', url });
    } else if (there['voided'] === true || differ(shapeRestBody(item), shapeRestBody(there))) {
      requests.push({ method: 'POST', url, body: { ...shapeRestBody(item), ...(there['voided'] === true ? { voided: false } : {}) } });
    }
  }
  for (const [uuid, item] of parentById) {
    if (!seen.has(uuid) && item['voided'] !== true) requests.push({ method: 'DELETE', url: `${collection}/${encodeURIComponent(uuid)}` });
  }
  return requests;
}

function differ(a: JsonObject, b: JsonObject): boolean {
  return canonicalize(a) !== canonicalize(b);
}

function record(value: Json | undefined): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function list(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}
