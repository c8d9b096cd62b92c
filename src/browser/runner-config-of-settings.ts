/** Maps the tablet's settings and password onto the sync runner's configuration. */

import { categoriesInOrder, defaultCategories } from '../core/categories/category-table.ts';
import { basicAuthorization } from '../core/clients/basic-authorization.ts';
import type { SyncRunnerConfig } from '../core/sync/runner/runner-types.ts';
import type { BrowserSettings } from './sync-api.ts';

/**
 * The runner configuration: the parent base, pull enabled when a category pulls, push when one
 * pushes, the pull classes in sync order (referenced objects first), the schedule, and the Basic
 * login for the feed (fetchers send it to the parent's origin only). The core pushes every local
 * change; per-category push switches only turn push on or off as a whole for now.
 *
 * @example
 * ```ts
 * const config = runnerConfigOfSettings(settings, password);
 * config.classes; // [{ category: 'location', enabled: true }, { category: 'patient', enabled: true }, …]
 * ```
 */
export function runnerConfigOfSettings(settings: BrowserSettings, password: string): SyncRunnerConfig {
  const order = new Map(categoriesInOrder(defaultCategories).map((c, i) => [c.name, i]));
  const sorted = [...settings.categories].sort((a, b) => (order.get(a.category) ?? 99) - (order.get(b.category) ?? 99));
  return {
    parentBase: settings.parentBase,
    pull: { enabled: settings.categories.some((c) => c.pull) },
    push: { enabled: settings.categories.some((c) => c.push) },
    scheduleSeconds: settings.scheduleSeconds,
    classes: sorted.map((c) => ({ category: c.category, enabled: c.pull })),
    headers: { authorization: basicAuthorization({ username: settings.username, password }) },
  };
}
