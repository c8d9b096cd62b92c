/** Options, counts and summaries of the push service. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { WritableResourceManager } from '../../clients/resource-manager.ts';
import type { FailurePolicy } from '../../feed/failed-event-policy.ts';
import type { Clock, Logger, Random } from '../../ports/ports.ts';
import type { SerializedFailure, SyncStore } from '../../store/store-port.ts';
import type { ConflictPolicy } from '../conflict/resolve-by-policy.ts';
import type { PushSummary } from '../runner/runner-types.ts';

/** What happened to the objects of a push run. */
export interface PushCounts {
  /** Objects taken up (window items and due failed events). */
  objects: number;
  /** Written to the parent and acknowledged (merged ones included). */
  pushed: number;
  /** Of `pushed`: a three-way merge of both sides' edits. */
  merged: number;
  /** Found already on the parent (a lost acknowledgement): settled without writing. */
  already: number;
  /** The parent's version stood (its change held ours, or the policy chose it). */
  tookParent: number;
  /** Queued for a person (or kept queued). */
  conflicts: number;
  /** Failed and stored as failed events (backoff, or dead letters). */
  failed: number;
  /** Nothing to send: no unpushed change, an open conflict, a failed event not due yet, removed before it ever reached the parent. */
  skipped: number;
}

/** Zero counts. */
export function emptyPushCounts(): PushCounts {
  return { objects: 0, pushed: 0, merged: 0, already: 0, tookParent: 0, conflicts: 0, failed: 0, skipped: 0 };
}

/** What a push run did; `status` as the runner expects it. */
export interface PushRunSummary extends PushSummary {
  counts: PushCounts;
  /** The push marker after the run (the last change-log seq settled). */
  markerSeq: number;
  /** Due failed events retried in this run. */
  retried: number;
  /** The failure that stopped the run early (the parent unreachable), or the fatal error. */
  error?: SerializedFailure;
}

/** Progress of a push: objects done, and those known so far. */
export interface PushProgress {
  category?: string;
  done: number;
  total?: number;
}

/** Options of a push run (pushAll); createPushPhase fills most from the runner's context. */
export interface PushOptions {
  store: SyncStore;
  resourceManager: WritableResourceManager;
  now: Clock;
  instanceId: string;
  /** How conflicts are settled without a person. @default 'manual' */
  policy?: ConflictPolicy;
  /** Backoff and dead-letter limit of failed pushes. */
  failurePolicy?: FailurePolicy;
  /** Backoff jitter. @default Math.random */
  random?: Random;
  /** Event ids of the change rows push writes. @default crypto.randomUUID */
  newId?: () => string;
  /** @default defaultCategories */
  categories?: readonly CategoryInfo[];
  /** Change-log rows read per window. @default 500 */
  windowSize?: number;
  /** Merge inside nested objects and identified arrays. @default true */
  deep?: boolean;
  /** Retry the due push failed events first. @default true */
  retryFailed?: boolean;
  signal?: AbortSignal;
  log?: Logger;
  onProgress?: (progress: PushProgress) => void;
}
