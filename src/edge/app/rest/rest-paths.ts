/** Maps OpenMRS REST paths (`patient/{uuid}`, `person/{p}/name/{uuid}`) onto categories of the table, and back. */

import type { CategoryInfo } from '../../../core/categories/category-table.ts';
import type { Json, JsonObject } from '../../../core/store/store-port.ts';

/** A REST path segment that may be a resource name (OpenMRS resource names are lowercase words). */
const resourceName = /^[a-z][a-z0-9_]{0,63}$/;
/** An OpenMRS uuid-like identifier (OpenMRS accepts up to 38 characters). */
export const restUuidPattern = /^[A-Za-z0-9-]{1,38}$/;

/** A REST path taken apart. */
export interface RestTarget {
  category: string;
  /** The collection path, e.g. `patient` or `person/{p}/name` with the person's uuid filled in. */
  collection: string;
  /** The owning person's or patient's uuid, for sub-resources. */
  parentUuid?: string;
  /** The object's uuid, absent for the collection itself. */
  uuid?: string;
}

/**
 * The target of a path below `/ws/rest/v1/`: a table category whose `restResource` matches
 * (sub-resources like `person/{parent}/name` included), else a top-level resource named like a
 * category (its own category). Undefined for anything else.
 *
 * @example A person name
 * ```ts
 * matchRestPath(['person', p, 'name', u], defaultCategories); // { category: 'person_name', parentUuid: p, uuid: u, … }
 * ```
 */
export function matchRestPath(segments: readonly string[], table: readonly CategoryInfo[]): RestTarget | undefined {
  for (const info of table) {
    const pattern = info.restResource.split('/');
    if (segments.length !== pattern.length && segments.length !== pattern.length + 1) continue;
    const target = matchPattern(pattern, segments, info.name);
    if (target) return target;
  }
  const [name, uuid, ...rest] = segments;
  if (name === undefined || !resourceName.test(name) || rest.length > 0) return undefined;
  if (uuid !== undefined && !restUuidPattern.test(uuid)) return undefined;
  if (table.some((c) => c.name === name)) return undefined; // a category reachable only under its own REST path
  return { category: name, collection: name, ...(uuid === undefined ? {} : { uuid }) };
}

function matchPattern(pattern: readonly string[], segments: readonly string[], category: string): RestTarget | undefined {
  let parentUuid: string | undefined;
  for (let i = 0; i < pattern.length; i += 1) {
    const part = pattern[i] as string;
    const segment = segments[i] as string;
    if (part === '{parent}') {
      if (!restUuidPattern.test(segment)) return undefined;
      parentUuid = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  const uuid = segments[pattern.length];
  if (uuid !== undefined && !restUuidPattern.test(uuid)) return undefined;
  const collection = segments.slice(0, pattern.length).join('/');
  return { category, collection, ...(parentUuid === undefined ? {} : { parentUuid }), ...(uuid === undefined ? {} : { uuid }) };
}

/** The path (relative to the base) of an object's REST resource; undefined when a needed parent uuid is unknown. */
export function restPathOf(restResource: string, uuid: string, parentUuid: string | undefined): string | undefined {
  if (restResource.includes('{parent}')) {
    if (parentUuid === undefined) return undefined;
    return `/ws/rest/v1/${restResource.replace('{parent}', parentUuid)}/${uuid}`;
  }
  return `/ws/rest/v1/${restResource}/${uuid}`;
}

/**
 * The owning person's uuid of a stored sub-resource body, read from its `self` link (OpenMRS
 * REST bodies carry `links: [{ rel: 'self', uri: …/person/{p}/name/{uuid} }]`; the edge app sets
 * one on every REST write, and canonical hashes ignore `links`).
 */
export function parentUuidOf(body: JsonObject | null, restResource: string): string | undefined {
  if (!body || !restResource.includes('{parent}')) return undefined;
  const [before, after] = restResource.split('{parent}') as [string, string];
  const links = Array.isArray(body['links']) ? body['links'] : [];
  for (const link of links as Json[]) {
    if (typeof link !== 'object' || link === null || Array.isArray(link) || link['rel'] !== 'self') continue;
    const uri = typeof link['uri'] === 'string' ? link['uri'] : '';
    const at = uri.indexOf(`/ws/rest/v1/${before}`);
    if (at < 0) continue;
    const rest = uri.slice(at + `/ws/rest/v1/${before}`.length);
    const candidate = rest.split('/')[0] ?? '';
    if (restUuidPattern.test(candidate) && rest.slice(candidate.length).startsWith(after)) return candidate;
  }
  return undefined;
}
