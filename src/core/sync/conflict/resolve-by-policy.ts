/** Conflict policies: who wins without a person, decided from data only (the parent's clock, never the tablet's). */

import type { JsonObject } from '../../store/store-port.ts';
import { parentClockOf } from './parent-clock-of.ts';

/** How conflicts are settled; `manual` queues them for a person. */
export type ConflictPolicy = 'manual' | 'parent-wins' | 'child-wins' | 'last-write-wins';

export const conflictPolicies: readonly ConflictPolicy[] = ['manual', 'parent-wins', 'child-wins', 'last-write-wins'];

/** Times on the parent's clock (ms); see {@linkcode resolveByPolicy} for what each must be. */
export interface PolicyClocks {
  /** When the parent last changed its version; default: {@linkcode parentClockOf} the parent body. */
  parentUpdatedAt?: number;
  /**
   * The parent-clock time standing for the local change: when the parent acknowledged this node's
   * last completed push before the local change was made (its `Date` header or the acknowledged
   * body's `lastUpdated`). Never a time read from this node's own clock.
   */
  localUpdatedAt?: number;
}

/** The outcome: which side's body wins, or `queue` for a person to decide. */
export type PolicyDecision =
  | { take: 'local' | 'parent'; because: 'policy' | 'parent-later' | 'local-later' }
  | { take: 'queue'; because: 'manual' | 'no-clock' };

/**
 * Settles a conflict by policy. `parent-wins` / `child-wins` always take that side; `manual`
 * queues.
 *
 * `last-write-wins` compares two times of the parent's clock only, because a tablet's clock is
 * often wrong by hours or years and would let a stale tablet overwrite newer work. A local change
 * cannot be timed on the parent's clock, so it is placed just after the node's last completed,
 * acknowledged push: a change still unpushed after that push was made after it. The parent's
 * version wins when it was written at or after that time (a tie goes to the parent: the local
 * change cannot be shown to be later); the local one wins when the parent's write is older. When
 * either time is unknown the conflict is queued: nothing is overwritten on a guess.
 *
 * @example
 * ```ts
 * resolveByPolicy(conflict, 'last-write-wins', { parentUpdatedAt: 2_000, localUpdatedAt: 1_000 });
 * // { take: 'parent', because: 'parent-later' }
 * ```
 */
export function resolveByPolicy(
  conflict: { parent: JsonObject | null },
  policy: ConflictPolicy,
  clocks: PolicyClocks = {},
): PolicyDecision {
  switch (policy) {
    case 'parent-wins':
      return { take: 'parent', because: 'policy' };
    case 'child-wins':
      return { take: 'local', because: 'policy' };
    case 'last-write-wins': {
      const parentAt = clocks.parentUpdatedAt ?? parentClockOf(conflict.parent);
      const localAt = clocks.localUpdatedAt;
      if (parentAt === undefined || localAt === undefined) return { take: 'queue', because: 'no-clock' };
      return parentAt >= localAt ? { take: 'parent', because: 'parent-later' } : { take: 'local', because: 'local-later' };
    }
    default:
      return { take: 'queue', because: 'manual' };
  }
}
