/** `GET /health` (liveness and readiness) and `GET /status` (admin: counts, failures, conflicts, sync runner state). */

import { Hono } from 'hono';
import type { FailedEvent } from '../../core/store/store-port.ts';
import { appFailure } from './app-errors.ts';
import type { AppContext } from './edge-app-deps.ts';
import { type AppEnv, fail } from './http-helpers.ts';
import { requireUser } from './require-user.ts';

const noStore = { 'cache-control': 'no-store' };

function failureCounts(events: readonly FailedEvent[]): { total: number; dead: number } {
  return { total: events.length, dead: events.filter((f) => f.dead).length };
}

/**
 * `/health`: 200 `{ status: 'ok' }` once the store answers, else 503 `STORE_UNAVAILABLE`.
 * `/status` (admin only): instance id, feed page size, objects per category, failed events (and
 * dead letters; in all and per direction), open conflicts, the change log's last seq, then the
 * sync runner's fields (on a child: pending pushes among them).
 */
export function statusRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    try {
      await ctx.store.lastSeq();
    } catch (cause) {
      ctx.log.error('health check: store unavailable', { error: String(cause) });
      return fail(c, appFailure('STORE_UNAVAILABLE'));
    }
    return c.json({ status: 'ok' }, 200, noStore);
  });
  app.get('/status', requireUser(ctx, ['admin']), async (c) => {
    const [objects, failed, conflicts, lastSeq, pageSize, extra] = await Promise.all([
      ctx.store.countObjects(),
      ctx.store.listFailedEvents(),
      ctx.store.listConflicts({ open: true }),
      ctx.store.lastSeq(),
      ctx.pageSize.get(),
      ctx.status ? ctx.status() : Promise.resolve({}),
    ]);
    return c.json({
      instanceId: ctx.instanceId,
      pageSize,
      objects,
      failedEvents: { ...failureCounts(failed), pull: failureCounts(failed.filter((f) => f.direction === 'pull')), push: failureCounts(failed.filter((f) => f.direction === 'push')) },
      conflicts: { open: conflicts.length },
      changeLog: { lastSeq },
      ...extra,
    }, 200, noStore);
  });
  return app;
}
