/** `/openmrs/ws/rest/sync2/failed-events` (admin): failed pulls and pushes — list, read, retry now, export, drop after an export. */

import { Hono } from 'hono';
import type { FailedEvent } from '../../core/store/store-port.ts';
import { type AppErrorCode, appFailure } from './app-errors.ts';
import type { AppContext } from './edge-app-deps.ts';
import { dropFailedEvent, exportFailedEvent, retryFailedEventNow } from './failed-event-actions.ts';
import { type AppContextHono, type AppEnv, fail, principalOf } from './http-helpers.ts';
import { requireUser } from './require-user.ts';
import { sync2ItemPath, sync2ItemUrl } from './sync2-item-path.ts';

/** Where the failed-event endpoints live. */
export const failedEventsPath = '/openmrs/ws/rest/sync2/failed-events';

const noStore = { 'cache-control': 'no-store' };
const iso = (ms: number): string => new Date(ms).toISOString();

/** A failed event as the endpoints answer it: times as ISO strings, links to its actions. */
export function failedEventJson(event: FailedEvent): Record<string, unknown> {
  const { firstFailedAt, lastFailedAt, nextRetryAt, ...rest } = event;
  return {
    ...rest, firstFailedAt: iso(firstFailedAt), lastFailedAt: iso(lastFailedAt), ...(nextRetryAt !== undefined ? { nextRetryAt: iso(nextRetryAt) } : {}),
    links: { self: sync2ItemUrl(failedEventsPath, event.id), retry: sync2ItemUrl(failedEventsPath, event.id, 'retry'), export: sync2ItemUrl(failedEventsPath, event.id, 'export') },
  };
}

/**
 * - `GET …/failed-events` (`?direction=push|pull`, `?dead=true|false`): dead letters first, then by next retry.
 * - `GET …/failed-events/{id}`: one event. `GET …/{id}/export`: a JSON document to keep (a push's holds the object).
 * - `POST …/{id}/retry`: due now (a dead letter gets one more attempt); the next sync retries it.
 * - `DELETE …/{id}`: drops it, refused with 409 EXPORT_REQUIRED unless it was exported as it is now
 *   (a local change is never dropped unexported); a dropped push's object reverts to its base.
 *
 * @example
 * ```ts
 * app.route('/', failedEventRoutes(ctx));
 * ```
 */
export function failedEventRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const admin = requireUser(ctx, ['admin']);
  app.get(failedEventsPath, admin, (c) => list(ctx, c));
  app.get(`${failedEventsPath}/*`, admin, async (c) => {
    const path = sync2ItemPath(new URL(c.req.url).pathname, failedEventsPath, ['export']);
    if (path?.action === 'export') {
      const text = await exportFailedEvent(ctx.store, path.id, { now: ctx.now() });
      if (text === undefined) return notFound(c, path.id);
      const name = `failed-event-${path.id.replace(/[^A-Za-z0-9_.-]+/g, '_')}.json`;
      return c.body(text, 200, { ...noStore, 'content-type': 'application/json', 'content-disposition': `attachment; filename="${name}"` });
    }
    const event = path ? await ctx.store.getFailedEvent(path.id) : undefined;
    return event ? c.json(failedEventJson(event), 200, noStore) : notFound(c, path?.id);
  });
  app.post(`${failedEventsPath}/*`, admin, async (c) => {
    const path = sync2ItemPath(new URL(c.req.url).pathname, failedEventsPath, ['retry']);
    if (path?.action !== 'retry') return fail(c, appFailure('ROUTE_NOT_FOUND', { message: 'POST …/failed-events/{id}/retry' }));
    const event = await retryFailedEventNow(ctx.store, path.id, { now: ctx.now(), instanceId: ctx.instanceId, by: principalOf(c).name });
    return event ? c.json(failedEventJson(event), 200, noStore) : notFound(c, path.id);
  });
  app.delete(`${failedEventsPath}/*`, admin, async (c) => {
    const path = sync2ItemPath(new URL(c.req.url).pathname, failedEventsPath);
    if (!path) return notFound(c, undefined);
    const result = await dropFailedEvent(ctx.store, path.id, {
      now: ctx.now(), instanceId: ctx.instanceId, by: principalOf(c).name, newId: ctx.newId, categories: ctx.categories,
    });
    if (result.ok) return c.json({ id: path.id, dropped: true, reverted: result.reverted }, 200, noStore);
    const code: AppErrorCode = result.reason === 'not-found' ? 'FAILED_EVENT_NOT_FOUND' : result.reason === 'not-exported' ? 'EXPORT_REQUIRED' : 'FAILED_EVENT_CHANGED';
    return fail(c, appFailure(code, { details: { id: path.id } }));
  });
  return app;
}

async function list(ctx: AppContext, c: AppContextHono): Promise<Response> {
  const direction = c.req.query('direction');
  const dead = c.req.query('dead');
  if (direction !== undefined && direction !== 'push' && direction !== 'pull') {
    return fail(c, appFailure('QUERY_INVALID', { message: 'direction must be push or pull', details: { direction } }));
  }
  if (dead !== undefined && dead !== 'true' && dead !== 'false') {
    return fail(c, appFailure('QUERY_INVALID', { message: 'dead must be true or false', details: { dead } }));
  }
  const events = await ctx.store.listFailedEvents({
    ...(direction !== undefined ? { direction } : {}), ...(dead !== undefined ? { dead: dead === 'true' } : {}),
  });
  events.sort((a, b) => Number(b.dead) - Number(a.dead) || (a.nextRetryAt ?? 0) - (b.nextRetryAt ?? 0) || a.id.localeCompare(b.id));
  return c.json({ total: events.length, results: events.map(failedEventJson) }, 200, noStore);
}

function notFound(c: AppContextHono, id: string | undefined): Response {
  return fail(c, appFailure('FAILED_EVENT_NOT_FOUND', { details: { id: id ?? null } }));
}
