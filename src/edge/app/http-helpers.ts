/** Small HTTP helpers shared by the route modules: the Hono env type, base URLs, ETag matching. */

import type { Context } from 'hono';
import type { AppFailure } from './app-errors.ts';
import { errorResponse, flavorOf } from './error-response.ts';
import type { Principal } from './user-directory.ts';

/** Hono environment of the app: the authenticated principal, set by the auth middleware. */
export interface AppEnv {
  Variables: { principal?: Principal };
}

export type AppContextHono = Context<AppEnv>;

/** The node's own base as the request reached it: `{origin}/openmrs`. */
export function baseUrlOf(request: Request): string {
  return `${new URL(request.url).origin}/openmrs`;
}

/** The principal of an authenticated route; routes behind `requireUser` always have one. */
export function principalOf(c: AppContextHono): Principal {
  const principal = c.get('principal');
  if (!principal) throw new Error('principalOf() called on a route without requireUser');
  return principal;
}

/** The failure as a response in the shape the request path's clients expect. */
export function fail(c: AppContextHono, failure: AppFailure): Response {
  return errorResponse(failure, flavorOf(new URL(c.req.url).pathname));
}

/** Opaque tags of an `If-None-Match` / `If-Match` header, weak prefixes dropped; `*` kept as is. */
export function entityTags(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).filter((t) => t.length > 0);
}

/** True when `If-None-Match` matches `etag` by the weak comparison (RFC 9110 §13.1.2). */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  const tags = entityTags(header);
  const opaque = etag.replace(/^W\//, '');
  return tags.includes('*') || tags.includes(opaque);
}

/** The weak ETag of an object version: `W/"{version}"`. */
export function versionEtag(version: string): string {
  return `W/"${version}"`;
}

/**
 * The version an `If-Match` header names: undefined without the header, `*` for any existing
 * version, null when it cannot be read (several tags or not a quoted tag).
 */
export function ifMatchVersion(header: string | undefined): string | null | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const tags = entityTags(header);
  if (tags.length !== 1) return null;
  const tag = tags[0] as string;
  if (tag === '*') return '*';
  const match = /^"([^"]*)"$/.exec(tag);
  return match ? (match[1] as string) : null;
}
