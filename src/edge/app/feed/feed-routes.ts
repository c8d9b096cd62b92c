/** The Atom feed routes: `/ws/atomfeed/{category}/recent` and `/{n}`, built from the change log. */

import { Hono } from 'hono';
import { findCategory } from '../../../core/categories/category-table.ts';
import { sha256Hex } from '../../../core/hash/sha256-hex.ts';
import { writeFeedPage } from '../../../core/atom/write-feed-page.ts';
import { appFailure } from '../app-errors.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { type AppEnv, baseUrlOf, fail, noneMatchHits } from '../http-helpers.ts';
import { requireUser } from '../require-user.ts';
import { buildFeedPage } from './build-feed-page.ts';

const categoryPattern = /^[a-z][a-z0-9_]{0,63}$/;
const immutable = 'public, max-age=31536000, immutable';

/**
 * Feed routes, mounted at `/openmrs/ws/atomfeed`. `recent` is the last page (an empty feed's is
 * page 0); `/0` and pages past the last answer 500 `FEED_PAGE_MISSING`, as OpenMRS does. A page
 * with a next page never changes: long-lived cache headers. The others get `no-cache`. Every page
 * has a strong ETag derived from the feed's state, so `If-None-Match` is answered with 304
 * after counting the feed's rows, before anything is built.
 */
export function feedRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (!ctx.anonymousFeeds) app.use('*', requireUser(ctx, ['admin', 'child']));
  app.get('/:category/:page', async (c) => {
    const { category, page } = c.req.param();
    const count = categoryPattern.test(category) ? await ctx.store.countChanges(category) : 0;
    if (count === 0 && !findCategory(category, ctx.categories)) {
      return fail(c, appFailure('CATEGORY_UNKNOWN', { message: `No feed has the category ${category}`, details: { category } }));
    }
    const size = await ctx.pageSize.get();
    const last = Math.ceil(count / size);
    const number = page === 'recent' ? last : /^\d{1,15}$/.test(page) ? Number(page) : -1;
    if (number < 0 || (page !== 'recent' && (number < 1 || number > last))) {
      return fail(c, appFailure('FEED_PAGE_MISSING', { message: `The ${category} feed has no page ${page}`, details: { category, page, last } }));
    }
    const feedUrl = `${baseUrlOf(c.req.raw)}/ws/atomfeed/${category}`;
    const self = `${feedUrl}/${page}`;
    const full = number < last;
    const etag = `"${sha256Hex([ctx.instanceId, self, size, number, full ? 'full' : count].join('\n')).slice(0, 32)}"`;
    const headers = { etag, 'cache-control': full ? immutable : 'no-cache' };
    if (noneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const rows = number === 0 ? [] : await ctx.store.feedChanges(category, { from: (number - 1) * size, limit: size });
    const objects = await ctx.store.getObjects(category, [...new Set(rows.map((r) => r.uuid))]);
    const xml = writeFeedPage(buildFeedPage({
      category, number, last, self, feedUrl, instanceId: ctx.instanceId, rows,
      objects: new Map(objects.map((o) => [o.uuid, o])), categories: ctx.categories, emptyUpdated: ctx.startedAt,
    }));
    return c.body(xml, 200, { ...headers, 'content-type': 'application/atom+xml;charset=UTF-8' });
  });
  return app;
}
