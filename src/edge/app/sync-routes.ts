/** `POST /sync` (admin): runs one sync with the parent now and answers with its summary. */

import { Hono } from 'hono';
import { appFailure } from './app-errors.ts';
import type { AppContext } from './edge-app-deps.ts';
import { type AppEnv, fail } from './http-helpers.ts';
import { requireUser } from './require-user.ts';

/** Where the route answers: next to `/status`, and under the context path as sync2's REST module would put it. */
export const syncPaths = ['/sync', '/openmrs/ws/rest/sync2/sync'] as const;

/** HTTP status per run status: the summary is the body in every case. */
const httpStatusOf: Record<string, 200 | 409 | 502 | 503> = {
  ok: 200, partial: 200, busy: 409, failed: 502, unauthorized: 502, aborted: 503,
};

/**
 * `POST /sync`: 200 with the run summary when the run ended `ok` or `partial`; 409 `busy` when
 * another instance on the same database is running one (a run going on in this instance is
 * joined: the request waits for it and gets its summary); 502 when the parent failed the run
 * (`failed`, `unauthorized`); 503 when it was cancelled (the node is stopping). A root node
 * answers 409 `SYNC_NOT_CONFIGURED`. Admin only (401 / 403).
 *
 * @example
 * ```ts
 * app.route('/', syncRoutes(ctx));
 * ```
 */
export function syncRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of syncPaths) {
    app.post(path, requireUser(ctx, ['admin']), async (c) => {
      if (!ctx.syncNow) return fail(c, appFailure('SYNC_NOT_CONFIGURED'));
      const summary = await ctx.syncNow();
      return c.json(summary, httpStatusOf[summary.status] ?? 500, { 'cache-control': 'no-store' });
    });
  }
  return app;
}
