/** The Dexie store's writes of one batch, issued on every table at once inside the caller's transaction. */

import type { Table } from 'dexie';
import type { AuditRow, BatchPlan, ChangeRow, StoredObject } from '../../core/store/store-port.ts';
import { type SyncTables, toObjectRow } from './dexie-schema.ts';

/** Rows per bulk call: one huge call costs more than several (fake-indexeddb grows worse than linearly). */
export const bulkChunkSize = 10_000;

/** What one batch writes: the plan's records with its numbered change and audit rows. */
export interface PlanWrites {
  plan: BatchPlan;
  changes: readonly ChangeRow[];
  audit: readonly AuditRow[];
  /**
   * The objects to write with `add` rather than `put`: `add` fails (ConstraintError, which
   * aborts the batch) when the object exists, so it doubles as a "must not exist" check.
   */
  addObject?: (object: StoredObject) => boolean;
}

/**
 * Writes `writes` through `db`, the tables of the current transaction. Every table's requests are
 * issued before any is awaited (IndexedDB runs them in order anyway), so the tables do not wait
 * on each other's round trips; after a failure the others finish before the first error is
 * thrown (aborting the transaction), rather than each failing with an AbortError. Change and
 * audit rows use `add`: a seq, event id or feed position already taken fails the whole batch
 * instead of overwriting. Object rows wrap the caller's objects uncopied: IndexedDB clones every
 * value it stores, and one it cannot clone fails its put (DataCloneError), so the batch.
 */
export async function writeDexiePlan(db: SyncTables, writes: PlanWrites): Promise<void> {
  const { plan, changes, audit, addObject } = writes;
  const objects = plan.objects ?? [];
  const added = addObject ? objects.filter(addObject) : [];
  const put = addObject ? objects.filter((o) => !addObject(o)) : objects;
  const settings = Object.entries(plan.settings ?? {});
  const deleted = settings.filter(([, value]) => value === undefined).map(([key]) => key);
  const stored = settings.flatMap(([key, value]) => (value === undefined ? [] : [{ key, value }]));
  const settled = await Promise.allSettled([
    inChunks(db.objects, added.map(toObjectRow), 'add'),
    inChunks(db.objects, put.map(toObjectRow), 'put'),
    inChunks(db.changes, changes, 'add'),
    inChunks(db.markers, plan.markers ?? [], 'put'),
    putDelete(db.failedEvents, plan.failedEvents),
    inChunks(db.audit, audit, 'add'),
    putDelete(db.conflicts, plan.conflicts),
    (async () => {
      if (deleted.length) await db.settings.bulkDelete(deleted);
      await inChunks(db.settings, stored, 'put');
    })(),
  ]);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
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
