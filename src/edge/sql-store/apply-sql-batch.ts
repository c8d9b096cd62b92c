/** The SQL store's one write: a whole BatchPlan in one transaction, numbered in commit order. */

import { chainAuditRows } from '../../core/audit/chain-audit-rows.ts';
import { copyJson } from '../../core/store/copy-json.ts';
import { copyPlan } from '../../core/store/copy-plan.ts';
import { numberChanges } from '../../core/store/number-changes.ts';
import type { AuditRow, BatchPlan, BatchResult, ChangeRow, Precondition } from '../../core/store/store-port.ts';
import { validateBatchPlan } from '../../core/store/validate-batch-plan.ts';
import { batchLock } from './lock-keys.ts';
import type { SqlClient, SqlQueryable } from './sql-client.ts';
import {
  writeAudit, writeChanges, writeConflicts, writeFailedEvents, writeMarkers, writeObjects, writeSettings,
} from './write-rows.ts';

type FailedPrecondition = Extract<BatchResult, { ok: false }>;

/** Thrown inside the transaction to roll it back with a result to return. */
class Rollback {
  constructor(readonly result: FailedPrecondition) {}
}

/**
 * Applies `plan` in one transaction, all or nothing. An invalid plan throws `STORE_BATCH_INVALID`
 * before anything is sent; a failed precondition rolls back and is returned. Every batch first
 * takes one transaction-level advisory lock, so batches (on any connection, in any instance)
 * run one at a time: a batch numbers its rows after the previous one committed, so `seq` and
 * `position` follow commit order and a reader never sees a later row before an earlier one.
 *
 * @example Write an object and its change
 * ```ts
 * const result = await applySqlBatch(client, { objects: [patient], changes: [created] });
 * if (result.ok) result.changes[0].seq; // the new row's number
 * ```
 */
export async function applySqlBatch(client: SqlClient, input: BatchPlan): Promise<BatchResult> {
  const plan = copyPlan(input);
  validateBatchPlan(plan);
  try {
    return await client.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, $2)', [...batchLock]);
      const failed = await checkPreconditions(tx, plan.preconditions ?? []);
      if (failed) throw new Rollback(failed);
      const { changes, audit } = await numberRows(tx, plan);
      await writeObjects(tx, plan.objects);
      await writeChanges(tx, changes);
      await writeMarkers(tx, plan.markers);
      await writeFailedEvents(tx, plan.failedEvents);
      await writeAudit(tx, audit);
      await writeConflicts(tx, plan.conflicts);
      await writeSettings(tx, plan.settings);
      return copyJson({ ok: true as const, changes, audit });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/** The first precondition (in plan order) that the stored objects fail, locking the rows it read. */
async function checkPreconditions(tx: SqlQueryable, conditions: readonly Precondition[]): Promise<FailedPrecondition | undefined> {
  if (conditions.length === 0) return undefined;
  const rows = await tx.query(
    `select o.category, o.uuid, o.version from objects o
     join jsonb_to_recordset($1::text::jsonb) as x(category text, uuid text) on o.category = x.category and o.uuid = x.uuid
     for update of o`,
    [JSON.stringify(conditions.map(({ category, uuid }) => ({ category, uuid })))],
  );
  const versions = new Map(rows.map((row) => [`${row['category']}\u0000${row['uuid']}`, row['version'] as string]));
  for (const condition of conditions) {
    const actual = versions.get(`${condition.category}\u0000${condition.uuid}`) ?? null;
    if (actual !== condition.version) return { ok: false, reason: 'precondition', failed: { ...condition }, actual };
  }
  return undefined;
}

/** Numbers the plan's change rows and chains its audit rows from the log as it stands under the lock. */
async function numberRows(tx: SqlQueryable, plan: BatchPlan): Promise<{ changes: ChangeRow[]; audit: AuditRow[] }> {
  const planned = plan.changes ?? [];
  const newAudit = plan.audit ?? [];
  if (planned.length === 0 && newAudit.length === 0) return { changes: [], audit: [] };
  const [state] = await tx.query(
    `select
       (select coalesce(max(seq), 0) from change_log) as last_seq,
       (select coalesce(jsonb_agg(event_id), '[]') from change_log
         where event_id in (select jsonb_array_elements_text($1::text::jsonb))) as logged,
       (select coalesce(jsonb_object_agg(c, (select coalesce(max(position) + 1, 0) from change_log where category = c)), '{}')
         from (select distinct jsonb_array_elements_text($2::text::jsonb) as c) as categories) as counts,
       (select jsonb_build_object('seq', seq, 'hash', hash) from audit order by seq desc limit 1) as last_audit`,
    [JSON.stringify(planned.map((c) => c.eventId)), JSON.stringify(planned.map((c) => c.category))],
  );
  const logged = new Set(state?.['logged'] as string[]);
  const counts = state?.['counts'] as Record<string, number>;
  const lastAudit = state?.['last_audit'] as { seq: number; hash: string } | null;
  const changes = numberChanges(planned, {
    lastSeq: Number(state?.['last_seq']),
    feedCount: (category) => Number(counts[category] ?? 0),
    hasEvent: (eventId) => logged.has(eventId),
  });
  const audit = chainAuditRows(lastAudit ? { seq: Number(lastAudit.seq), hash: lastAudit.hash } : undefined, newAudit);
  return { changes, audit };
}
