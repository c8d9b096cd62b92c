/** Store contract, audit: numbering and hash chain across batches, newest-first queries. */

import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/core/audit/chain-audit-rows.ts';
import type { AuditRow } from '../../../src/core/store/store-port.ts';
import { auditRow, type StoreRef } from './_contract-fixtures.ts';

const seqs = (rows: AuditRow[]): number[] => rows.map((r) => r.seq);

export function auditContract(store: StoreRef): void {
  it('an empty store has no audit rows', async () => {
    expect(await store().listAudit()).toEqual([]);
    expect(await store().lastAudit()).toBeUndefined();
  });

  it('applyBatch() numbers and chains audit rows across batches so verifyAuditChain() accepts them', async () => {
    const detailed = auditRow(1, { details: { status: 412, fields: ['gender'], nested: { ok: false, none: null } }, url: '/ws/fhir2/R4/Patient/x', client: 'fhir', action: 'UPDATED' });
    const first = await store().applyBatch({ audit: [detailed, auditRow(2)] });
    const second = await store().applyBatch({ audit: [auditRow(3, { operation: 'push', outcome: 'conflict' })] });
    const rows = await store().listAudit();
    expect(seqs(rows)).toEqual([3, 2, 1]);
    expect(rows[2]).toMatchObject({ ...detailed, seq: 1 });
    expect(rows[1]!.prevHash).toBe(rows[2]!.hash);
    expect(rows[0]!.prevHash).toBe(rows[1]!.hash);
    expect(verifyAuditChain(rows)).toEqual({ ok: true });
    expect(first.ok && second.ok && [...second.audit, ...[...first.audit].reverse()]).toEqual(rows);
    expect(await store().lastAudit()).toEqual(rows[0]);
  });

  it('listAudit() filters by operation, category, uuid and outcome, newest first', async () => {
    await store().applyBatch({
      audit: [
        auditRow(1), auditRow(2, { operation: 'push' }), auditRow(3, { category: 'location' }),
        auditRow(1, { outcome: 'failed', operation: 'failure' }), auditRow(4, { operation: 'push', outcome: 'noop' }),
      ],
    });
    expect(seqs(await store().listAudit({ operation: 'push' }))).toEqual([5, 2]);
    expect(seqs(await store().listAudit({ category: 'location' }))).toEqual([3]);
    expect(seqs(await store().listAudit({ uuid: auditRow(1).uuid }))).toEqual([4, 1]);
    expect(seqs(await store().listAudit({ outcome: 'failed' }))).toEqual([4]);
    expect(seqs(await store().listAudit({ operation: 'push', outcome: 'noop', category: 'patient' }))).toEqual([5]);
    expect(await store().listAudit({ operation: 'resolve' })).toEqual([]);
  });

  it('listAudit() pages newest first with beforeSeq and limit', async () => {
    await store().applyBatch({ audit: [1, 2, 3, 4, 5, 6, 7].map((n) => auditRow(n, { operation: n % 2 ? 'pull' : 'push' })) });
    expect(seqs(await store().listAudit({ limit: 3 }))).toEqual([7, 6, 5]);
    expect(seqs(await store().listAudit({ beforeSeq: 5, limit: 3 }))).toEqual([4, 3, 2]);
    expect(seqs(await store().listAudit({ beforeSeq: 2 }))).toEqual([1]);
    expect(seqs(await store().listAudit({ beforeSeq: 7, operation: 'pull', limit: 2 }))).toEqual([5, 3]);
    const walked: number[] = [];
    for (let page = await store().listAudit({ limit: 2 }); page.length; page = await store().listAudit({ limit: 2, beforeSeq: page.at(-1)!.seq })) {
      walked.push(...seqs(page));
    }
    expect(walked).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });
}
