/** FHIR URLs of a parent: its FHIR base, links kept on the parent's origin, and read links split into type and id. */

import { assertSameOrigin, rewriteOntoBase } from '../atom/rewrite-link.ts';
import { isSyncError } from '../errors/sync-error.ts';

/** Path of the FHIR R4 base under a parent's base (OpenMRS fhir2). */
export const fhirPath = '/ws/fhir2/R4';

const absolute = /^[a-z][a-z0-9+.-]*:/i;
const readPath = /^([A-Z][A-Za-z]{0,63})\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * The FHIR base of a parent base (normalised by {@linkcode normalizeBase}).
 *
 * @example
 * ```ts
 * fhirBaseOf('http://h:8080/openmrs/'); // 'http://h:8080/openmrs/ws/fhir2/R4'
 * ```
 */
export function fhirBaseOf(base: string): string {
  return `${normalizeBase(base)}${fhirPath}`;
}

/**
 * A base URL as the URL parser writes it: lower-case host, default port dropped, no trailing
 * slash, no query, fragment or user info. Throws TypeError for an unparsable one.
 *
 * @example
 * ```ts
 * normalizeBase('HTTP://Hub.Example:80/openmrs/'); // 'http://hub.example/openmrs'
 * ```
 */
export function normalizeBase(base: string): string {
  // One node talks to one parent: remembering the last answer spares a URL parse per object.
  if (base === lastBase.input) return lastBase.output;
  const url = new URL(base.trim());
  const output = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  lastBase = { input: base, output };
  return output;
}

let lastBase = { input: '', output: '' };

/**
 * Resolves a URL met while talking FHIR (a paging `next` link, a `Location`, a relative
 * `Type/id`) so that it stays on the parent: relative ones against the FHIR base; absolute ones on
 * the base's origin as they are; absolute ones elsewhere whose path holds `/ws/fhir2/` are the
 * parent seen through a proxy and are rewritten onto the base; any other is refused with SyncError
 * LINK_FOREIGN_ORIGIN, so no request, and no credential, goes there.
 *
 * @example A proxied paging link
 * ```ts
 * resolveFhirLink('https://proxy.example/openmrs/ws/fhir2/R4?_getpages=x', 'http://h:8080/openmrs');
 * // 'http://h:8080/openmrs/ws/fhir2/R4?_getpages=x'
 * ```
 */
export function resolveFhirLink(link: string, base: string): string {
  const text = link.trim();
  if (!absolute.test(text) && !/^[/\\]{2}/.test(text)) {
    const path = text.replace(/^\/+/, '');
    return assertSameOrigin(path === '' ? fhirBaseOf(base) : `${fhirBaseOf(base)}/${path}`, base);
  }
  try {
    return assertSameOrigin(text, base);
  } catch (error) {
    if (isSyncError(error, 'LINK_FOREIGN_ORIGIN') && /^https?:\/\/[^/]+\/(.*\/)?ws\/fhir2\//i.test(text)) {
      return rewriteOntoBase(text, base);
    }
    throw error;
  }
}

/**
 * `{ type, id }` when `url` is a plain read of the parent's FHIR R4 base (`{fhirBase}/Type/id`,
 * no query); undefined otherwise (e.g. a legacy `/ws/fhir/` DSTU3 link), which is then fetched as is.
 *
 * @example
 * ```ts
 * parseFhirReadUrl('http://h/openmrs/ws/fhir2/R4/Patient/abc', 'http://h/openmrs'); // { type: 'Patient', id: 'abc' }
 * ```
 */
export function parseFhirReadUrl(url: string, base: string): { type: string; id: string } | undefined {
  const prefix = `${fhirBaseOf(base)}/`;
  if (!url.startsWith(prefix)) return undefined;
  const match = readPath.exec(url.slice(prefix.length));
  return match ? { type: match[1] as string, id: match[2] as string } : undefined;
}
