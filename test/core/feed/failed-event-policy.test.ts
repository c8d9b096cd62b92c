import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffCap } from '../../../src/core/http/backoff-delay.ts';
import { failedEventId, planFailedEvent } from '../../../src/core/feed/failed-event-policy.ts';
import type { FailedEvent } from '../../../src/core/store/store-port.ts';
import { entryOf, makeEvents } from './_fake-parent.ts';

const entry = entryOf(makeEvents(1)[0] as ReturnType<typeof makeEvents>[number]);
const error = { code: 'HTTP_ERROR', message: 'HTTP 500', details: { status: 500 } };
const feed = 'patient';

/** Plans `n` consecutive failures, one `gap` ms after the other's retry time. */
function failRepeatedly(n: number, options: { random: () => number; policy?: Parameters<typeof planFailedEvent>[1]['policy'] }): FailedEvent[] {
  const out: FailedEvent[] = [];
  let now = 0;
  let current: FailedEvent | undefined;
  for (let i = 0; i < n; i += 1) {
    current = planFailedEvent(current, { feed, entry, error, now, random: options.random, ...(options.policy ? { policy: options.policy } : {}) });
    out.push(current);
    now = (current.nextRetryAt ?? now) + 1;
  }
  return out;
}

describe('planFailedEvent()', () => {
  it('planFailedEvent() records a first failure with the entry, its object and a jittered retry time', () => {
    const planned = planFailedEvent(undefined, { feed, entry, error, now: 5_000, random: () => 0.5 });
    expect(planned).toEqual({
      id: failedEventId({ direction: 'pull', feed, entryId: entry.id }), direction: 'pull', feed, entryId: entry.id,
      category: 'patient', uuid: makeEvents(1)[0]?.uuid, action: 'CREATED', links: entry.links, error, attempts: 1,
      firstFailedAt: 5_000, lastFailedAt: 5_000, nextRetryAt: 5_000 + 15_000, dead: false,
    });
  });

  it('planFailedEvent() counts attempts on from the stored record and keeps its first failure time', () => {
    const [first, second] = failRepeatedly(2, { random: () => 0 });
    expect(second).toMatchObject({ id: first?.id, attempts: 2, firstFailedAt: first?.firstFailedAt });
  });

  it('planFailedEvent() makes a dead letter at maxAttempts, with no retry time', () => {
    const events = failRepeatedly(8, { random: () => 0.3 });
    expect(events.map((e) => e.dead)).toEqual([false, false, false, false, false, false, false, true]);
    expect(events.at(-1)?.nextRetryAt).toBeUndefined();
    expect(events.at(-1)?.attempts).toBe(8);
  });

  it('planFailedEvent() keys a failure without an entry by category and uuid', () => {
    const planned = planFailedEvent(undefined, { feed: 'push', direction: 'push', ref: { category: 'patient', uuid: 'u1' }, error, now: 0, random: () => 0 });
    expect(planned).toMatchObject({ id: 'push:push:patient/u1', direction: 'push', uuid: 'u1' });
    expect(planned.entryId).toBeUndefined();
  });

  it('planFailedEvent(): full-jitter delays stay within the non-decreasing exponential caps (property)', () => {
    const policy = fc.record({
      baseDelayMs: fc.integer({ min: 1, max: 60_000 }), maxDelayMs: fc.integer({ min: 60_000, max: 86_400_000 }),
      maxAttempts: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(fc.property(policy, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 12 }), (p, draws) => {
      let i = 0;
      const events = failRepeatedly(p.maxAttempts, { random: () => draws[i++ % draws.length] as number, policy: p });
      events.forEach((e, k) => {
        expect(e.attempts).toBe(k + 1);
        expect(e.dead).toBe(k + 1 >= p.maxAttempts);
        if (e.dead) return expect(e.nextRetryAt).toBeUndefined();
        const delay = (e.nextRetryAt as number) - e.lastFailedAt;
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(backoffCap(e.attempts, p));
        expect(backoffCap(e.attempts, p)).toBeGreaterThanOrEqual(backoffCap(Math.max(1, e.attempts - 1), p));
      });
    }));
  });

  it('planFailedEvent(): decorrelated delays stay in [base, max] (property)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 10 }), (draws) => {
      let i = 0;
      const policy = { baseDelayMs: 1_000, maxDelayMs: 100_000, maxAttempts: 10, jitter: 'decorrelated' as const };
      for (const e of failRepeatedly(10, { random: () => draws[i++ % draws.length] as number, policy })) {
        if (e.dead) continue;
        const delay = (e.nextRetryAt as number) - e.lastFailedAt;
        expect(delay).toBeGreaterThanOrEqual(1_000);
        expect(delay).toBeLessThanOrEqual(100_000);
      }
    }));
  });
});
