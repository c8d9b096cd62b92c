import { describe, expect, it } from 'vitest';
import { auditCsvColumns, exportAudit } from '../../../src/core/audit/export-audit.ts';
import { verifyAuditLog } from '../../../src/core/audit/verify-audit-log.ts';
import { storeWithAudit, tampered } from './_audit-kit.ts';

describe('verifyAuditLog()', () => {
  it('verifyAuditLog() accepts an untouched chain and reports its head', async () => {
    const store = await storeWithAudit(40);
    const head = await store.lastAudit();
    expect(await verifyAuditLog(store, { pageSize: 7 })).toEqual({ ok: true, checked: 40, headSeq: 40, headHash: head?.hash });
    expect(await verifyAuditLog(await storeWithAudit(0))).toEqual({ ok: true, checked: 0, headSeq: 0 });
  });

  it('verifyAuditLog() finds an edited row', async () => {
    const store = tampered(await storeWithAudit(40), (row) => (row.seq === 23 ? { ...row, outcome: 'ok', details: {} } : row));
    expect(await verifyAuditLog(store, { pageSize: 7 })).toMatchObject({ ok: false, firstBadSeq: 23, checked: 22 });
  });

  it('verifyAuditLog() finds a deleted row, at a window edge or at the start', async () => {
    for (const gone of [1, 8, 15, 16]) {
      const store = tampered(await storeWithAudit(30), (row) => (row.seq === gone ? undefined : row));
      expect(await verifyAuditLog(store, { pageSize: 7 })).toMatchObject({ ok: false, firstBadSeq: gone });
    }
  });
});

describe('exportAudit()', () => {
  it('exportAudit() writes matching rows as NDJSON, oldest first, with chainOk', async () => {
    const store = await storeWithAudit(30);
    const result = await exportAudit(store, { format: 'ndjson', filter: { category: 'patient', outcome: 'ok' }, pageSize: 8 });
    const lines = result.text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['seq'])).toEqual([1, 5, 9, 13, 17, 21, 25, 29]);
    expect(lines[0]).toMatchObject({
      seq: 1, operation: 'pull', outcome: 'ok', category: 'patient', time: '2023-11-14T22:13:20.000Z', chainOk: true,
      details: { i: 0, note: 'a "quoted", multi\nline' },
    });
    expect(result).toMatchObject({ rows: 8, contentType: 'application/x-ndjson', verification: { ok: true, headSeq: 30 } });
  });

  it('exportAudit() writes RFC 4180 CSV with quoted cells and formula guards', async () => {
    const store = await storeWithAudit(2);
    await store.applyBatch({ audit: [{ at: 0, operation: 'warning', outcome: 'warning', instanceId: '=HYPERLINK("x")' }] });
    const { text, rows } = await exportAudit(store, { format: 'csv' });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(auditCsvColumns.join(','));
    expect(rows).toBe(3);
    expect(lines[1]).toContain(',"{""i"":0,""note"":""a \\""quoted\\"", multi\\nline""}",');
    expect(lines[3]).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(lines[1]?.endsWith(',true')).toBe(true);
    expect(lines.at(-1)).toBe('');
  });

  it('exportAudit() marks rows from the first altered one on as not in chain', async () => {
    const store = tampered(await storeWithAudit(10), (row) => (row.seq === 6 ? { ...row, uuid: 'someone-else' } : row));
    const result = await exportAudit(store, { format: 'ndjson' });
    const flags = result.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { chainOk: boolean }).chainOk);
    expect(flags).toEqual([true, true, true, true, true, false, false, false, false, false]);
    expect(result.verification).toMatchObject({ ok: false, firstBadSeq: 6 });
  });
});
