/** When a sync direction last succeeded, from its last outcome: what the status shows after a failure. */

import type { PhaseOutcome } from './runner-types.ts';

/** True for the outcomes that count as a success: `ok` and `partial` (the phase reached the parent and moved data). */
export function isSuccess(status: PhaseOutcome['status']): boolean {
  return status === 'ok' || status === 'partial';
}

/**
 * When a phase last succeeded (ended `ok` or `partial`), from its last outcome; undefined when
 * none is on record.
 *
 * @example
 * ```ts
 * lastSuccessAt({ status: 'failed', at: 9_000, lastSuccessAt: 5_000 }); // 5000
 * lastSuccessAt({ status: 'ok', at: 9_000 }); // 9000
 * ```
 */
export function lastSuccessAt(outcome: PhaseOutcome | undefined): number | undefined {
  if (!outcome) return undefined;
  return isSuccess(outcome.status) ? outcome.at : outcome.lastSuccessAt;
}
