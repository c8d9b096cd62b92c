/** Pushes one object: negotiates with the parent, then gives the plan that settles it (success, no write, or failure). */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { WritableResourceManager } from '../../clients/resource-manager.ts';
import { isSyncError } from '../../errors/sync-error.ts';
import type { FailurePolicy } from '../../feed/failed-event-policy.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import type { Random } from '../../ports/ports.ts';
import type { BatchPlan, ConflictRecord, FailedEvent, FeedMarker, SerializedFailure, StoredObject } from '../../store/store-port.ts';
import { closeSuperseded } from '../conflict/close-superseded.ts';
import type { ConflictPolicy, PolicyClocks } from '../conflict/resolve-by-policy.ts';
import { type Negotiated, negotiate } from './_negotiate.ts';
import { concatPlans } from './concat-plans.ts';
import { planPushFailure } from './plan-push-failure.ts';
import { planPushNoWrite } from './plan-push-no-write.ts';
import { planPushSuccess } from './plan-push-success.ts';
import type { PushItem } from './select-push-rows.ts';

/** What pushing one object needs. */
export interface PushObjectContext {
  manager: WritableResourceManager;
  now: () => number;
  instanceId: string;
  newId: () => string;
  random: Random;
  policy: ConflictPolicy;
  failurePolicy?: FailurePolicy;
  categories: readonly CategoryInfo[];
  deep: boolean;
  clocks: PolicyClocks;
  signal?: AbortSignal;
}

/** The object, as read before pushing, and what is stored about it. */
export interface PushObjectInput {
  stored: StoredObject;
  item?: PushItem;
  /** Its push failed event, if it failed before. */
  failed?: FailedEvent;
  /** Its conflict record, if any (an open one keeps its `createdAt`). */
  conflict?: ConflictRecord;
}

export type PushOutcome = 'pushed' | 'merged' | 'already' | 'took-parent' | 'conflict' | 'failed' | 'nothing';

/** The outcome, and the plan that settles the object. */
export interface PushObjectResult {
  outcome: PushOutcome;
  /**
   * The plan for the object as stored now (`current`; the marker added when given), or undefined
   * when it cannot be settled now (a local write landed before a plan that does not allow it).
   */
  plan(current: StoredObject, marker?: FeedMarker): BatchPlan | undefined;
  /** The parent acknowledged (its body and the time of its answer, for the ack clock). */
  acked?: { date?: number; body?: StoredObject['body'] };
  /** The parent did not answer at all: the run stops after recording this object. */
  stop?: SerializedFailure;
}

const stopCodes = new Set(['PARENT_UNREACHABLE', 'HTTP_TIMEOUT']);

/**
 * Pushes `input.stored` ({@linkcode negotiate}) and returns its outcome with a planner: success →
 * `planPushSuccess` (base = what the parent holds now), no write → `planPushNoWrite` (nothing,
 * the parent's version, a conflict), failure → `planPushFailure` (backoff, dead letter). Nothing
 * is written here. Throws only PARENT_UNAUTHORIZED and ABORTED.
 *
 * @example
 * ```ts
 * const result = await pushObject({ stored, item }, context);
 * await store.applyBatch(result.plan(stored, marker)!);
 * ```
 */
export async function pushObject(input: PushObjectInput, context: PushObjectContext): Promise<PushObjectResult> {
  let negotiated: Negotiated;
  try {
    negotiated = await negotiate(input.stored, {
      manager: context.manager, categories: context.categories, policy: context.policy, clocks: context.clocks, deep: context.deep,
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    if (isSyncError(error, 'PARENT_UNAUTHORIZED') || isSyncError(error, 'ABORTED') || context.signal?.aborted) throw error;
    negotiated = { kind: 'failed', error: serializeFailure(error) };
  }
  return resultOf(negotiated, input, context);
}

/** The plan options every outcome shares (the marker is added per call). */
interface PlanBase {
  now: number;
  instanceId: string;
  eventId: string;
  categories: readonly CategoryInfo[];
  item?: PushItem;
  url?: string;
  client?: string;
}

function resultOf(negotiated: Negotiated, input: PushObjectInput, context: PushObjectContext): PushObjectResult {
  const base: PlanBase = {
    now: context.now(), instanceId: context.instanceId, eventId: context.newId(), categories: context.categories,
    ...(input.item ? { item: input.item } : {}), ...(negotiated.url !== undefined ? { url: negotiated.url } : {}),
    ...(negotiated.client !== undefined ? { client: negotiated.client } : {}),
  };
  if (negotiated.kind === 'failed') return failedResult(negotiated.error, input, { base, context });
  const close = (resolution: 'local' | 'parent' | 'merged', how: string): BatchPlan =>
    closeSuperseded(input.conflict, { resolution, how: `push:${how}`, now: base.now, instanceId: context.instanceId });
  if (negotiated.kind === 'no-write') {
    const { decision } = negotiated;
    const outcome: PushOutcome = decision.kind === 'conflict' ? 'conflict' : decision.kind === 'nothing' ? 'nothing' : 'took-parent';
    const closing = outcome === 'conflict' ? {} : close(outcome === 'took-parent' ? 'parent' : 'local', outcome);
    const existing = input.conflict ? { existingConflict: input.conflict } : {};
    return {
      outcome,
      // A no-write plan stands only for the object as decided on: a local write since means deciding again next run.
      plan: (current, marker) => (current.version !== input.stored.version ? undefined
        : concatPlans([planPushNoWrite(current, decision, { ...base, ...opt(marker), ...existing }).plan, closing])),
    };
  }
  const { decision, ack } = negotiated;
  const merged = decision.kind === 'write' && decision.basis === 'merged' && decision.fields !== undefined;
  const outcome: PushOutcome = decision.kind === 'already' ? 'already' : merged ? 'merged' : 'pushed';
  const closing = close(merged || outcome === 'already' ? 'merged' : 'local', outcome);
  return {
    outcome,
    acked: { ...(negotiated.date !== undefined ? { date: negotiated.date } : {}), body: 'body' in ack ? ack.body : null },
    plan: (current, marker) => concatPlans([planPushSuccess(current, ack, { ...base, ...opt(marker), decision, from: input.stored }).plan, closing]),
  };
}

function failedResult(error: SerializedFailure, input: PushObjectInput, env: { base: PlanBase; context: PushObjectContext }): PushObjectResult {
  const { context } = env;
  const options = { random: context.random, ...(context.failurePolicy ? { policy: context.failurePolicy } : {}), ...(input.failed ? { existing: input.failed } : {}) };
  return {
    outcome: 'failed', ...(stopCodes.has(error.code) ? { stop: error } : {}),
    plan: (_current, marker) => planPushFailure(input.stored, error, { ...env.base, ...opt(marker), ...options }).plan,
  };
}

function opt(marker: FeedMarker | undefined): { marker?: FeedMarker } {
  return marker ? { marker } : {};
}
