/** The Dexie store's one write: a whole BatchPlan in one read-write transaction over every table. */

import { chainAuditRows } from '../../core/audit/chain-audit-rows.ts';
import { SyncError } from '../../core/errors/sync-error.ts';
import { numberChanges } from '../../core/store/number-changes.ts';
import type { BatchPlan, BatchResult, Precondition } from '../../core/store/store-port.ts';
import { validateBatchPlan } from '../../core/store/validate-batch-plan.ts';
import { type SyncDexie, type SyncTables, transactionTables } from './dexie-schema.ts';
import { readDexieLogState } from './read-dexie-log-state.ts';
import { isConstraintError } from './to-dexie-store-error.ts';
import { writeDexiePlan } from './write-dexie-plan.ts';

export { bulkChunkSize } from './write-dexie-plan.ts';

/**
 * Applies `input` all or nothing. The plan is validated before the transaction; inside it only
 * IndexedDB is awaited (anything else would commit it early): reads, then numbering and the
 * audit chain (synchronous hashing), then the writes. Any error aborts the transaction, so
 * nothing of the plan is stored. IndexedDB runs read-write transactions over the same tables one
 * at a time, which serialises concurrent calls.
 *
 * The batch is first tried on the usual case's assumptions (see `applyOptimistically`); when the
 * store shows one wrong (a logged event id, an object that must not exist but does, a failed
 * precondition), that transaction is dropped and `applyChecked`, the reference algorithm, runs in
 * a new one. Both give the same outcome; for a pulled page the first saves two reads per object
 * (its precondition and its event id), about 40% of the page's IndexedDB requests.
 */
export async function applyDexieBatch(db: SyncDexie, input: BatchPlan): Promise<BatchResult> {
  const plan = copyAllButObjects(input);
  try {
    validateBatchPlan(plan);
  } catch (error) {
    // As when the whole plan was copied first: a plan that cannot be cloned is refused as such.
    if (isRecord(input)) cloneOrRefuse(input.objects);
    throw error;
  }
  try {
    return await db.transaction('rw', db.tables, (tx) => applyOptimistically(transactionTables(tx), plan));
  } catch (error) {
    if (!(error instanceof RecheckNeeded) && !isConstraintError(error)) throw error;
  }
  return applyChecked(db, input);
}

/** Thrown inside the optimistic transaction to drop it for the checked way. */
class RecheckNeeded extends Error {
  override name = 'RecheckNeeded';
}

/**
 * The usual case, in one round of reads: no event id of the plan is logged yet (a logged one
 * makes the unique `eventId` index refuse its row), and an object that must not exist and that
 * the plan writes is written with `add` (which fails if it exists) instead of being read first.
 * The other preconditions are read; if one fails, the checked way reports the first failure in
 * plan order.
 */
async function applyOptimistically(db: SyncTables, plan: BatchPlan): Promise<BatchResult> {
  const planned = new Set((plan.objects ?? []).map((o) => objectKey(o)));
  const byAdd = new Set<string>();
  const read: Precondition[] = [];
  for (const condition of plan.preconditions ?? []) {
    const key = objectKey(condition);
    if (condition.version === null && planned.has(key)) byAdd.add(key);
    else read.push(condition);
  }
  const [failed, state] = await Promise.all([
    firstFailedPrecondition(db, read),
    readDexieLogState(db, plan.changes ?? [], { lookUpEvents: false, audit: Boolean(plan.audit?.length) }),
  ]);
  if (failed) throw new RecheckNeeded('a precondition failed');
  const changes = numberChanges(plan.changes ?? [], state.log);
  const audit = chainAuditRows(state.lastAudit, plan.audit ?? []);
  await writeDexiePlan(db, { plan, changes, audit, addObject: (o) => byAdd.has(objectKey(o)) });
  return { ok: true, changes, audit };
}

/**
 * The reference algorithm: the whole plan copied, preconditions checked in order (the first that
 * fails returns before any write), logged event ids looked up and skipped, then the writes.
 */
async function applyChecked(db: SyncDexie, input: BatchPlan): Promise<BatchResult> {
  const plan = cloneOrRefuse(input);
  validateBatchPlan(plan);
  return db.transaction('rw', db.tables, async (tx): Promise<BatchResult> => {
    const tables = transactionTables(tx);
    const failed = await firstFailedPrecondition(tables, plan.preconditions ?? []);
    if (failed) return failed;
    const state = await readDexieLogState(tables, plan.changes ?? [], { lookUpEvents: true, audit: Boolean(plan.audit?.length) });
    const changes = numberChanges(plan.changes ?? [], state.log);
    const audit = chainAuditRows(state.lastAudit, plan.audit ?? []);
    await writeDexiePlan(tables, { plan, changes, audit });
    return { ok: true, changes, audit };
  });
}

/**
 * The plan with every part but its objects copied, so the numbered rows returned share nothing
 * with the caller. The objects, most of a plan's bytes, are cloned once, by IndexedDB when it
 * puts them (an object it cannot clone fails the batch with the same error as here).
 */
function copyAllButObjects(input: BatchPlan): BatchPlan {
  if (!isRecord(input)) return cloneOrRefuse(input); // validateBatchPlan refuses it
  const { objects, ...rest }: BatchPlan = input;
  const plan: BatchPlan = cloneOrRefuse(rest);
  return objects === undefined ? plan : { ...plan, objects };
}

function cloneOrRefuse<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (cause) {
    throw new SyncError('STORE_BATCH_INVALID', { details: { path: 'plan', problem: 'not cloneable' }, cause });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectKey = (o: { category: string; uuid: string }): string => `${o.category}\u0000${o.uuid}`;

async function firstFailedPrecondition(
  db: SyncTables, conditions: readonly Precondition[],
): Promise<Extract<BatchResult, { ok: false }> | undefined> {
  if (!conditions.length) return undefined;
  const rows = await db.objects.bulkGet(conditions.map((c): [string, string] => [c.category, c.uuid]));
  for (const [i, condition] of conditions.entries()) {
    const actual = rows[i]?.object.version ?? null;
    if (actual !== condition.version) return { ok: false, reason: 'precondition', failed: condition, actual };
  }
  return undefined;
}
