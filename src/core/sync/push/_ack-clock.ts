/** The parent-clock times of this node's last acknowledged pushes, kept so `last-write-wins` never reads the tablet's clock against the parent's. */

import type { Json, JsonObject, StoredObject, SyncStore } from '../../store/store-port.ts';
import type { PolicyClocks } from '../conflict/resolve-by-policy.ts';

/** Setting key of the ack clock. */
export const ackClockSetting = 'push.ackClock';

/** One acknowledged push run: the parent's time of its last acknowledgement and this node's time then. */
export interface AckMark {
  parentAt: number;
  localAt: number;
}

/** The last two marks: a local change made after one of them is timed by its parent time. */
export interface AckClock {
  last?: AckMark;
  previous?: AckMark;
}

/** The stored ack clock (empty when none or unreadable). */
export async function readAckClock(store: SyncStore): Promise<AckClock> {
  const value = await store.getSetting<Json>(ackClockSetting);
  const record = isRecord(value) ? value : {};
  const clock: AckClock = {};
  const last = markOf(record['last']);
  const previous = markOf(record['previous']);
  if (last) clock.last = last;
  if (previous) clock.previous = previous;
  return clock;
}

/**
 * The policy clocks of a local change: the parent time of the latest acknowledged push this node
 * made before the change (by this node's own clock, compared only with itself); none when the
 * change is older than both marks (the conflict is then queued, not guessed).
 */
export function clocksFor(stored: Pick<StoredObject, 'updatedAt'>, clock: AckClock): PolicyClocks {
  for (const mark of [clock.last, clock.previous]) {
    if (mark && stored.updatedAt >= mark.localAt) return { localUpdatedAt: mark.parentAt };
  }
  return {};
}

/** The settings entry recording `mark` as the latest acknowledged push. */
export function ackClockSettings(clock: AckClock, mark: AckMark): Record<string, Json> {
  const next: JsonObject = { last: { ...mark } };
  if (clock.last) next['previous'] = { ...clock.last };
  return { [ackClockSetting]: next };
}

function markOf(value: Json | undefined): AckMark | undefined {
  if (!isRecord(value)) return undefined;
  const { parentAt, localAt } = value;
  return typeof parentAt === 'number' && typeof localAt === 'number' ? { parentAt, localAt } : undefined;
}

function isRecord(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
