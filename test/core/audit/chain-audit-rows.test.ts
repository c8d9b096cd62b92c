import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainAuditRows, genesisAuditHash, verifyAuditChain } from '../../../src/core/audit/chain-audit-rows.ts';
import { sha256Hex } from '../../../src/core/hash/sha256-hex.ts';
import { stableStringify } from '../../../src/core/hash/stable-stringify.ts';
import type { AuditRow, NewAuditRow } from '../../../src/core/store/store-port.ts';

const row = (i: number, extra: Partial<NewAuditRow> = {}): NewAuditRow => ({
  at: 1_700_000_000_000 + i, operation: 'pull', outcome: 'ok', instanceId: 'node-a', category: 'patient', uuid: `u${i}`, ...extra,
});
const rows = (n: number): NewAuditRow[] => Array.from({ length: n }, (_, i) => row(i));

const rowArb: fc.Arbitrary<NewAuditRow> = fc.record({
  at: fc.nat(),
  operation: fc.constantFrom('pull', 'push', 'conflict', 'failure'),
  outcome: fc.constantFrom('ok', 'noop', 'failed'),
  instanceId: fc.string(),
  category: fc.option(fc.string(), { nil: undefined }),
  details: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
});

describe('chainAuditRows()', () => {
  it('numbers rows from 1 and links the first to the genesis hash', () => {
    const chained = chainAuditRows(undefined, rows(3));
    expect(chained.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(chained[0]!.prevHash).toBe(genesisAuditHash);
    expect(genesisAuditHash).toBe('0'.repeat(64));
    expect(chained[1]!.prevHash).toBe(chained[0]!.hash);
    expect(chained[2]!.prevHash).toBe(chained[1]!.hash);
    expect(chained.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  });

  it('continues after the previous row, giving the same chain as one call', () => {
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 6 }), fc.array(rowArb, { maxLength: 6 }), (a, b) => {
      const first = chainAuditRows(undefined, a);
      const second = chainAuditRows(first.at(-1), b);
      expect([...first, ...second]).toEqual(chainAuditRows(undefined, [...a, ...b]));
    }));
  });

  it('gives different hashes to rows that differ only in details', () => {
    const [a] = chainAuditRows(undefined, [row(0, { details: { n: 1 } })]);
    const [b] = chainAuditRows(undefined, [row(0, { details: { n: 2 } })]);
    expect(a!.hash).not.toBe(b!.hash);
  });

  it('hashes each row as sha256(prevHash + stableStringify(its hashed fields and seq)), so stored chains keep verifying', () => {
    const full = fc.record({
      at: fc.nat(), operation: fc.constantFrom('pull', 'push', 'retry'), outcome: fc.constantFrom('ok', 'failed'),
      instanceId: fc.string(), category: fc.option(fc.string(), { nil: undefined }), action: fc.option(fc.string(), { nil: undefined }),
      uuid: fc.option(fc.string(), { nil: undefined }), url: fc.option(fc.string(), { nil: undefined }),
      client: fc.option(fc.string(), { nil: undefined }), details: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
    }) as fc.Arbitrary<NewAuditRow>;
    fc.assert(fc.property(fc.array(full, { maxLength: 5 }), (input) => {
      let prev = genesisAuditHash;
      chainAuditRows(undefined, input).forEach((chained, i) => {
        const content = Object.fromEntries(Object.entries({ ...input[i], seq: i + 1 }).filter(([, v]) => v !== undefined));
        expect(chained.hash).toBe(sha256Hex(prev + stableStringify(content)));
        prev = chained.hash;
      });
    }));
  });

  it('does not modify its input', () => {
    const input = rows(2);
    const before = structuredClone(input);
    chainAuditRows({ seq: 7, hash: 'f'.repeat(64) }, input);
    expect(input).toEqual(before);
  });
});

describe('verifyAuditChain()', () => {
  it('accepts a chain in any order, an empty list and a run starting after seq 1', () => {
    const chained = chainAuditRows(undefined, rows(5));
    expect(verifyAuditChain(chained)).toEqual({ ok: true });
    expect(verifyAuditChain([...chained].reverse())).toEqual({ ok: true });
    expect(verifyAuditChain([])).toEqual({ ok: true });
    expect(verifyAuditChain(chained.slice(2))).toEqual({ ok: true });
  });

  it('accepts rows read back with null optional fields or extra columns', () => {
    const chained = chainAuditRows(undefined, [row(0, { category: undefined })]);
    const readBack = { ...chained[0]!, category: null, url: null, id: 42 } as unknown as AuditRow;
    expect(verifyAuditChain([readBack])).toEqual({ ok: true });
  });

  it('finds the first tampered row whatever field was edited', () => {
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), fc.nat(), fc.constantFrom('at', 'outcome', 'instanceId', 'details', 'seq'), (input, pick, field) => {
      const chained = chainAuditRows(undefined, input);
      const i = pick % chained.length;
      const target = chained[i]!;
      const edits: Record<string, Partial<AuditRow>> = {
        at: { at: target.at + 1 }, outcome: { outcome: target.outcome === 'ok' ? 'failed' : 'ok' },
        instanceId: { instanceId: `${target.instanceId}x` }, details: { details: { ...target.details, forged: true } },
        seq: { seq: target.seq + 100 },
      };
      chained[i] = { ...target, ...edits[field] };
      const result = verifyAuditChain(chained);
      // A renumbered row sorts elsewhere, so the first break may be seen at a neighbour.
      if (field === 'seq') expect(result.ok).toBe(false);
      else expect(result).toEqual({ ok: false, seq: target.seq });
    }));
  });

  it('detects a deleted row, a re-hashed row and a forged genesis', () => {
    const chained = chainAuditRows(undefined, rows(4));
    expect(verifyAuditChain([chained[0]!, chained[2]!, chained[3]!])).toEqual({ ok: false, seq: 3 });
    const forged = chainAuditRows(chained[0], [row(99)])[0]!;
    expect(verifyAuditChain([chained[0]!, forged, chained[2]!, chained[3]!])).toEqual({ ok: false, seq: 3 });
    const fakeStart = chainAuditRows({ seq: 0, hash: 'f'.repeat(64) }, rows(2));
    expect(verifyAuditChain(fakeStart)).toEqual({ ok: false, seq: 1 });
  });
});
