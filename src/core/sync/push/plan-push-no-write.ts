/** Planning the push decisions that send nothing: nothing to send, the parent's version stands, or a conflict to queue. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import type { BatchPlan, ConflictRecord, StoredObject } from '../../store/store-port.ts';
import { baseOf } from '../conflict/object-state.ts';
import { planConflict } from '../conflict/plan-conflict.ts';
import { planTakeParent } from '../conflict/plan-take-parent.ts';
import { type PushPlanContext, pushAuditRow, settledPart } from './_push-audit.ts';
import type { PushDecision } from './decide-push.ts';

export interface PlanPushNoWriteOptions extends PushPlanContext {
  /** Event id of the change row written when the object takes the parent's version. */
  eventId: string;
  /** The conflict record stored for this object, so a replay keeps its `createdAt`. */
  existingConflict?: ConflictRecord;
  /** @default defaultCategories */
  categories?: readonly CategoryInfo[];
}

/**
 * The plan of a decision that writes nothing to the parent; each settles the object (its push
 * failed event cleared, the marker moved when given):
 * - `nothing`: the base becomes the null-body base (removed on both sides); a `push` noop row.
 * - `take-parent`: the object becomes the parent's version (see `planTakeParent`); a `push` noop
 *   row, plus a `resolve` row when a policy chose it.
 * - `conflict`: the conflict record (see `planConflict`), the object left as it is.
 *
 * @example
 * ```ts
 * if (d.kind === 'conflict') await store.applyBatch(planPushNoWrite(stored, d, { now, instanceId, eventId }).plan);
 * ```
 */
export function planPushNoWrite(
  stored: StoredObject,
  decision: Extract<PushDecision, { kind: 'nothing' | 'take-parent' | 'conflict' }>,
  options: PlanPushNoWriteOptions,
): { plan: BatchPlan; conflict?: ConflictRecord } {
  const settled = settledPart(stored, options);
  if (decision.kind === 'conflict') {
    const { conflict, plan } = planConflict(
      { stored, parent: decision.parent, reason: decision.reason, fields: decision.fields, paths: decision.paths },
      {
        now: options.now, instanceId: options.instanceId, details: { direction: 'push', policy: decision.policy },
        ...(options.existingConflict ? { existing: options.existingConflict } : {}),
        ...(options.url !== undefined ? { url: options.url } : {}), ...(options.client !== undefined ? { client: options.client } : {}),
      },
    );
    return { plan: { ...plan, ...settled }, conflict };
  }
  if (decision.kind === 'nothing') {
    const object: StoredObject = { ...stored, base: baseOf(null) };
    const audit = pushAuditRow(stored, { operation: 'push', outcome: 'noop', details: { nothing: 'removed before it reached the parent' } }, options);
    return { plan: { preconditions: [precondition(stored)], objects: [object], audit: [audit], ...settled } };
  }
  const taken = planTakeParent(stored, decision.parent, {
    now: options.now, eventId: options.eventId, categories: options.categories,
    ...(decision.version !== undefined ? { version: decision.version } : {}),
  });
  const audit = [pushAuditRow(stored, { operation: 'push', outcome: 'noop', details: { took: 'parent', basis: decision.basis } }, options)];
  if (decision.policy) {
    audit.push(pushAuditRow(stored, { operation: 'resolve', outcome: 'ok', details: { by: 'policy', ...decision.policy } }, options));
  }
  return { plan: { ...taken.plan, audit, ...settled } };
}

function precondition(stored: StoredObject): { category: string; uuid: string; version: string } {
  return { category: stored.category, uuid: stored.uuid, version: stored.version };
}
