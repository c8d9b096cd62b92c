import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffCap, decorrelatedJitterDelay, fullJitterDelay } from '../../../src/core/http/backoff-delay.ts';

const bounds = fc.record({
  baseDelayMs: fc.integer({ min: 1, max: 100_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 30_000_000 }),
}).filter((b) => b.baseDelayMs <= b.maxDelayMs);
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff delays', () => {
  it('backoffCap() doubles from the base and never passes the max', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffCap(n, { baseDelayMs: 100, maxDelayMs: 1_000 }))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('backoffCap() is non-decreasing in the attempt and bounded by the max', () => {
    fc.assert(fc.property(bounds, fc.integer({ min: 1, max: 200 }), (b, n) => {
      expect(backoffCap(n + 1, b)).toBeGreaterThanOrEqual(backoffCap(n, b));
      expect(backoffCap(n, b)).toBeLessThanOrEqual(b.maxDelayMs);
    }));
  });

  it('fullJitterDelay() stays in [0, cap] whatever the random source gives', () => {
    fc.assert(fc.property(bounds, fc.integer({ min: 1, max: 200 }), fc.double(), (b, n, r) => {
      const delay = fullJitterDelay(n, b, () => r);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(backoffCap(n, b));
    }));
  });

  it('decorrelatedJitterDelay() stays in [base, max] and below three times the previous delay', () => {
    fc.assert(fc.property(bounds, fc.integer({ min: 0, max: 50_000_000 }), unit, (b, previous, r) => {
      const delay = decorrelatedJitterDelay(previous, b, () => r);
      expect(delay).toBeGreaterThanOrEqual(Math.min(b.baseDelayMs, b.maxDelayMs));
      expect(delay).toBeLessThanOrEqual(b.maxDelayMs);
      expect(delay).toBeLessThanOrEqual(Math.max(b.baseDelayMs, previous * 3));
    }));
  });
});
