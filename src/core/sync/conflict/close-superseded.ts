/** Closing an open conflict that later events made moot: the object settled with the parent another way. */

import type { BatchPlan, ConflictRecord, NewAuditRow } from '../../store/store-port.ts';

/**
 * The plan part that closes `conflict` when it is still open (nothing otherwise): `resolvedAt` and
 * `resolution` set, and a `resolve` audit row saying it was superseded by `how` (e.g. a later local
 * edit that was pushed, or a parent version that was applied), so the queue never holds a record
 * that can no longer be resolved.
 *
 * @example
 * ```ts
 * concatPlans([successPlan, closeSuperseded(conflict, { resolution: 'local', how: 'pushed', now, instanceId })]);
 * ```
 */
export function closeSuperseded(
  conflict: ConflictRecord | undefined,
  options: { resolution: NonNullable<ConflictRecord['resolution']>; how: string; now: number; instanceId: string },
): BatchPlan {
  if (!conflict || conflict.resolvedAt !== undefined) return {};
  const closed: ConflictRecord = { ...conflict, resolvedAt: options.now, resolution: options.resolution };
  const audit: NewAuditRow = {
    at: options.now, operation: 'resolve', category: conflict.category, uuid: conflict.uuid, outcome: 'ok',
    details: { conflictId: conflict.id, reason: conflict.reason, resolution: options.resolution, by: 'superseded', how: options.how },
    instanceId: options.instanceId,
  };
  return { conflicts: { put: [closed] }, audit: [audit] };
}
