// Tests of the seeded random source behind the demo data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../src/edge/seed/seeded-random.ts';

describe('createSeededRandom()', () => {
  it('createSeededRandom() repeats its sequence for a seed and stays in range', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 }), (seed, min, span) => {
      const [a, b] = [createSeededRandom(seed), createSeededRandom(seed)];
      for (let i = 0; i < 20; i++) {
        const n = a.int(min, min + span);
        expect(b.int(min, min + span)).toBe(n);
        expect(n).toBeGreaterThanOrEqual(min);
        expect(n).toBeLessThanOrEqual(min + span);
      }
      expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }));
  });

  it('createSeededRandom() spreads its draws over the range', () => {
    const r = createSeededRandom('spread');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(r.next() * 10)]! += 1;
    for (const b of buckets) {
      expect(b).toBeGreaterThan(850);
      expect(b).toBeLessThan(1150);
    }
  });
});
