/** Pure planning of one page's batch: the handler's plan plus the marker, failed events and audit rows. */

import type { FeedEntry } from '../atom/feed-page.ts';
import type { Random } from '../ports/ports.ts';
import type { BatchPlan, FailedEvent, FeedMarker, NewAuditRow } from '../store/store-port.ts';
import { type FailurePolicy, failedEventId, planFailedEvent } from './failed-event-policy.ts';
import { type FeedWarning, warningAuditRow } from './feed-warning.ts';
import { objectRefOfEntry } from './object-ref.ts';
import type { EntryFailure, HandleResult } from './read-feed-types.ts';

/** Inputs of {@linkcode planPageBatch}. */
export interface PageBatchInput {
  feed: string;
  /** Entries handed to the handler. */
  handed: readonly FeedEntry[];
  /** The handler's answer; undefined when nothing was handed. */
  result?: HandleResult;
  /** The marker to write with the batch; undefined to leave it. */
  marker?: FeedMarker;
  /** This feed's pull failed events as stored, by id. */
  known: ReadonlyMap<string, FailedEvent>;
  warnings?: readonly FeedWarning[];
  now: number;
  random: Random;
  policy?: FailurePolicy;
  instanceId: string;
}

/** The plan to apply, and the failed events it puts and deletes (to keep the caller's view current). */
export interface PageBatch {
  plan: BatchPlan;
  put: FailedEvent[];
  deleted: string[];
}

/**
 * Appends to the handler's plan: a failed event per failure (attempts counted on from the stored
 * one), a `failure` audit row for each, the deletion of stored failed events that a handed,
 * successful entry settles (its own, and older ones about the same object: sync moves whole
 * objects, so the success brought the object up to date), the warnings' audit rows, and the marker.
 *
 * @example
 * ```ts
 * const { plan } = planPageBatch({ feed, handed, result, marker, known, now: 0, random, instanceId: '' });
 * await store.applyBatch(plan);
 * ```
 */
export function planPageBatch(input: PageBatchInput): PageBatch {
  const { feed, result, known, now, instanceId } = input;
  const failures = lastPerEntry(result?.failures ?? []);
  const put = failures.map(({ entry, error }) =>
    planFailedEvent(known.get(pullId(feed, entry.id)), { feed, entry, error, now, random: input.random, ...policyOf(input) }));
  const putIds = new Set(put.map((e) => e.id));
  const failedEntryIds = new Set(failures.map((f) => f.entry.id));
  const succeeded = input.handed.filter((entry) => !failedEntryIds.has(entry.id));
  const deleted = settledIds(feed, succeeded, known).filter((id) => !putIds.has(id));
  const base = result?.plan ?? {};
  const audit: NewAuditRow[] = [
    ...(base.audit ?? []),
    ...failures.map((failure, i) => failureAuditRow(failure, put[i] as FailedEvent, { now, instanceId })),
    ...(input.warnings ?? []).map((w) => warningAuditRow(w, { feed, now, instanceId })),
  ];
  const plan: BatchPlan = { ...base };
  if (audit.length > 0) plan.audit = audit;
  if (put.length > 0 || deleted.length > 0 || base.failedEvents) {
    plan.failedEvents = {
      put: [...(base.failedEvents?.put ?? []), ...put],
      delete: [...(base.failedEvents?.delete ?? []), ...deleted],
    };
  }
  if (input.marker) plan.markers = [...(base.markers ?? []), input.marker];
  return { plan, put, deleted };
}

/** The id of a pull failed event of `feed` for entry `entryId`. */
export function pullId(feed: string, entryId: string): string {
  return failedEventId({ direction: 'pull', feed, entryId });
}

/** One failure per entry (the last reported), so the plan never puts one id twice. */
function lastPerEntry(failures: readonly EntryFailure[]): EntryFailure[] {
  return [...new Map(failures.map((f) => [f.entry.id, f] as const)).values()];
}

function policyOf(input: PageBatchInput): { policy?: FailurePolicy } {
  return input.policy ? { policy: input.policy } : {};
}

/** Stored failed events that the successful entries settle. */
function settledIds(feed: string, succeeded: readonly FeedEntry[], known: ReadonlyMap<string, FailedEvent>): string[] {
  if (known.size === 0) return [];
  const objects = new Set<string>();
  const ids = new Set<string>();
  for (const entry of succeeded) {
    if (known.has(pullId(feed, entry.id))) ids.add(pullId(feed, entry.id));
    const ref = objectRefOfEntry(entry);
    if (ref) objects.add(`${ref.category}/${ref.uuid}`);
  }
  for (const event of known.values()) {
    if (objects.has(`${event.category}/${event.uuid}`)) ids.add(event.id);
  }
  return [...ids];
}

function failureAuditRow(failure: EntryFailure, event: FailedEvent, context: { now: number; instanceId: string }): NewAuditRow {
  const { entry, error } = failure;
  return {
    at: context.now,
    operation: 'failure',
    category: entry.category,
    action: entry.action,
    uuid: event.uuid,
    outcome: 'failed',
    details: {
      entryId: entry.id, code: error.code, message: error.message, attempts: event.attempts, dead: event.dead,
      ...(event.nextRetryAt !== undefined ? { nextRetryAt: event.nextRetryAt } : {}),
    },
    instanceId: context.instanceId,
  };
}
