/** The parent's own time of a body it served: FHIR `meta.lastUpdated` or REST `auditInfo.dateChanged`. */

import type { JsonObject } from '../../store/store-port.ts';

/**
 * The time (ms since the epoch, the parent's clock) at which the parent last changed `body`:
 * FHIR `meta.lastUpdated`, else REST `auditInfo.dateChanged`, else `auditInfo.dateCreated`.
 * Undefined when the body carries none or it does not parse.
 *
 * @example
 * ```ts
 * parentClockOf({ resourceType: 'Patient', meta: { lastUpdated: '2026-03-02T08:00:42.000+03:00' } }); // 1772427642000
 * parentClockOf({ auditInfo: { dateChanged: '2026-03-02T08:00:42.000+0300' } }); // 1772427642000
 * ```
 */
export function parentClockOf(body: JsonObject | null | undefined): number | undefined {
  if (!body) return undefined;
  const meta = record(body['meta']);
  const audit = record(body['auditInfo']);
  for (const value of [meta?.['lastUpdated'], audit?.['dateChanged'], audit?.['dateCreated']]) {
    if (typeof value !== 'string') continue;
    const time = parseParentTime(value);
    if (time !== undefined) return time;
  }
  return undefined;
}

/**
 * Parses an ISO 8601 date-time; OpenMRS REST writes offsets without a colon (`+0300`), which not
 * every engine's `Date.parse` accepts, so a colon is put in first.
 */
export function parseParentTime(text: string): number | undefined {
  const normalized = text.trim().replace(/([+-]\d{2})(\d{2})$/, (match, hours: string, minutes: string, offset: number, whole: string) =>
    /T\d{2}:\d{2}/.test(whole.slice(0, offset)) ? `${hours}:${minutes}` : match);
  const time = Date.parse(normalized);
  return Number.isFinite(time) ? time : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
