/** Planning a failed event after a failure: attempts, next retry with backoff and jitter, dead letter at the limit. */

import type { FeedEntry } from '../atom/feed-page.ts';
import type { FeedAction } from '../categories/category-table.ts';
import type { Random } from '../ports/ports.ts';
import type { FailedEvent, SerializedFailure } from '../store/store-port.ts';
import { decorrelatedJitterDelay, fullJitterDelay } from '../http/backoff-delay.ts';
import { objectRefOfEntry } from './object-ref.ts';

/** Retry schedule of failed events. */
export interface FailurePolicy {
  /** Cap of the first retry delay (full jitter) or its floor (decorrelated). @default 30_000 */
  baseDelayMs?: number;
  /** @default 6 hours */
  maxDelayMs?: number;
  /** The failure that reaches this count makes a dead letter. @default 8 */
  maxAttempts?: number;
  /** @default 'full' */
  jitter?: 'full' | 'decorrelated';
}

/** The object a failure is about, when there is no feed entry (a push, or a rebuilt retry). */
export interface FailedRef {
  category: string;
  uuid: string;
  entryId?: string;
  action?: FeedAction;
  links?: Record<string, string>;
}

/** Options of {@linkcode planFailedEvent}. */
export interface PlanFailedEventOptions {
  feed: string;
  /** @default 'pull' */
  direction?: 'pull' | 'push';
  entry?: Pick<FeedEntry, 'id' | 'category' | 'action' | 'links'>;
  ref?: FailedRef;
  error: SerializedFailure;
  /** Clock time (ms) of the failure. */
  now: number;
  random: Random;
  policy?: FailurePolicy;
}

/**
 * The stable id of a failed event: direction, feed, and the entry id (or category/uuid).
 *
 * @example
 * ```ts
 * failedEventId({ direction: 'pull', feed: 'patient', entryId: 'e1' }); // 'pull:patient:e1'
 * ```
 */
export function failedEventId(key: { direction: 'pull' | 'push'; feed: string; entryId?: string; category?: string; uuid?: string }): string {
  const tail = key.entryId ?? `${key.category ?? ''}/${key.uuid ?? ''}`;
  return `${key.direction}:${key.feed}:${tail}`;
}

/**
 * The failed event to store after a failure: `attempts` + 1, the first failure time kept, the next
 * retry after a jittered exponential delay; at `maxAttempts` a dead letter (no `nextRetryAt`).
 * Pure: `now` and `random` are given.
 *
 * @example A first failure
 * ```ts
 * planFailedEvent(undefined, { feed, entry, error, now: 0, random: () => 0.5 });
 * // { attempts: 1, nextRetryAt: 15_000, dead: false, … }
 * ```
 */
export function planFailedEvent(existing: FailedEvent | undefined, options: PlanFailedEventOptions): FailedEvent {
  const { feed, direction = existing?.direction ?? 'pull', entry, ref, error, now } = options;
  const { maxAttempts = 8 } = options.policy ?? {};
  const entryId = entry?.id ?? ref?.entryId ?? existing?.entryId;
  const category = entry?.category ?? ref?.category ?? existing?.category ?? '';
  const uuid = ref?.uuid ?? (entry && objectRefOfEntry(entry)?.uuid) ?? existing?.uuid ?? entryId ?? '';
  const action = entry?.action ?? ref?.action ?? existing?.action;
  const links = entry?.links ?? ref?.links ?? existing?.links;
  const attempts = (existing?.attempts ?? 0) + 1;
  const dead = attempts >= maxAttempts;
  const planned: FailedEvent = {
    id: existing?.id ?? failedEventId({ direction, feed, category, uuid, ...(entryId !== undefined ? { entryId } : {}) }),
    direction, feed, category, uuid, error, attempts, dead,
    firstFailedAt: existing?.firstFailedAt ?? now,
    lastFailedAt: now,
  };
  if (entryId !== undefined) planned.entryId = entryId;
  if (action !== undefined) planned.action = action;
  if (links !== undefined) planned.links = { ...links };
  if (!dead) planned.nextRetryAt = now + failureDelayMs(attempts, existing, options);
  return planned;
}

/** The delay before retry number `attempts` under the policy's jitter. */
export function failureDelayMs(
  attempts: number,
  existing: FailedEvent | undefined,
  options: Pick<PlanFailedEventOptions, 'random' | 'policy'>,
): number {
  const { baseDelayMs = 30_000, maxDelayMs = 6 * 3_600_000, jitter = 'full' } = options.policy ?? {};
  const bounds = { baseDelayMs, maxDelayMs };
  if (jitter === 'full') return fullJitterDelay(attempts, bounds, options.random);
  const previous = existing?.nextRetryAt !== undefined ? existing.nextRetryAt - existing.lastFailedAt : baseDelayMs;
  return decorrelatedJitterDelay(previous, bounds, options.random);
}
