/** The audit hash chain: numbers new audit rows and links each to the one before, so tampering shows. */

import type { AuditRow, NewAuditRow } from '../store/store-port.ts';
import { sha256Hex } from '../hash/sha256-hex.ts';
import { stableStringify } from '../hash/stable-stringify.ts';

/** The `prevHash` of the first audit row of a node. */
export const genesisAuditHash = '0'.repeat(64);

/** The fields a row's hash covers; the type check below fails when NewAuditRow gains one. */
const hashedFields = [
  'at', 'operation', 'category', 'action', 'uuid', 'url', 'client', 'outcome', 'details', 'instanceId',
] as const satisfies readonly (keyof NewAuditRow)[];
type MustBeNever<T extends never> = T;
type _EveryAuditFieldHashed = MustBeNever<Exclude<keyof NewAuditRow, (typeof hashedFields)[number]>>;

/**
 * Numbers `rows` after `prev` (the newest stored row, or undefined for an empty log) and chains
 * them: `hash = sha256(prevHash + canonical row content)`, the content including `seq`.
 * Pure and synchronous, so a store can call it inside its write transaction.
 *
 * @example Chain two rows onto an empty log
 * ```ts
 * const rows = chainAuditRows(undefined, [a, b]);
 * rows[0].seq === 1 && rows[0].prevHash === genesisAuditHash && rows[1].prevHash === rows[0].hash;
 * ```
 */
export function chainAuditRows(prev: { seq: number; hash: string } | undefined, rows: readonly NewAuditRow[]): AuditRow[] {
  let seq = prev?.seq ?? 0;
  let prevHash = prev?.hash ?? genesisAuditHash;
  return rows.map((row) => {
    seq += 1;
    const hash = auditRowHash(prevHash, { ...row, seq });
    const chained: AuditRow = { ...row, seq, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

/**
 * Checks rows of the chain (any order; sorted by `seq` here): consecutive numbers, each
 * `prevHash` equal to the previous row's hash (the genesis value for seq 1), and each hash
 * recomputed from the row. A run that starts after seq 1 is checked from its first row on.
 * Returns the seq of the first row that fails.
 *
 * @example Detect an edited row
 * ```ts
 * verifyAuditChain(rows); // { ok: true }
 * verifyAuditChain([{ ...rows[0], outcome: 'ok' }, ...rows.slice(1)]); // { ok: false, seq: 1 } if it was not 'ok'
 * ```
 */
export function verifyAuditChain(rows: readonly AuditRow[]): { ok: true } | { ok: false; seq: number } {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  let prev: AuditRow | undefined;
  for (const row of sorted) {
    const linked = prev
      ? row.seq === prev.seq + 1 && row.prevHash === prev.hash
      : row.seq !== 1 || row.prevHash === genesisAuditHash;
    if (!linked || auditRowHash(row.prevHash, row) !== row.hash) return { ok: false, seq: row.seq };
    prev = row;
  }
  return { ok: true };
}

// The row's fields and `seq` in the order stableStringify sorts keys: the text below must stay
// exactly stableStringify(content), or rows already stored would stop verifying.
const contentFields: readonly string[] = [...hashedFields, 'seq'].sort();

/** Hash of one row: only the hashed fields and `seq`, so extra columns a store adds do not count. */
function auditRowHash(prevHash: string, row: NewAuditRow & { seq: number }): string {
  let text = '{';
  for (const field of contentFields) {
    const value = (row as unknown as Record<string, unknown>)[field];
    // A SQL store may read an absent optional column back as null: both mean "absent".
    if (value === undefined || value === null) continue;
    const json = typeof value === 'object' ? stableStringify(value) : JSON.stringify(value);
    text += `${text.length === 1 ? '' : ','}"${field}":${json}`;
  }
  return sha256Hex(`${prevHash}${text}}`);
}
