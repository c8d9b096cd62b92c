/** The edge node's HTTP app: feeds, FHIR, REST, health, status, sync-now, conflicts and failed events as one web-standard fetch handler (Hono). */

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { isSyncError } from '../../core/errors/sync-error.ts';
import { appFailure } from './app-errors.ts';
import { conflictRoutes } from './conflict-routes.ts';
import { type EdgeAppDeps, resolveDeps } from './edge-app-deps.ts';
import { errorResponse, flavorOf } from './error-response.ts';
import { failedEventRoutes } from './failed-event-routes.ts';
import { feedRoutes } from './feed/feed-routes.ts';
import { fhirRoutes } from './fhir/fhir-routes.ts';
import { gzipResponses } from './gzip-responses.ts';
import type { AppEnv } from './http-helpers.ts';
import { restRoutes } from './rest/rest-routes.ts';
import { statusRoutes } from './status-routes.ts';
import { syncRoutes } from './sync-routes.ts';

export type { EdgeAppDeps } from './edge-app-deps.ts';

/** The app as runtimes see it: one fetch handler. */
export interface EdgeApp {
  fetch(request: Request): Promise<Response>;
}

/**
 * Builds the app over `deps`. Uses only web-standard APIs, so it runs on Deno, Node (through
 * `@hono/node-server`) and in-process in tests (`app.fetch(new Request(…))`).
 *
 * @example Serve on Deno
 * ```ts
 * const app = createApp({ store, now: Date.now, instanceId, users: createUserDirectory(users) });
 * Deno.serve(app.fetch);
 * ```
 */
export function createApp(deps: EdgeAppDeps): EdgeApp {
  const ctx = resolveDeps(deps);
  const app = new Hono<AppEnv>();
  const corsOrigins = deps.corsOrigins ?? [];
  if (corsOrigins.length > 0) {
    app.use('*', cors({
      origin: (origin) => (corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['authorization', 'if-match', 'if-none-match', 'content-type'],
      exposeHeaders: ['ETag', 'Location', 'Last-Modified'],
      credentials: true,
      maxAge: 600,
    }));
  }
  app.use('*', gzipResponses(deps.gzip ? { gzip: deps.gzip } : {}));
  app.route('/', statusRoutes(ctx));
  app.route('/', syncRoutes(ctx));
  app.route('/', conflictRoutes(ctx));
  app.route('/', failedEventRoutes(ctx));
  app.route('/openmrs/ws/atomfeed', feedRoutes(ctx));
  app.route('/openmrs/ws/fhir2/R4', fhirRoutes(ctx));
  app.route('/openmrs/ws/rest/v1', restRoutes(ctx));
  app.notFound((c) => {
    const { pathname } = new URL(c.req.url);
    return errorResponse(appFailure('ROUTE_NOT_FOUND', { message: `No route for ${c.req.method} ${pathname}` }), flavorOf(pathname));
  });
  app.onError((error, c) => {
    const { pathname } = new URL(c.req.url);
    const unavailable = isSyncError(error, 'STORE_UNAVAILABLE');
    ctx.log.error('request failed', { method: c.req.method, path: pathname, error: error instanceof Error ? error.message : String(error) });
    return errorResponse(appFailure(unavailable ? 'STORE_UNAVAILABLE' : 'INTERNAL'), flavorOf(pathname));
  });
  return { fetch: async (request) => app.fetch(request) };
}
