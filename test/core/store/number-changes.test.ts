import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberChanges } from '../../../src/core/store/number-changes.ts';
import { change } from './_contract-fixtures.ts';

describe('numberChanges()', () => {
  it('continues seq and each category position, skipping logged event ids', () => {
    const counts: Record<string, number> = { patient: 4 };
    const rows = numberChanges(
      [change('old', 'patient', 1), change('n1', 'patient', 2), change('n2', 'location', 3), change('n3', 'patient', 4)],
      { lastSeq: 10, feedCount: (c) => counts[c] ?? 0, hasEvent: (id) => id === 'old' },
    );
    expect(rows.map((r) => [r.eventId, r.seq, r.position])).toEqual([['n1', 11, 4], ['n2', 12, 0], ['n3', 13, 5]]);
  });

  it('gives gap-free seqs and positions for any mix of categories', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c')), fc.nat(1000), (categories, lastSeq) => {
      const rows = numberChanges(categories.map((c, i) => change(`e${i}`, c, i)), { lastSeq, feedCount: () => 0, hasEvent: () => false });
      expect(rows.map((r) => r.seq)).toEqual(categories.map((_, i) => lastSeq + i + 1));
      for (const c of ['a', 'b', 'c']) {
        const positions = rows.filter((r) => r.category === c).map((r) => r.position);
        expect(positions).toEqual(positions.map((_, i) => i));
      }
    }));
  });
});
