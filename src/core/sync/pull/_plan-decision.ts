/** Turning one pull decision into rows of the page's plan: objects and preconditions, change rows, conflicts, audit rows. */

import type { CategoryInfo, FeedAction } from '../../categories/category-table.ts';
import type { FetchOutcome } from '../../clients/resource-manager.ts';
import type { EntryFailure } from '../../feed/read-feed-types.ts';
import type { ConflictRecord, NewAuditRow, NewChange, Precondition, StoredObject } from '../../store/store-port.ts';
import { closeSuperseded } from '../conflict/close-superseded.ts';
import { planConflict } from '../conflict/plan-conflict.ts';
import { hasUnpushedChange } from '../conflict/object-state.ts';
import { derivedEventId, mergeRows, type PullAuditFields, pullChangeRow } from './_pull-rows.ts';
import type { CoalescedObject } from './coalesce-entries.ts';
import type { PullDecision } from './decide-pull.ts';
import type { PullCounts } from './pull-types.ts';

/** What the page's plan accumulates. */
export interface Acc {
  preconditions: Precondition[];
  objects: StoredObject[];
  changes: NewChange[];
  conflicts: ConflictRecord[];
  audit: NewAuditRow[];
  failures: EntryFailure[];
  counts: PullCounts;
}

/** The inputs of {@linkcode planDecision} for one object. */
export interface DecisionContext {
  o: CoalescedObject;
  decision: PullDecision;
  stored: StoredObject | undefined;
  fetched: FetchOutcome | undefined;
  now: number;
  instanceId: string;
  conflicts?: ReadonlyMap<string, ConflictRecord>;
  categories?: readonly CategoryInfo[];
  removal: FeedAction;
  audit(fields: PullAuditFields): void;
}

/** The rows of one decision: objects with their precondition, change rows, conflicts and audit rows. */
export function planDecision(acc: Acc, dc: DecisionContext): void {
  const { o, decision, stored, fetched, audit } = dc;
  const gone = fetched?.kind === 'gone' ? { gone: fetched.status } : {};
  const precondition = { category: o.category, uuid: o.uuid, version: stored?.version ?? null };
  if (decision.kind !== 'keep-local') closeOpenConflict(acc, dc);
  if (decision.kind === 'noop') {
    acc.counts.noop += 1;
    if (decision.object) {
      acc.objects.push(decision.object);
      acc.preconditions.push(precondition);
    }
    return audit({ outcome: 'noop', fetched, details: { reason: decision.reason, baseRefreshed: !!decision.object, ...gone } });
  }
  if (decision.kind === 'keep-local') {
    acc.counts.conflicts += 1;
    const { conflict, plan } = planConflict(
      { stored: stored as StoredObject, parent: decision.conflict.parent, reason: decision.conflict.reason, fields: decision.conflict.fields, paths: decision.paths },
      { now: dc.now, instanceId: dc.instanceId, details: { direction: 'pull' }, ...optionalExisting(dc.conflicts?.get(decision.conflict.id)), ...fetchedVia(fetched) },
    );
    acc.conflicts.push(conflict);
    acc.audit.push(...(plan.audit ?? []));
    return audit({ outcome: 'conflict', fetched, details: { reason: conflict.reason, fields: conflict.fields, ...gone } });
  }
  acc.objects.push(decision.object);
  acc.preconditions.push(precondition);
  if (decision.kind === 'merge') {
    acc.counts.merged += 1;
    const merged = mergeRows(o, decision, { at: dc.now, instanceId: dc.instanceId, ...optionalCategories(dc.categories) });
    acc.changes.push(merged.change);
    acc.audit.push(merged.audit);
    return audit({ outcome: 'ok', fetched, details: { merged: true, fields: decision.fields } });
  }
  acc.counts.applied += 1;
  if (decision.removed) acc.counts.removed += 1;
  const action: FeedAction = fetched?.kind === 'gone' ? dc.removal : o.last.action;
  acc.changes.push(pullChangeRow(o, { hash: decision.object.hash, action, at: dc.now }));
  audit({ outcome: 'ok', fetched, details: { created: decision.created, removed: decision.removed, ...gone } });
}

function optionalCategories(categories: readonly CategoryInfo[] | undefined): { categories?: readonly CategoryInfo[] } {
  return categories ? { categories } : {};
}

function optionalExisting(existing: ConflictRecord | undefined): { existing?: ConflictRecord } {
  return existing ? { existing } : {};
}

function fetchedVia(fetched: FetchOutcome | undefined): { url?: string; client?: string } {
  return { ...(fetched?.url !== undefined ? { url: fetched.url } : {}), ...(fetched?.client !== undefined ? { client: fetched.client } : {}) };
}


/**
 * An open conflict of the object that this decision settles (the parent's version taken, merged,
 * equal, or the parent back at the base) is closed as superseded. Push passed the object while it
 * was queued, so a local change still unpushed is logged again (origin `local`) for push to send.
 */
function closeOpenConflict(acc: Acc, dc: DecisionContext): void {
  const { decision, o } = dc;
  const resolution = decision.kind === 'apply' ? 'parent' : decision.kind === 'merge' || (decision.kind === 'noop' && decision.reason === 'same') ? 'merged' : 'local';
  const part = closeSuperseded(dc.conflicts?.get(`${o.category}/${o.uuid}`), { resolution, how: `pull:${decision.kind}`, now: dc.now, instanceId: dc.instanceId });
  if (!part.conflicts) return;
  acc.conflicts.push(...(part.conflicts.put ?? []));
  acc.audit.push(...(part.audit ?? []));
  const object = decision.kind === 'noop' ? decision.object ?? dc.stored : undefined;
  if (object && hasUnpushedChange(object)) {
    acc.changes.push({
      eventId: derivedEventId(`requeue:${o.last.id}:${object.hash}`), category: o.category, uuid: o.uuid, action: 'UPDATED',
      origin: 'local', hash: object.hash, at: dc.now,
    });
  }
}
