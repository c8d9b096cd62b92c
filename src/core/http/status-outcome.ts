/** What an HTTP status means to a client of the parent: success, retry later, refused credentials or plain failure. */

/** The outcome class of a status. */
export type StatusOutcome = 'ok' | 'not-modified' | 'retry' | 'unauthorized' | 'fail';

/**
 * Classifies a status: 2xx ok; 304 not-modified; 401/403 unauthorized; 408, 429 and 5xx are
 * worth retrying (the parent is busy, restarting or behind a flaky proxy); any other is a
 * failure that a retry would not change.
 *
 * @example
 * ```ts
 * statusOutcome(503); // 'retry'
 * statusOutcome(404); // 'fail'
 * ```
 */
export function statusOutcome(status: number): StatusOutcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 304) return 'not-modified';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 408 || status === 429 || (status >= 500 && status < 600)) return 'retry';
  return 'fail';
}

/**
 * The delay a `Retry-After` header asks for, in ms: delta-seconds, or an HTTP date relative to
 * `now` (ignored without a clock). Undefined when absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs('120', Date.now()); // 120000
 * ```
 */
export function retryAfterMs(header: string | null, now?: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) || now === undefined ? undefined : Math.max(0, at - now);
}
