/** Exponential backoff with jitter, as pure functions of the attempt number and a random source. */

import type { Random } from '../ports/ports.ts';

/** Bounds of a backoff: the first cap and the largest delay. */
export interface BackoffBounds {
  /** Cap of the first retry's delay (ms). */
  baseDelayMs: number;
  /** No delay is ever longer (ms). */
  maxDelayMs: number;
}

/**
 * The cap of retry number `attempt` (1-based): `baseDelayMs · 2^(attempt−1)`, at most `maxDelayMs`.
 * Non-decreasing in `attempt`.
 *
 * @example
 * ```ts
 * backoffCap(3, { baseDelayMs: 100, maxDelayMs: 1_000 }); // 400
 * ```
 */
export function backoffCap(attempt: number, bounds: BackoffBounds): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 52);
  return Math.min(bounds.maxDelayMs, bounds.baseDelayMs * 2 ** exponent);
}

/**
 * "Full jitter": a delay drawn uniformly from [0, cap of `attempt`), so many clients that failed
 * together do not retry together.
 *
 * @example
 * ```ts
 * fullJitterDelay(2, { baseDelayMs: 100, maxDelayMs: 1_000 }, () => 0.5); // 100
 * ```
 */
export function fullJitterDelay(attempt: number, bounds: BackoffBounds, random: Random): number {
  return Math.floor(clampUnit(random()) * backoffCap(attempt, bounds));
}

/**
 * "Decorrelated jitter": a delay drawn from [base, 3 · previous), at most `maxDelayMs`. It never
 * falls below the base, and grows from the previous delay rather than from the attempt count.
 *
 * @example
 * ```ts
 * decorrelatedJitterDelay(1_000, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0); // 100
 * ```
 */
export function decorrelatedJitterDelay(previousMs: number, bounds: BackoffBounds, random: Random): number {
  const { baseDelayMs, maxDelayMs } = bounds;
  const upper = Math.max(baseDelayMs, previousMs * 3);
  return Math.floor(Math.min(maxDelayMs, baseDelayMs + clampUnit(random()) * (upper - baseDelayMs)));
}

/** A random source outside [0, 1) (a bad fake) must not push a delay out of its bounds. */
function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1 - Number.EPSILON) : 0;
}
