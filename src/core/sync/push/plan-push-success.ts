/** Planning what a push the parent acknowledged leaves behind: the new base, the object, audit, marker. */

import type { CategoryInfo } from '../../categories/category-table.ts';
import { canonicalHash } from '../../hash/canonical-hash.ts';
import type { BatchPlan, JsonObject, NewAuditRow, StoredObject } from '../../store/store-port.ts';
import { baseOf, stateHashOf } from '../conflict/object-state.ts';
import { planTakeParent } from '../conflict/plan-take-parent.ts';
import { type PushPlanContext, pushAuditRow, settledPart } from './_push-audit.ts';
import type { ParentNow, PushDecision } from './decide-push.ts';

/** What the parent holds after the write: the body it returned or re-read, or a removal. */
export type PushAck = { body: JsonObject; version?: string } | { removed: true; version?: string };

/** The parent's state read before deciding, as the acknowledgement of an `already` decision. */
export function ackOfParent(parentNow: ParentNow): PushAck {
  if ('body' in parentNow) return { body: parentNow.body, ...opt(parentNow.version) };
  return { removed: true, ...opt('version' in parentNow ? parentNow.version : undefined) };
}

export interface PlanPushSuccessOptions extends PushPlanContext {
  /** The decision that led here: a `write` (its body is what was sent) or `already`. */
  decision: Extract<PushDecision, { kind: 'write' } | { kind: 'already' }>;
  /** The object as read when deciding; default `stored`. Differs when a local write landed meanwhile. */
  from?: Pick<StoredObject, 'hash' | 'removed'>;
  /** Event id of the change row written when the object takes the parent's body. */
  eventId: string;
  /** @default defaultCategories */
  categories?: readonly CategoryInfo[];
}

/**
 * The plan after the parent said yes (or was found holding our state). The base becomes what the
 * parent now holds (`ack`, not the body sent); after a removal it is the null-body base, even if
 * the parent returned its voided body. When the local object is unchanged since the decision: equal
 * by hash to `ack`, the local body stays (they differ at most in ignored fields) and only the base
 * moves; otherwise (a merged body, or a parent that normalised what it got) the object takes the
 * parent's version, with a change row of origin `parent` for this node's children. When a local
 * write landed meanwhile it is kept, and the base moves only if the parent holds exactly what was
 * decided on, so the next push still merges against the parent's changes. Audit: a `push` row
 * (`noop` for `already`), plus `merge` or `resolve` for merged or policy writes; the object's push
 * failed event is cleared; the marker moves when given. Precondition: the version read.
 *
 * @example
 * ```ts
 * const { plan } = planPushSuccess(stored, { body: returned, version: '8' }, { decision, now, instanceId, eventId });
 * ```
 */
export function planPushSuccess(stored: StoredObject, ack: PushAck, options: PlanPushSuccessOptions): { plan: BatchPlan; object: StoredObject } {
  const { decision } = options;
  const removal = 'removed' in ack || (decision.kind === 'write' && decision.body === null) || (decision.kind === 'already' && stored.removed);
  const ackState = removal || 'removed' in ack ? null : ack.body;
  const ackHash = canonicalHash(ackState);
  const version = ack.version;
  const moved = stateHashOf(stored) !== stateHashOf(options.from ?? stored);
  let written: { object: StoredObject; plan: BatchPlan };
  if (!moved && ackHash !== stateHashOf(stored)) {
    written = planTakeParent(stored, ackState, { now: options.now, eventId: options.eventId, categories: options.categories, ...opt(version) });
  } else {
    const baseMoves = !moved || ackHash === stateHashOf(options.from ?? stored);
    const object: StoredObject = baseMoves ? { ...stored, base: baseOf(ackState, version) } : stored;
    written = { object, plan: { preconditions: [{ category: stored.category, uuid: stored.uuid, version: stored.version }], objects: [object] } };
  }
  const audit = successAudit(stored, { ...options, ackHash, moved, tookParent: written.plan.changes !== undefined, version });
  const plan: BatchPlan = { ...written.plan, ...settledPart(stored, options), audit };
  return { plan, object: written.object };
}

function successAudit(
  stored: StoredObject,
  info: PlanPushSuccessOptions & { ackHash: string; moved: boolean; tookParent: boolean; version: string | undefined },
): NewAuditRow[] {
  const { decision } = info;
  const details: Record<string, unknown> = { hash: info.ackHash, ...opt(info.version) };
  if (decision.kind === 'already') details['already'] = true;
  else Object.assign(details, { op: decision.op, basis: decision.basis });
  if (info.tookParent) details['tookParentBody'] = true;
  if (info.moved) details['localChangedMeanwhile'] = true;
  const rows = [pushAuditRow(stored, { operation: 'push', outcome: decision.kind === 'already' ? 'noop' : 'ok', details }, info)];
  if (decision.kind === 'write' && decision.basis === 'merged') {
    rows.push(pushAuditRow(stored, { operation: 'merge', outcome: 'ok', details: { fields: decision.fields ?? [] } }, info));
  }
  if (decision.kind === 'write' && decision.policy) {
    rows.push(pushAuditRow(stored, { operation: 'resolve', outcome: 'ok', details: { by: 'policy', ...decision.policy } }, info));
  }
  return rows;
}

function opt(version: string | undefined): { version?: string } {
  return version === undefined ? {} : { version };
}
