import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditFilter, matchesAuditFilter, queryAudit, readAuditPage } from '../../../src/core/audit/query-audit.ts';
import type { AuditRow } from '../../../src/core/store/store-port.ts';
import { storeWithAudit } from './_audit-kit.ts';

async function all(iterable: AsyncIterable<AuditRow>): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  for await (const row of iterable) out.push(row);
  return out;
}

describe('readAuditPage() and queryAudit()', () => {
  it('readAuditPage() pages newest first and ends with no cursor', async () => {
    const store = await storeWithAudit(25);
    const first = await readAuditPage(store, { limit: 10 });
    expect(first.rows.map((r) => r.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    const second = await readAuditPage(store, { limit: 10, beforeSeq: first.nextBeforeSeq });
    expect(second.rows[0]?.seq).toBe(15);
    const third = await readAuditPage(store, { limit: 10, beforeSeq: second.nextBeforeSeq });
    expect(third.rows.map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(third.nextBeforeSeq).toBeUndefined();
  });

  it('readAuditPage() fills a page through filters the store does not know (client, instance, time)', async () => {
    const store = await storeWithAudit(60);
    const filter: AuditFilter = { client: 'rest', instanceId: 'tablet-1', since: 1_700_000_010_000, until: 1_700_000_050_000 };
    const page = await readAuditPage(store, { filter, limit: 4, batchSize: 3 });
    expect(page.rows.map((r) => r.seq)).toEqual([50, 48, 46, 44]);
    expect(page.rows.every((r) => matchesAuditFilter(r, filter))).toBe(true);
  });

  it('queryAudit() yields every matching row once, whatever the page and batch sizes', async () => {
    const store = await storeWithAudit(47);
    const everything = await store.listAudit();
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }),
      fc.record({ operation: fc.constantFrom('pull', 'retry', undefined), outcome: fc.constantFrom('ok', 'failed', undefined), client: fc.constantFrom('fhir', undefined) }),
      async (pageSize, batchSize, raw) => {
        const filter = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as AuditFilter;
        const rows = await all(queryAudit(store, { filter, pageSize, batchSize }));
        expect(rows.map((r) => r.seq)).toEqual(everything.filter((r) => matchesAuditFilter(r, filter)).map((r) => r.seq));
      },
    ), { numRuns: 40 });
  });

  it('queryAudit() yields nothing from an empty log', async () => {
    expect(await all(queryAudit(await storeWithAudit(0)))).toEqual([]);
  });
});
