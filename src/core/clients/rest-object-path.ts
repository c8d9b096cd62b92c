/** OpenMRS REST paths of objects: `{resource}/{uuid}`, sub-resources under their owner (`person/{p}/name/{uuid}`). */

import type { Json, JsonObject } from '../store/store-port.ts';

const uuidLike = /^[A-Za-z0-9-]{1,38}$/;

/**
 * The collection path (relative to the base) of `resource` for `owner`, e.g. `/ws/rest/v1/person/{p}/name`;
 * undefined when the resource needs an owner and none is given.
 *
 * @example
 * ```ts
 * restCollectionPath('person/{parent}/name', 'p1'); // '/ws/rest/v1/person/p1/name'
 * ```
 */
export function restCollectionPath(resource: string, owner?: string): string | undefined {
  if (resource.includes('{parent}')) {
    if (owner === undefined || !uuidLike.test(owner)) return undefined;
    return `/ws/rest/v1/${resource.replace('{parent}', encodeURIComponent(owner))}`;
  }
  return `/ws/rest/v1/${resource}`;
}

/**
 * The owner's uuid of a sub-resource body, from its `self` link (OpenMRS REST bodies carry
 * `links: [{ rel: 'self', uri: '…/person/{p}/name/{uuid}' }]`); undefined for top-level resources
 * or when the body carries none.
 *
 * @example
 * ```ts
 * restOwnerOf({ links: [{ rel: 'self', uri: 'http://h/openmrs/ws/rest/v1/person/p1/name/n1' }] }, 'person/{parent}/name'); // 'p1'
 * ```
 */
export function restOwnerOf(body: JsonObject | null | undefined, resource: string): string | undefined {
  if (!body || !resource.includes('{parent}')) return undefined;
  const [before, after] = resource.split('{parent}') as [string, string];
  const links = Array.isArray(body['links']) ? body['links'] : [];
  for (const link of links as Json[]) {
    if (typeof link !== 'object' || link === null || Array.isArray(link) || link['rel'] !== 'self' || typeof link['uri'] !== 'string') continue;
    const marker = `/ws/rest/v1/${before}`;
    const at = link['uri'].indexOf(marker);
    if (at < 0) continue;
    const rest = link['uri'].slice(at + marker.length);
    const candidate = rest.split('/')[0] ?? '';
    if (uuidLike.test(candidate) && rest.slice(candidate.length).startsWith(after)) return candidate;
  }
  return undefined;
}
