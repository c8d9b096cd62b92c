/** Summaries and progress of a pull: per page tallies, per category and per run. */

import type { FeedReadSummary } from '../../feed/read-feed-types.ts';
import type { RetrySummary } from '../../feed/retry-failed-events.ts';
import type { SerializedFailure } from '../../store/store-port.ts';

/** What the pull planned for the entries it was handed. */
export interface PullCounts {
  /** Entries handed (past the marker, catchment-filtered, or retried). */
  entries: number;
  /** Distinct objects after coalescing. */
  objects: number;
  /** Objects asked of the resource manager. */
  fetched: number;
  /** Objects written with a change row (removals included). */
  applied: number;
  /** Of `applied`, objects marked removed. */
  removed: number;
  noop: number;
  /** Objects whose unpushed local change was merged with the parent's (logged as a local change, to push). */
  merged: number;
  /** Objects kept because of an unpushed local change that overlaps the parent's. */
  conflicts: number;
  /** Objects whose fetch failed (they went to the failed events). */
  failed: number;
}

/** Zero counts. */
export function emptyCounts(): PullCounts {
  return { entries: 0, objects: 0, fetched: 0, applied: 0, removed: 0, noop: 0, merged: 0, conflicts: 0, failed: 0 };
}

/** The sum of two tallies. */
export function addCounts(a: PullCounts, b: PullCounts): PullCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as (keyof PullCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** What pulling one category did. */
export interface CategoryPullSummary {
  category: string;
  /** The feed key (marker and failed events). */
  feed: string;
  read: FeedReadSummary;
  retry?: RetrySummary;
  counts: PullCounts;
}

/** How one category ended within a run. */
export type CategoryOutcome =
  | ({ status: 'ok' } & CategoryPullSummary)
  | { status: 'failed'; category: string; error: SerializedFailure }
  /** Not tried: the run stopped before it (unauthorized or cancelled). */
  | { status: 'skipped'; category: string };

/** Overall: all categories ok, some failed, all failed, credentials refused, or cancelled. */
export type PullStatus = 'ok' | 'partial' | 'failed' | 'unauthorized' | 'aborted';

/** What a pull over every enabled category did. */
export interface PullSummary {
  status: PullStatus;
  categories: CategoryOutcome[];
  counts: PullCounts;
  /** The error that stopped the run (unauthorized, aborted). */
  error?: SerializedFailure;
}

/** Progress of a pull: entries done in the current category and an estimate of its total. */
export interface PullProgress {
  category: string;
  /** Entries read past the marker so far in this category. */
  done: number;
  /** Estimated entries of this run in this category: done + pages left × page size. */
  total: number;
  currentPage: number;
  lastPage: number;
}
