/** The Dexie store's one write: a whole BatchPlan in one read-write transaction over every table. */

import type { Table } from 'dexie';
import { chainAuditRows } from '../../core/audit/chain-audit-rows.ts';
import { SyncError } from '../../core/errors/sync-error.ts';
import { numberChanges } from '../../core/store/number-changes.ts';
import type { AuditRow, BatchPlan, BatchResult, ChangeRow, NewChange, Precondition } from '../../core/store/store-port.ts';
import { validateBatchPlan } from '../../core/store/validate-batch-plan.ts';
import { type SyncDexie, toObjectRow } from './dexie-schema.ts';
import { feedLength, lastChangeSeq } from './dexie-log-reads.ts';

/** Rows per bulk call: one huge call costs more than several (fake-indexeddb grows worse than linearly). */
export const bulkChunkSize = 10_000;

/**
 * Applies `input` all or nothing. The plan is copied and validated before the transaction;
 * inside it only IndexedDB is awaited (anything else would commit it early): preconditions,
 * then the log's state, then numbering and the audit chain (synchronous hashing), then the
 * writes. A failed precondition returns before the first write; any error aborts the
 * transaction, so nothing of the plan is stored. IndexedDB runs read-write transactions over
 * the same tables one at a time, which serialises concurrent calls.
 */
export async function applyDexieBatch(db: SyncDexie, input: BatchPlan): Promise<BatchResult> {
  const plan = copyPlan(input);
  validateBatchPlan(plan);
  return db.transaction('rw', db.tables, async (): Promise<BatchResult> => {
    const failed = await firstFailedPrecondition(db, plan.preconditions ?? []);
    if (failed) return failed;
    const changes = await numberNewChanges(db, plan.changes ?? []);
    const audit = chainAuditRows(await db.audit.orderBy('seq').last(), plan.audit ?? []);
    await writePlan(db, plan, changes, audit);
    return { ok: true, changes, audit };
  });
}

function copyPlan(plan: BatchPlan): BatchPlan {
  try {
    return structuredClone(plan);
  } catch (cause) {
    throw new SyncError('STORE_BATCH_INVALID', { details: { path: 'plan', problem: 'not cloneable' }, cause });
  }
}

async function firstFailedPrecondition(
  db: SyncDexie, conditions: readonly Precondition[],
): Promise<Extract<BatchResult, { ok: false }> | undefined> {
  if (!conditions.length) return undefined;
  const rows = await db.objects.bulkGet(conditions.map((c): [string, string] => [c.category, c.uuid]));
  for (const [i, condition] of conditions.entries()) {
    const actual = rows[i]?.object.version ?? null;
    if (actual !== condition.version) return { ok: false, reason: 'precondition', failed: condition, actual };
  }
  return undefined;
}

/** Reads what numbering needs (last seq, feed lengths, logged event ids), then numbers synchronously. */
async function numberNewChanges(db: SyncDexie, changes: readonly NewChange[]): Promise<ChangeRow[]> {
  if (!changes.length) return [];
  const categories = [...new Set(changes.map((c) => c.category))];
  const [lastSeq, logged, lengths] = await Promise.all([
    lastChangeSeq(db),
    db.changes.where('eventId').anyOf(changes.map((c) => c.eventId)).keys(),
    Promise.all(categories.map((category) => feedLength(db, category))),
  ]);
  const known = new Set(logged);
  const feedCounts = new Map(categories.map((category, i) => [category, lengths[i] ?? 0]));
  return numberChanges(changes, {
    lastSeq,
    feedCount: (category) => feedCounts.get(category) ?? 0,
    hasEvent: (eventId) => known.has(eventId),
  });
}

async function writePlan(db: SyncDexie, plan: BatchPlan, changes: ChangeRow[], audit: AuditRow[]): Promise<void> {
  await inChunks(db.objects, (plan.objects ?? []).map(toObjectRow), 'put');
  // `add`: a seq, event id or feed position already taken fails the whole batch instead of overwriting.
  await inChunks(db.changes, changes, 'add');
  await inChunks(db.markers, plan.markers ?? [], 'put');
  await putDelete(db.failedEvents, plan.failedEvents);
  await inChunks(db.audit, audit, 'add');
  await putDelete(db.conflicts, plan.conflicts);
  const settings = Object.entries(plan.settings ?? {});
  const deleted = settings.filter(([, value]) => value === undefined).map(([key]) => key);
  if (deleted.length) await db.settings.bulkDelete(deleted);
  await inChunks(db.settings, settings.flatMap(([key, value]) => (value === undefined ? [] : [{ key, value }])), 'put');
}

// `any` key: the tables have number, string and compound keys.
async function inChunks<T>(table: Table<T, any>, rows: readonly T[], mode: 'put' | 'add'): Promise<void> {
  for (let i = 0; i < rows.length; i += bulkChunkSize) {
    const chunk = rows.slice(i, i + bulkChunkSize);
    await (mode === 'put' ? table.bulkPut(chunk) : table.bulkAdd(chunk));
  }
}

async function putDelete<T>(table: Table<T, string>, part: { put?: T[]; delete?: string[] } | undefined): Promise<void> {
  if (part?.delete?.length) await table.bulkDelete(part.delete);
  await inChunks(table, part?.put ?? [], 'put');
}
