/** Keeps every link a child follows on its configured parent: feed links rewritten onto the base, others refused off-origin. */

import { SyncError } from '../errors/sync-error.ts';

/** A configured base split into origin and context path (no trailing slash; '' at the root). */
interface Base { origin: string; context: string }

const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** What the WHATWG URL parser itself ignores: surrounding C0/space, and tab/LF/CR anywhere. */
function clean(link: string): string {
  return link.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** The link without user info, for error details (a URL can carry credentials). */
function redact(link: string): string {
  try {
    const url = new URL(link);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return link.slice(0, 200);
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

// A node reads one parent's links: the last base read is kept, sparing a URL parse per entry.
let lastBase: { text: string; base: Base } | undefined;

function readBase(base: string): Base {
  if (lastBase?.text === base) return lastBase.base;
  const read = parseBase(base);
  lastBase = { text: base, base: read };
  return read;
}

function parseBase(base: string): Base {
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch { /* reported below */ }
  if (url === undefined || !isHttp(url)) {
    throw new SyncError('CONFIG_INVALID', { message: 'The parent base URL is not an http(s) URL', details: { base: redact(base) } });
  }
  return { origin: url.origin, context: url.pathname.replace(/\/+$/, '') };
}

function parse(link: string, relativeTo?: string): URL {
  try {
    return new URL(link, relativeTo);
  } catch (cause) {
    throw new SyncError('LINK_INVALID', { details: { link: redact(link) }, cause });
  }
}

function foreign(link: string, base: Base): SyncError {
  return new SyncError('LINK_FOREIGN_ORIGIN', { details: { link: redact(link), origin: base.origin } });
}

/** The URL as a string without user info: credentials never travel in a URL. */
function withoutUserInfo(url: URL): string {
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * Maps a feed link that OpenMRS built absolute from proxy headers onto the configured base: the
 * base's origin, and the link's path from its context path on (query kept, fragment dropped).
 * A path under the same context path keeps it; a path without it but with a `/ws/` segment
 * (a proxy that mounts OpenMRS at another path or at its root) is grafted from `/ws/` under the
 * base's context path; any other path is kept as is on the base origin. Relative links resolve
 * against the base. Throws SyncError LINK_FOREIGN_ORIGIN for non-http(s) links, LINK_INVALID for
 * unparsable ones.
 *
 * @example Rewrite a proxied next-archive link
 * ```ts
 * rewriteOntoBase('https://openmrs.example.org:443/openmrs/ws/atomfeed/patient/2', 'http://127.0.0.1:8080/openmrs');
 * // 'http://127.0.0.1:8080/openmrs/ws/atomfeed/patient/2'
 * ```
 */
export function rewriteOntoBase(link: string, base: string): string {
  const b = readBase(base);
  const url = parse(clean(link), `${b.origin}${b.context}/`);
  if (!isHttp(url)) throw foreign(link, b);
  let path = url.pathname;
  const ws = path.indexOf('/ws/');
  const underContext = b.context === '' || path === b.context || path.startsWith(`${b.context}/`);
  if (!underContext && ws >= 0) path = b.context + path.slice(ws);
  return `${b.origin}${path}${url.search}`;
}

/**
 * Resolves an entry's content path (`/ws/rest/v1/…`, relative to the base including its context
 * path) to an absolute URL. An absolute link is accepted only on the base's origin; protocol-relative
 * links (`//host`), other origins and other schemes (`javascript:`, `file:`) throw SyncError
 * LINK_FOREIGN_ORIGIN; an empty or unparsable one LINK_INVALID.
 *
 * @example Resolve a REST link
 * ```ts
 * resolveContentLink('/ws/rest/v1/patient/x?v=full', 'http://h:8080/openmrs');
 * // 'http://h:8080/openmrs/ws/rest/v1/patient/x?v=full'
 * ```
 */
export function resolveContentLink(path: string, base: string): string {
  const b = readBase(base);
  const link = clean(path);
  if (link === '') throw new SyncError('LINK_INVALID', { message: 'The content link is empty', details: {} });
  if (/^[/\\]{2}/.test(link)) throw foreign(path, b);
  const url = scheme.test(link) ? parse(link) : parse(`${b.origin}${b.context}${link.startsWith('/') ? '' : '/'}${link}`);
  if (!isHttp(url) || url.origin !== b.origin) throw foreign(path, b);
  return withoutUserInfo(url);
}

/**
 * Resolves `url` (a paging `next` link, a `Location` header; relative ones against the base) and
 * returns it when it is on the base's origin. Throws SyncError LINK_FOREIGN_ORIGIN otherwise, so
 * credentials are never sent elsewhere; LINK_INVALID when it cannot be parsed.
 *
 * @example Accept a Location header
 * ```ts
 * assertSameOrigin('/openmrs/ws/fhir2/R4/Patient/x', 'http://h:8080/openmrs'); // 'http://h:8080/openmrs/ws/fhir2/R4/Patient/x'
 * assertSameOrigin('https://evil.example/x', 'http://h:8080/openmrs');          // throws LINK_FOREIGN_ORIGIN
 * ```
 */
export function assertSameOrigin(url: string, base: string): string {
  const b = readBase(base);
  const resolved = parse(clean(url), `${b.origin}${b.context}/`);
  if (!isHttp(resolved) || resolved.origin !== b.origin) throw foreign(url, b);
  return withoutUserInfo(resolved);
}
