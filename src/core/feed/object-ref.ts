/** The object an Atom entry is about (category and uuid), read from its content links. */

import type { FeedEntry } from '../atom/feed-page.ts';

/** An object's identity: category and uuid (DESIGN §2.4). */
export interface ObjectRef {
  category: string;
  uuid: string;
}

/** Clients whose links end with the object's uuid, in order of preference. */
const preferredClients = ['fhir', 'rest'] as const;

/**
 * The object of an entry: its category, and the last path segment (query and fragment stripped,
 * percent-decoded) of its `fhir` link, else its `rest` link. Undefined when neither gives one.
 *
 * @example
 * ```ts
 * objectRefOfEntry({ category: 'patient', links: { rest: '/ws/rest/v1/patient/abc?v=full' } });
 * // { category: 'patient', uuid: 'abc' }
 * ```
 */
export function objectRefOfEntry(entry: Pick<FeedEntry, 'category' | 'links'>): ObjectRef | undefined {
  for (const client of preferredClients) {
    const link = Object.hasOwn(entry.links, client) ? entry.links[client] : undefined;
    const uuid = link === undefined ? undefined : lastSegmentOf(link);
    if (uuid) return { category: entry.category, uuid };
  }
  return undefined;
}

/** The last non-empty path segment of a relative or absolute link. */
export function lastSegmentOf(link: string): string | undefined {
  const path = /^[a-z][a-z0-9+.-]*:/i.test(link) ? pathOfAbsolute(link) : beforeQuery(link);
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  const segment = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  if (segment === '') return undefined;
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function beforeQuery(link: string): string {
  const cut = link.search(/[?#]/);
  return cut < 0 ? link : link.slice(0, cut);
}

function pathOfAbsolute(link: string): string {
  try {
    return new URL(link).pathname;
  } catch {
    return '';
  }
}
