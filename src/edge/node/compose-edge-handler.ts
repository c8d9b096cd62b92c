/** The node's one handler: protocol routes go to the edge app, every other GET to the PWA's static files. */

import type { EdgeHandler } from './edge-runtime.ts';

/** Paths the edge app answers: the OpenMRS context path, health, status and sync. */
export function isAppPath(pathname: string): boolean {
  return pathname === '/openmrs' || pathname.startsWith('/openmrs/') || pathname === '/health' || pathname === '/status' || pathname === '/sync';
}

/**
 * Routes `/openmrs/…`, `/health`, `/status`, `/sync` and every non-GET request to `app` (so its errors
 * and CORS apply), and other GET and HEAD requests to `site`.
 *
 * @example
 * ```ts
 * const handler = composeEdgeHandler({ app: app.fetch, site });
 * ```
 */
export function composeEdgeHandler(parts: { app: EdgeHandler; site: EdgeHandler }): EdgeHandler {
  return (request) => {
    const { pathname } = new URL(request.url);
    const toSite = !isAppPath(pathname) && (request.method === 'GET' || request.method === 'HEAD');
    return toSite ? parts.site(request) : parts.app(request);
  };
}
