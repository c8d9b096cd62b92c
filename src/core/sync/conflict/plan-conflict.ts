/** Planning a conflict: the record keeping both versions (stable id, so a replay rewrites the same one) and its audit row. */

import { canonicalHash } from '../../hash/canonical-hash.ts';
import type { BatchPlan, ConflictRecord, JsonObject, NewAuditRow, StoredObject } from '../../store/store-port.ts';
import { localStateOf, objectKey } from './object-state.ts';
import type { ConflictReason } from './three-way-merge.ts';

/** What was found: the stored object (local side and base) and the parent's version. */
export interface ConflictInput {
  stored: StoredObject;
  /** The parent's body; null when removed (or missing) there. */
  parent: JsonObject | null;
  reason: ConflictReason;
  /** Top-level fields in conflict (from {@linkcode threeWayMerge}). */
  fields: readonly string[];
  /** The places in conflict, for the audit row. */
  paths?: readonly string[];
}

export interface PlanConflictOptions {
  /** Clock time (ms). */
  now: number;
  instanceId: string;
  /** The record already stored under this id: an open one keeps its `createdAt`. */
  existing?: ConflictRecord;
  /** Extra audit details, e.g. `{ direction: 'push', policy }`. */
  details?: Record<string, unknown>;
  /** URL and client of the read that found the parent's version. */
  url?: string;
  client?: string;
}

/** The record's id: `category/uuid`, one open conflict per object. */
export function conflictId(category: string, uuid: string): string {
  return objectKey(category, uuid);
}

/**
 * The conflict record (base, local and parent bodies; local null when removed here) and a plan
 * that puts it with a `conflict` audit row. The object itself is not touched: the local version
 * stays until a person (or a policy) resolves. Replaying the plan rewrites the same record.
 *
 * @example
 * ```ts
 * const { conflict, plan } = planConflict({ stored, parent, reason: 'overlap', fields: ['gender'] }, { now, instanceId });
 * conflict.id; // 'patient/b79dc6d8-…'
 * ```
 */
export function planConflict(input: ConflictInput, options: PlanConflictOptions): { conflict: ConflictRecord; plan: BatchPlan } {
  const { stored, parent } = input;
  const id = conflictId(stored.category, stored.uuid);
  const open = options.existing && options.existing.resolvedAt === undefined ? options.existing : undefined;
  const local = localStateOf(stored);
  const conflict: ConflictRecord = {
    id, category: stored.category, uuid: stored.uuid, representation: stored.representation,
    base: stored.base?.body ?? null, local, parent, fields: [...input.fields], reason: input.reason,
    createdAt: open?.createdAt ?? options.now,
  };
  const audit: NewAuditRow = {
    at: options.now, operation: 'conflict', category: stored.category, uuid: stored.uuid, outcome: 'conflict',
    details: {
      conflictId: id, reason: input.reason, fields: [...input.fields], ...(input.paths ? { paths: [...input.paths] } : {}),
      localHash: canonicalHash(local), parentHash: canonicalHash(parent), ...(stored.base ? { baseHash: stored.base.hash } : {}),
      ...options.details,
    },
    instanceId: options.instanceId,
  };
  if (options.url !== undefined) audit.url = options.url;
  if (options.client !== undefined) audit.client = options.client;
  return { conflict, plan: { conflicts: { put: [conflict] }, audit: [audit] } };
}
