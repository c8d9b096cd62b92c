/** Verifies a node's whole audit hash chain, window by window, without holding the log in memory. */

import type { AuditRow, SyncStore } from '../store/store-port.ts';
import { auditWindows } from './_audit-windows.ts';
import { verifyAuditChain } from './chain-audit-rows.ts';

/** The result of a chain check. */
export interface AuditChainCheck {
  ok: boolean;
  /** Rows found sound before the first bad one (all of them when ok). */
  checked: number;
  /** The newest row's seq (0 for an empty log) and hash: anchor them elsewhere to detect a cut tail. */
  headSeq: number;
  headHash?: string;
  /** The first row that is missing, edited or out of chain. */
  firstBadSeq?: number;
}

/**
 * Checks the chain from seq 1 to the newest row: consecutive numbers from 1, each `prevHash`
 * equal to the previous row's hash, each hash recomputed. Rows cut from the end cannot show
 * here; compare `headSeq`/`headHash` with a copy kept elsewhere.
 *
 * @example
 * ```ts
 * const check = await verifyAuditLog(store);
 * if (!check.ok) warn(`audit log altered at row ${check.firstBadSeq}`);
 * ```
 */
export async function verifyAuditLog(store: SyncStore, options: { pageSize?: number } = {}): Promise<AuditChainCheck> {
  const head = await store.lastAudit();
  if (!head) return { ok: true, checked: 0, headSeq: 0 };
  const result = { headSeq: head.seq, headHash: head.hash };
  let prev: AuditRow | undefined;
  let checked = 0;
  for await (const window of auditWindows(store, { headSeq: head.seq, ...(options.pageSize ? { size: options.pageSize } : {}) })) {
    // The chain must start at 1 and run without gaps to the head: the first missing seq is the bad one.
    const missing = firstMissing(window, (prev?.seq ?? 0) + 1);
    if (missing !== undefined) return { ...result, ok: false, checked: missing - 1, firstBadSeq: missing };
    const check = verifyAuditChain(prev ? [prev, ...window] : window);
    if (!check.ok) return { ...result, ok: false, checked: check.seq - 1, firstBadSeq: check.seq };
    checked += window.length;
    prev = window.at(-1);
  }
  if (prev?.seq !== head.seq) return { ...result, ok: false, checked, firstBadSeq: (prev?.seq ?? 0) + 1 };
  return { ...result, ok: true, checked };
}

/** The first seq from `expected` on that `window` (ascending) lacks; undefined when it has no gap. */
function firstMissing(window: readonly AuditRow[], expected: number): number | undefined {
  let next = expected;
  for (const row of window) {
    if (row.seq !== next) return next;
    next += 1;
  }
  return undefined;
}
