/** The OpenMRS REST routes at `/openmrs/ws/rest/v1`: GET, create, update and delete (void) of REST-stored objects. */

import { Hono } from 'hono';
import type { JsonObject, StoredObject } from '../../../core/store/store-port.ts';
import { type AppFailure, appFailure, isAppFailure } from '../app-errors.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { type AppContextHono, type AppEnv, baseUrlOf, fail, principalOf } from '../http-helpers.ts';
import { readJsonBody } from '../read-json-body.ts';
import { requireUser } from '../require-user.ts';
import type { WriteDone } from '../write-object.ts';
import { matchRestPath, type RestTarget } from './rest-paths.ts';
import { createRest, deleteRest, restObjectOr404, updateRest } from './rest-write.ts';

const prefix = '/openmrs/ws/rest/v1';
const jsonType = 'application/json;charset=UTF-8';

/**
 * REST routes, mounted at `/openmrs/ws/rest/v1`, for admin and child users. `GET …/{uuid}` serves
 * the stored full representation whatever `v` asks (voided objects too, as OpenMRS does);
 * objects stored as FHIR are not visible here. `?purge` is refused: nothing is ever purged.
 */
export function restRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(ctx, ['admin', 'child']));
  const targetOf = (c: AppContextHono): RestTarget | undefined => {
    const rest = new URL(c.req.url).pathname.slice(prefix.length);
    try {
      return matchRestPath(rest.split('/').filter((s) => s.length > 0).map(decodeURIComponent), ctx.categories);
    } catch {
      return undefined;
    }
  };
  const noRoute = (c: AppContextHono): Response =>
    fail(c, appFailure('ROUTE_NOT_FOUND', { message: `No REST route for ${c.req.method} ${new URL(c.req.url).pathname}` }));
  const answer = (c: AppContextHono, result: StoredObject | WriteDone | AppFailure, status = 200): Response => {
    if (isAppFailure(result)) return fail(c, result);
    const object = 'outcome' in result ? result.object : result;
    const code = 'outcome' in result && result.outcome === 'created' ? 201 : status;
    return new Response(JSON.stringify(served(c, object)), { status: code, headers: { 'content-type': jsonType, 'cache-control': 'no-cache' } });
  };

  app.get('/*', async (c) => {
    const target = targetOf(c);
    if (!target?.uuid) return noRoute(c);
    return answer(c, restObjectOr404(target, await ctx.store.getObject(target.category, target.uuid), ctx));
  });
  app.post('/*', async (c) => {
    const target = targetOf(c);
    if (!target) return noRoute(c);
    const body = await readJsonBody(c.req.raw, { maxBytes: ctx.maxBodyBytes });
    if (isAppFailure(body)) return fail(c, body);
    const principal = principalOf(c);
    if (target.uuid === undefined) return answer(c, await createRest(ctx, { target, body, principal }));
    return answer(c, await updateRest(ctx, { target, uuid: target.uuid, body, principal }));
  });
  app.delete('/*', async (c) => {
    const target = targetOf(c);
    if (!target?.uuid) return noRoute(c);
    if (c.req.query('purge') !== undefined) return fail(c, appFailure('PURGE_UNSUPPORTED'));
    const reason = c.req.query('reason');
    const done = await deleteRest(ctx, { target, uuid: target.uuid, principal: principalOf(c), ...(reason === undefined ? {} : { reason }) });
    return isAppFailure(done) ? fail(c, done) : c.body(null, 204);
  });
  return app;
}

/** The stored body with its `self` link made absolute on the node's base, as OpenMRS serves it. */
function served(c: AppContextHono, object: StoredObject): JsonObject {
  const body = object.body ?? { uuid: object.uuid };
  const links = Array.isArray(body['links']) ? body['links'] : [];
  const base = baseUrlOf(c.req.raw);
  return {
    ...body,
    links: links.map((link) => (typeof link === 'object' && link !== null && !Array.isArray(link) && typeof link['uri'] === 'string' && link['uri'].startsWith('/ws/')
      ? { ...link, uri: `${base}${link['uri']}` } : link)),
  };
}
