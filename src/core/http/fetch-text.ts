/** GET a text resource from the parent: timeout, streamed size limit, retries with backoff, errors with stable codes. */

import type { Clock, FetchLike, Logger, Random } from '../ports/ports.ts';
import { silentLogger } from '../ports/ports.ts';
import { fullJitterDelay } from './backoff-delay.ts';
import { defaultSleep, type Sleep, throwIfAborted } from './sleep.ts';
import { type AttemptOutcome, fetchAttempt } from './fetch-attempt.ts';

/** How transient failures (transport errors, timeouts, 408/429/5xx) are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 4 */
  retries?: number;
  /** Cap of the first retry's delay, ms (full jitter below it). @default 500 */
  baseDelayMs?: number;
  /** Largest delay, ms; also caps a `Retry-After`. @default 30_000 */
  maxDelayMs?: number;
}

/** Options of {@linkcode fetchText}. */
export interface FetchTextOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  /** Per attempt, body included. @default 30_000 */
  timeoutMs?: number;
  /** Largest body accepted, bytes (FEED_TOO_LARGE above). @default 16 MiB */
  maxBytes?: number;
  retry?: RetryPolicy;
  /** @default Math.random */
  random?: Random;
  /** @default defaultSleep (a timer that honours the signal) */
  sleep?: Sleep;
  /** Reads `Retry-After` dates; without it only delta-seconds are honoured. */
  now?: Clock;
  /** Extra headers (e.g. authorization), sent only when the URL has the origin of `base`. */
  headers?: Record<string, string>;
  /** The parent's configured base URL: where headers may go and where a redirect may end. */
  base?: string;
  /** @default 'application/atom+xml, application/xml;q=0.9, *\/*;q=0.1' */
  accept?: string;
  /** A stored ETag: a 304 answer comes back as `notModified` with empty text. */
  ifNoneMatch?: string;
  log?: Logger;
}

/** A successful answer. */
export interface FetchTextResult {
  url: string;
  status: number;
  text: string;
  etag?: string;
  /** True on a 304 to `ifNoneMatch`. */
  notModified: boolean;
  /** Attempts made, the successful one included. */
  attempts: number;
}

/**
 * GETs `url` through the injected fetch. Transport errors, timeouts, 408, 429 and 5xx are retried
 * with exponential backoff and full jitter (honouring `Retry-After` up to the max delay); other
 * answers are final. Throws SyncError: PARENT_UNAUTHORIZED (401/403), HTTP_ERROR (details:
 * status, url), HTTP_TIMEOUT, PARENT_UNREACHABLE (with the transport error as cause),
 * FEED_TOO_LARGE, LINK_FOREIGN_ORIGIN (redirected off the base's origin), ABORTED.
 *
 * @example Read a feed page with credentials for the parent only
 * ```ts
 * const { text } = await fetchText(`${base}/ws/atomfeed/patient/recent`, {
 *   fetch, base, headers: { authorization: 'Basic …' }, signal,
 * });
 * ```
 */
export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchTextResult> {
  const { retries = 4, baseDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {};
  const { random = Math.random, sleep = defaultSleep, log = silentLogger, signal } = options;
  for (let attempt = 1; ; attempt += 1) {
    throwIfAborted(signal);
    const outcome: AttemptOutcome = await fetchAttempt(url, options);
    if (outcome.kind === 'done') return { ...outcome.result, attempts: attempt };
    const error = outcome.error;
    error.details['attempts'] = attempt;
    if (attempt > retries) throw error;
    const jitter = fullJitterDelay(attempt, { baseDelayMs, maxDelayMs }, random);
    const delayMs = Math.min(maxDelayMs, Math.max(jitter, outcome.retryAfterMs ?? 0));
    log.warn('retrying a request to the parent', { url, attempt, delayMs, code: error.code, status: error.details['status'] });
    await sleep(delayMs, signal);
  }
}
