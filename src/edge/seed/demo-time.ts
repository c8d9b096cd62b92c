/** Date formatting for demo data: clinic-local (East Africa Time, UTC+3) FHIR dateTimes and dates. */

const eatOffsetMs = 3 * 60 * 60 * 1000;
export const dayMs = 24 * 60 * 60 * 1000;

/**
 * A FHIR dateTime in East Africa Time, e.g. `2026-03-02T08:00:42.000+03:00`.
 *
 * @example
 * ```ts
 * eatDateTime(Date.UTC(2026, 2, 2, 5, 0, 42)); // '2026-03-02T08:00:42.000+03:00'
 * ```
 */
export function eatDateTime(ms: number): string {
  return new Date(ms + eatOffsetMs).toISOString().replace('Z', '+03:00');
}

/**
 * A FHIR date (`YYYY-MM-DD`) in East Africa Time.
 *
 * @example
 * ```ts
 * eatDate(Date.UTC(1992, 3, 16, 22, 0)); // '1992-04-17'
 * ```
 */
export function eatDate(ms: number): string {
  return new Date(ms + eatOffsetMs).toISOString().slice(0, 10);
}

/** Clock time (ms) of the local midnight that starts the EAT day `daysAgo` days before `now`. */
export function eatMidnight(now: number, daysAgo: number): number {
  const local = now + eatOffsetMs - daysAgo * dayMs;
  return local - (local % dayMs) - eatOffsetMs;
}
