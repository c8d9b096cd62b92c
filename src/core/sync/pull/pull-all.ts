/** Pulls every enabled category in the category table's order; a refused credential stops the run, other failures only their category. */

import { isSyncError } from '../../errors/sync-error.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import { silentLogger } from '../../ports/ports.ts';
import { type PullCategoryOptions, pullCategory } from './pull-category.ts';
import { addCounts, type CategoryOutcome, type CategoryPullSummary, emptyCounts, type PullProgress, type PullStatus, type PullSummary } from './pull-types.ts';

/** A configured category (sync2 `classes[]`). */
export interface PullClass {
  category: string;
  enabled: boolean;
}

/** Options of {@linkcode pullAll}. */
export interface PullAllOptions extends PullCategoryOptions {
  classes: readonly PullClass[];
  onProgress?: (progress: PullProgress) => void;
  /** Called as each category starts, with its index in the run and the number of categories. */
  onCategory?: (category: string, index: number, count: number) => void;
}

/**
 * The enabled categories of `classes`, each once, in the order configured (sync2 runs its
 * `classes` as written; the config parser's default is the category table in sync order).
 *
 * @example
 * ```ts
 * pullOrder([{ category: 'location', enabled: true }, { category: 'visit', enabled: false }, { category: 'patient', enabled: true }]);
 * // ['location', 'patient']
 * ```
 */
export function pullOrder(classes: readonly PullClass[]): string[] {
  return [...new Set(classes.filter((c) => c.enabled).map((c) => c.category))];
}

/**
 * Pulls each enabled category once, in {@linkcode pullOrder}. PARENT_UNAUTHORIZED stops the run
 * (status `unauthorized`, later categories `skipped`), as does cancellation (`aborted`); any other
 * failure is recorded for its category and the next one goes on (status `partial`, or `failed`
 * when none succeeded). Objects that failed while their category's feed was read also make the
 * run `partial`: they wait as failed events. Never throws for those: the outcome is the summary.
 *
 * @example
 * ```ts
 * const summary = await pullAll({ classes, base, store, resourceManager, fetch, now: Date.now });
 * if (summary.status === 'unauthorized') showLogin();
 * ```
 */
export async function pullAll(options: PullAllOptions): Promise<PullSummary> {
  const order = pullOrder(options.classes);
  const log = options.log ?? silentLogger;
  const categories: CategoryOutcome[] = [];
  let stop: { status: PullStatus; error: ReturnType<typeof serializeFailure> } | undefined;
  for (const [index, category] of order.entries()) {
    if (stop) {
      categories.push({ status: 'skipped', category });
      continue;
    }
    try {
      options.onCategory?.(category, index, order.length);
      categories.push({ status: 'ok', ...(await pullCategory(category, options)) });
    } catch (error) {
      const failure = serializeFailure(error);
      categories.push({ status: 'failed', category, error: failure });
      log.warn('pull of a category failed', { category, code: failure.code, message: failure.message });
      if (isSyncError(error, 'PARENT_UNAUTHORIZED')) stop = { status: 'unauthorized', error: failure };
      else if (isSyncError(error, 'ABORTED') || options.signal?.aborted) stop = { status: 'aborted', error: failure };
    }
  }
  const counts = categories.reduce((sum, c) => (c.status === 'ok' ? addCounts(sum, c.counts) : sum), emptyCounts());
  const summary: PullSummary = { status: stop?.status ?? statusOf(categories), categories, counts };
  if (stop) summary.error = stop.error;
  return summary;
}

/**
 * `failed` when every category failed; `partial` when some did, or when a category read its feed
 * but objects of it failed in this run (they wait as failed events); else `ok`.
 */
function statusOf(categories: readonly CategoryOutcome[]): PullStatus {
  const failed = categories.filter((c) => c.status === 'failed').length;
  if (failed > 0) return failed === categories.length ? 'failed' : 'partial';
  return categories.some((c) => c.status === 'ok' && objectsFailedIn(c) > 0) ? 'partial' : 'ok';
}

/** Objects of a category that failed in this run: on the feed, or again when retried. */
function objectsFailedIn(summary: CategoryPullSummary): number {
  return summary.read.entriesFailed + (summary.retry?.rescheduled ?? 0) + (summary.retry?.dead ?? 0);
}
