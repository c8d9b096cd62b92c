/** Planning a failed push: the object's failed event (backoff, then dead letter) and a failure audit row. */

import { type FailurePolicy, planFailedEvent } from '../../feed/failed-event-policy.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import type { Random } from '../../ports/ports.ts';
import type { BatchPlan, FailedEvent, SerializedFailure } from '../../store/store-port.ts';
import { type PushPlanContext, pushAuditRow } from './_push-audit.ts';
import { pushFeed } from './push-marker.ts';

export interface PlanPushFailureOptions extends PushPlanContext {
  /** The object's push failed event as stored, when it failed before. */
  existing?: FailedEvent;
  random: Random;
  policy?: FailurePolicy;
}

/**
 * The failed event of a push that failed (`error`: a SyncError, anything thrown, or a serialized
 * failure), one per object (id `push:push:category/uuid`), its attempts counted and its next retry
 * planned by `planFailedEvent`; a dead letter at the limit. The object and its change rows stay
 * as they are: a local change is never dropped here. A `failure` audit row; the marker moves when
 * given (the failed event now carries the object).
 *
 * @example
 * ```ts
 * const { plan, failed } = planPushFailure(item, err, { now, instanceId, random: Math.random, existing });
 * ```
 */
export function planPushFailure(
  ref: { category: string; uuid: string },
  error: unknown,
  options: PlanPushFailureOptions,
): { plan: BatchPlan; failed: FailedEvent } {
  const failure = isSerializedFailure(error) ? error : serializeFailure(error);
  const feed = options.feed ?? pushFeed;
  const action = options.item?.last.action;
  const failed = planFailedEvent(options.existing, {
    feed, direction: 'push', ref: { category: ref.category, uuid: ref.uuid, ...(action ? { action } : {}) },
    error: failure, now: options.now, random: options.random, ...(options.policy ? { policy: options.policy } : {}),
  });
  const audit = pushAuditRow(ref, {
    operation: 'failure', outcome: 'failed',
    details: { direction: 'push', error: failure, attempts: failed.attempts, dead: failed.dead, ...(failed.nextRetryAt !== undefined ? { nextRetryAt: failed.nextRetryAt } : {}) },
  }, options);
  return { plan: { failedEvents: { put: [failed] }, audit: [audit], ...(options.marker ? { markers: [options.marker] } : {}) }, failed };
}

function isSerializedFailure(value: unknown): value is SerializedFailure {
  if (value instanceof Error || typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['code'] === 'string' && typeof v['message'] === 'string';
}
