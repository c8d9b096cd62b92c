/** The wait before the next scheduled run: the interval, or an exponential, capped, jittered backoff after failures. */

import type { Random } from '../../ports/ports.ts';

export interface NextRunDelayOptions {
  intervalMs: number;
  /** Failed runs in a row. */
  failures: number;
  /** The longest wait; never below the interval. */
  maxBackoffMs: number;
  random: Random;
}

/**
 * `intervalMs` after a success; after n failures in a row, a wait drawn from [cap/2, cap] with
 * cap = min(maxBackoffMs, intervalMs · 2ⁿ), never below the interval, so nodes that failed
 * together (their parent was down) do not all come back at once.
 *
 * @example
 * ```ts
 * nextRunDelayMs({ intervalMs: 60_000, failures: 2, maxBackoffMs: 3_600_000, random: () => 1 }); // 240000
 * ```
 */
export function nextRunDelayMs(options: NextRunDelayOptions): number {
  const { intervalMs, failures, random } = options;
  if (failures <= 0) return intervalMs;
  const cap = Math.min(Math.max(options.maxBackoffMs, intervalMs), intervalMs * 2 ** Math.min(failures, 30));
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.max(intervalMs, Math.floor(cap * (0.5 + 0.5 * unit)));
}
