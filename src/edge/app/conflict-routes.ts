/** `/openmrs/ws/rest/sync2/conflicts` (admin): the conflict queue — list it, read one with its three bodies, resolve one. */

import { Hono } from 'hono';
import { listConflicts, resolveConflict, type ResolveConflictResult } from '../../core/sync/conflict/resolve-conflict.ts';
import { type AppErrorCode, appFailure, isAppFailure } from './app-errors.ts';
import { conflictJson, conflictsPath } from './conflict-json.ts';
import type { AppContext } from './edge-app-deps.ts';
import { type AppContextHono, type AppEnv, fail, principalOf } from './http-helpers.ts';
import { readJsonBody } from './read-json-body.ts';
import { requireUser } from './require-user.ts';
import { resolutionChoiceOf } from './resolution-choice-of.ts';
import { sync2ItemPath } from './sync2-item-path.ts';

const noStore = { 'cache-control': 'no-store' };

/** Failure code per reason `resolveConflict` refuses for. */
const refusals: Record<Exclude<ResolveConflictResult, { ok: true }>['reason'], AppErrorCode> = {
  'not-found': 'CONFLICT_NOT_FOUND', resolved: 'CONFLICT_RESOLVED', stale: 'CONFLICT_STALE', changed: 'CONFLICT_CHANGED',
  'invalid-choice': 'RESOLUTION_INVALID', 'fields-missing': 'RESOLUTION_FIELDS_MISSING',
};

/**
 * - `GET …/conflicts`: the open conflicts, oldest first (`?all=true`: resolved ones too), without bodies.
 * - `GET …/conflicts/{id}`: one conflict with its base, local and parent bodies and the fields in conflict.
 * - `POST …/conflicts/{id}/resolve` with `{ "take": "local" | "parent" }`, `{ "take": "merged", "body": {…} }`
 *   or `{ "fields": { "name": "local" | "parent" } }`: resolves it (audited, by the admin's name)
 *   and answers the closed record and the object as it now stands; the next push sends it.
 *
 * Ids are `category/uuid`, sent as they are or percent-encoded. Errors are problem+json with a
 * stable `code`: CONFLICT_NOT_FOUND, CONFLICT_RESOLVED, CONFLICT_STALE, CONFLICT_CHANGED,
 * RESOLUTION_INVALID, RESOLUTION_FIELDS_MISSING (`details.fields`).
 *
 * @example
 * ```ts
 * app.route('/', conflictRoutes(ctx));
 * ```
 */
export function conflictRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const admin = requireUser(ctx, ['admin']);
  app.get(conflictsPath, admin, async (c) => {
    const all = c.req.query('all');
    if (all !== undefined && all !== 'true' && all !== 'false') {
      return fail(c, appFailure('QUERY_INVALID', { message: 'all must be true or false', details: { all } }));
    }
    const records = await listConflicts(ctx.store, { state: all === 'true' ? 'all' : 'open' });
    return c.json({ total: records.length, results: records.map((r) => conflictJson(r, { bodies: false })) }, 200, noStore);
  });
  app.get(`${conflictsPath}/*`, admin, async (c) => {
    const path = sync2ItemPath(new URL(c.req.url).pathname, conflictsPath);
    const record = path ? await ctx.store.getConflict(path.id) : undefined;
    if (!record) return fail(c, appFailure('CONFLICT_NOT_FOUND', { details: { id: path?.id ?? null } }));
    return c.json(conflictJson(record, { bodies: true }), 200, noStore);
  });
  app.post(`${conflictsPath}/*`, admin, (c) => resolve(ctx, c));
  return app;
}

async function resolve(ctx: AppContext, c: AppContextHono): Promise<Response> {
  const path = sync2ItemPath(new URL(c.req.url).pathname, conflictsPath, ['resolve']);
  if (path?.action !== 'resolve') return fail(c, appFailure('ROUTE_NOT_FOUND', { message: 'POST …/conflicts/{id}/resolve' }));
  const body = await readJsonBody(c.req.raw, { maxBytes: ctx.maxBodyBytes });
  if (isAppFailure(body)) return fail(c, body);
  const choice = resolutionChoiceOf(body);
  if (isAppFailure(choice)) return fail(c, choice);
  const result = await resolveConflict(ctx.store, path.id, choice, {
    now: ctx.now(), newId: ctx.newId, instanceId: ctx.instanceId, by: principalOf(c).name, categories: ctx.categories,
  });
  if (!result.ok) {
    const details = { id: path.id, ...(result.reason === 'fields-missing' ? { fields: result.fields } : {}) };
    return fail(c, appFailure(refusals[result.reason], { details }));
  }
  const record = await ctx.store.getConflict(path.id);
  const { object } = result;
  return c.json({
    ...(record ? conflictJson(record, { bodies: true }) : {}),
    object: { category: object.category, uuid: object.uuid, version: object.version, removed: object.removed, body: object.body },
  }, 200, noStore);
}
