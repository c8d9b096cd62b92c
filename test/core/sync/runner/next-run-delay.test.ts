import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRunDelayMs } from '../../../../src/core/sync/runner/next-run-delay.ts';

const base = { intervalMs: 60_000, maxBackoffMs: 600_000 };

describe('nextRunDelayMs()', () => {
  it('nextRunDelayMs() waits the interval after a success', () => {
    expect(nextRunDelayMs({ ...base, failures: 0, random: () => 0 })).toBe(60_000);
  });

  it('nextRunDelayMs() doubles per failure up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 40].map((failures) => nextRunDelayMs({ ...base, failures, random: () => 1 }));
    expect(delays).toEqual([120_000, 240_000, 480_000, 600_000, 600_000, 600_000]);
  });

  it('nextRunDelayMs() stays within [max(interval, cap/2), cap] whatever the random source gives', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: -1, max: 2, noNaN: true }), (failures, r) => {
      const cap = Math.min(600_000, 60_000 * 2 ** failures);
      const delay = nextRunDelayMs({ ...base, failures, random: () => r });
      expect(delay).toBeGreaterThanOrEqual(Math.max(60_000, cap / 2));
      expect(delay).toBeLessThanOrEqual(cap);
    }));
  });

  it('nextRunDelayMs() never waits less than the interval when the cap is below it', () => {
    expect(nextRunDelayMs({ intervalMs: 60_000, maxBackoffMs: 1_000, failures: 3, random: () => 0 })).toBe(60_000);
  });
});
