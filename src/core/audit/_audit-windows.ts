/** Reads the audit log oldest first, in windows of consecutive sequence numbers (the store pages newest first). */

import type { AuditRow, SyncStore } from '../store/store-port.ts';

/**
 * Yields the audit rows with seq 1 … `headSeq` in ascending order, `size` sequence numbers per
 * window. Each window is one `listAudit({ beforeSeq, limit })`; rows below the window (returned
 * when some are missing) are left for their own window.
 */
export async function* auditWindows(store: SyncStore, options: { headSeq: number; size?: number }): AsyncGenerator<AuditRow[]> {
  const step = Math.max(1, options.size ?? 500);
  for (let start = 1; start <= options.headSeq; start += step) {
    const rows = await store.listAudit({ beforeSeq: Math.min(start + step, options.headSeq + 1), limit: step });
    const window = rows.filter((row) => row.seq >= start).reverse();
    if (window.length > 0) yield window;
  }
}
