/** Audit test helpers: a store holding generated audit rows, and a view of a store with its audit rows altered. */

import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { AuditRow, NewAuditRow, SyncStore } from '../../../src/core/store/store-port.ts';

/** Row i: operations, outcomes, categories and clients cycle so filters have something to pick. */
export function auditRowOf(i: number): NewAuditRow {
  return {
    at: 1_700_000_000_000 + i * 1_000,
    operation: (['pull', 'retry', 'failure'] as const)[i % 3] as NewAuditRow['operation'],
    outcome: (['ok', 'noop', 'failed', 'ok'] as const)[i % 4] as NewAuditRow['outcome'],
    category: i % 2 === 0 ? 'patient' : 'location',
    action: i % 5 === 0 ? 'VOIDED' : 'UPDATED',
    uuid: `u${i % 7}`,
    client: i % 2 === 0 ? 'fhir' : 'rest',
    instanceId: i % 10 === 0 ? 'hub' : 'tablet-1',
    details: { i, note: 'a "quoted", multi\nline' },
  };
}

/** A memory store with `n` audit rows (seq 1 … n), written in a few batches. */
export async function storeWithAudit(n: number): Promise<SyncStore> {
  const store = createMemoryStore();
  for (let from = 0; from < n; from += 17) {
    await store.applyBatch({ audit: Array.from({ length: Math.min(17, n - from) }, (_, k) => auditRowOf(from + k)) });
  }
  return store;
}

/** The store as seen through `alter`: every audit row read passes through it (undefined drops it). */
export function tampered(store: SyncStore, alter: (row: AuditRow) => AuditRow | undefined): SyncStore {
  const view = (rows: AuditRow[]): AuditRow[] => rows.map(alter).filter((r): r is AuditRow => r !== undefined);
  return {
    ...store,
    listAudit: async (query) => view(await store.listAudit(query)),
    lastAudit: async () => {
      const rows = view(await store.listAudit({}));
      return rows[0];
    },
  };
}
