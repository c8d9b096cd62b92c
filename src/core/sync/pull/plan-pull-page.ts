/** Pure planning of a page's pull: decisions per coalesced object, turned into objects, change rows, conflicts and audit rows. */

import type { FeedEntry } from '../../atom/feed-page.ts';
import { type CategoryInfo, defaultCategories, findCategory } from '../../categories/category-table.ts';
import type { FetchOutcome } from '../../clients/resource-manager.ts';
import type { EntryFailure } from '../../feed/read-feed-types.ts';
import type { BatchPlan, ConflictRecord, SerializedFailure, StoredObject } from '../../store/store-port.ts';
import { type Acc, planDecision } from './_plan-decision.ts';
import { type PullAuditFields, pullAuditRow } from './_pull-rows.ts';
import { type CoalescedObject, objectKey } from './coalesce-entries.ts';
import { decidePull, type IncomingObject } from './decide-pull.ts';
import { emptyCounts, type PullCounts } from './pull-types.ts';

/** Everything the planner needs, read beforehand. */
export interface PullPageInput {
  objects: readonly CoalescedObject[];
  /** Entries whose content names no object: they fail. */
  unnamed?: readonly FeedEntry[];
  /** Fetch outcomes by `category/uuid`, for the objects with `fetch: true`. */
  outcomes: ReadonlyMap<string, FetchOutcome>;
  /** Stored objects by `category/uuid`. */
  stored: ReadonlyMap<string, StoredObject>;
  /** Stored conflict records by id, so a replay keeps their `createdAt`. */
  conflicts?: ReadonlyMap<string, ConflictRecord>;
  now: number;
  instanceId: string;
  /** Audit operation: `retry` for failed-event retries. @default 'pull' */
  operation?: 'pull' | 'retry';
  /** Gives the removal action and tombstone form of a category. @default defaultCategories */
  categories?: readonly CategoryInfo[];
}

/** The page's plan, the entries that failed, and what was planned. */
export interface PullPagePlan {
  plan: BatchPlan;
  failures: EntryFailure[];
  counts: PullCounts;
}


const unnamedError: SerializedFailure = { code: 'OBJECT_INVALID', message: 'The entry\'s content links name no object' };

/**
 * Plans a page: per object a decision against the stored one. `apply` writes the object (with a
 * precondition on the version read, so a concurrent local write is never overwritten) and a
 * change row, in the order of the objects; a base refresh writes the object only; `merge` writes
 * the merged body with a change row of origin `local` (so push sends it) and a `merge` audit row;
 * `keep-local` puts the conflict (its stored `createdAt` kept) with its `conflict` audit row
 * (see `planConflict`). Every object gets a `pull` (or `retry`) audit
 * row. A failed fetch becomes a failure of the object's last entry; `gone` for a non-removal
 * marks the object removed, logged with the category's removal action.
 *
 * @example
 * ```ts
 * const { plan, failures } = planPullPage({ objects, outcomes, stored, now: 0, instanceId: 'hub' });
 * ```
 */
export function planPullPage(input: PullPageInput): PullPagePlan {
  const acc: Acc = {
    preconditions: [], objects: [], changes: [], conflicts: [], audit: [], failures: [],
    counts: { ...emptyCounts(), objects: input.objects.length },
  };
  for (const o of input.objects) planObject(acc, o, input);
  for (const entry of input.unnamed ?? []) acc.failures.push({ entry, error: unnamedError });
  acc.counts.entries += input.unnamed?.length ?? 0;
  acc.counts.failed += input.unnamed?.length ?? 0;
  return { plan: assemble(acc), failures: acc.failures, counts: acc.counts };
}

function planObject(acc: Acc, o: CoalescedObject, input: PullPageInput): void {
  const key = objectKey(o.category, o.uuid);
  const audit = (fields: PullAuditFields): void => {
    acc.audit.push(pullAuditRow(o, fields, { at: input.now, instanceId: input.instanceId, operation: input.operation ?? 'pull' }));
  };
  acc.counts.entries += o.entries.length;
  const fetched = o.fetch ? input.outcomes.get(key) ?? missingOutcome(o) : undefined;
  if (fetched) acc.counts.fetched += 1;
  if (fetched?.kind === 'failed') {
    acc.failures.push({ entry: o.last, error: fetched.error });
    acc.counts.failed += 1;
    return audit({ outcome: 'failed', fetched, details: { code: fetched.error.code, message: fetched.error.message } });
  }
  const stored = input.stored.get(key);
  const category = findCategory(o.category, input.categories ?? defaultCategories);
  const decision = decidePull(stored, incomingOf(fetched), {
    category: o.category, uuid: o.uuid, now: input.now, representation: category?.fhirType ? 'fhir' : 'rest',
  });
  planDecision(acc, {
    o, decision, stored, fetched, removal: category?.removal ?? 'DELETED', audit, now: input.now, instanceId: input.instanceId,
    ...(input.conflicts ? { conflicts: input.conflicts } : {}), ...(input.categories ? { categories: input.categories } : {}),
  });
}

function missingOutcome(o: CoalescedObject): FetchOutcome {
  const error = { code: 'UNEXPECTED', message: 'The resource manager gave no outcome for this object' };
  return { kind: 'failed', request: { category: o.category, uuid: o.uuid, links: o.last.links }, error };
}

function incomingOf(outcome: FetchOutcome | undefined): IncomingObject {
  if (outcome?.kind !== 'found') return { removed: true };
  const { representation, body, version } = outcome;
  return version === undefined ? { representation, body } : { representation, body, version };
}

function assemble(acc: Acc): BatchPlan {
  const plan: BatchPlan = {};
  if (acc.preconditions.length > 0) plan.preconditions = acc.preconditions;
  if (acc.objects.length > 0) plan.objects = acc.objects;
  if (acc.changes.length > 0) plan.changes = acc.changes;
  if (acc.conflicts.length > 0) plan.conflicts = { put: acc.conflicts };
  if (acc.audit.length > 0) plan.audit = acc.audit;
  return plan;
}
