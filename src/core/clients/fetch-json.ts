/** Any-method JSON exchange with the parent: statuses as answers, retries with backoff, credentials for the base origin only. */

import { SyncError } from '../errors/sync-error.ts';
import { fullJitterDelay } from '../http/backoff-delay.ts';
import type { FetchTextOptions } from '../http/fetch-text.ts';
import { originOf } from '../http/headers-for-origin.ts';
import { defaultSleep, throwIfAborted } from '../http/sleep.ts';
import { silentLogger } from '../ports/ports.ts';
import type { Json } from '../store/store-port.ts';
import { jsonAttempt } from './_json-attempt.ts';

/** One request: method, body and per-request headers (content type, If-Match…). */
export interface JsonRequest {
  /** @default 'GET' */
  method?: string;
  /** The body, already serialised (fhirclient hands over JSON text). */
  body?: string;
  /** @default 'application/fhir+json' when there is a body */
  contentType?: string;
  /** Headers of this request; credentials come from the options' `headers` and win over these. */
  requestHeaders?: Record<string, string>;
  /**
   * Whether a transport error or a 408/429/5xx may be retried. @default true for GET, HEAD, PUT
   * and DELETE; false otherwise (a POST that timed out may have landed). A batch of reads is safe.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/** Options of {@linkcode fetchJson}: those of fetchText (fetch, base, credentials, retry…) plus the request. */
export interface FetchJsonOptions extends Omit<FetchTextOptions, 'ifNoneMatch'>, JsonRequest {}

/** A final answer of the parent, whatever its status (2xx, 304, 404, 410, 412…). */
export interface JsonAnswer {
  url: string;
  status: number;
  /** The parsed body; undefined when empty, or not JSON on a non-2xx answer. */
  body: Json | undefined;
  etag?: string;
  location?: string;
  headers: Headers;
  /** Attempts made, the last included. */
  attempts: number;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Sends one request to the parent and returns its final answer. Every status that a retry would
 * not change (2xx, 3xx, 4xx but 401/403/408/429) comes back as a value; 408, 429, 5xx and transport
 * errors are retried with full-jitter backoff when the request is idempotent. Throws SyncError:
 * LINK_FOREIGN_ORIGIN (the URL, or a redirect, leaves the base's origin: nothing is sent),
 * PARENT_UNAUTHORIZED (401/403), HTTP_ERROR / HTTP_TIMEOUT / PARENT_UNREACHABLE once retries are
 * spent, RESPONSE_MALFORMED (a 2xx whose body is not JSON), FEED_TOO_LARGE, ABORTED.
 *
 * @example Read a resource, 404 and 410 included
 * ```ts
 * const answer = await fetchJson(`${base}/ws/fhir2/R4/Patient/${id}`, { fetch, base, headers: auth });
 * if (answer.status === 410) markGone();
 * ```
 */
export async function fetchJson(url: string, options: FetchJsonOptions): Promise<JsonAnswer> {
  refuseForeign(url, options.base);
  const { retries = 4, baseDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {};
  const { random = Math.random, sleep = defaultSleep, log = silentLogger, signal } = options;
  const method = (options.method ?? 'GET').toUpperCase();
  const retryable = options.idempotent ?? idempotentMethods.has(method);
  for (let attempt = 1; ; attempt += 1) {
    throwIfAborted(signal);
    const outcome = await jsonAttempt(url, { ...options, method });
    if (outcome.kind === 'done') return { ...outcome.answer, attempts: attempt };
    const error = outcome.error;
    error.details['attempts'] = attempt;
    if (!retryable || attempt > retries) throw error;
    const jitter = fullJitterDelay(attempt, { baseDelayMs, maxDelayMs }, random);
    const delayMs = Math.min(maxDelayMs, Math.max(jitter, outcome.retryAfterMs ?? 0));
    log.warn('retrying a request to the parent', { url, method, attempt, delayMs, code: error.code, status: error.details['status'] });
    await sleep(delayMs, signal);
  }
}

/** With a base, a URL on any other origin is refused before anything is sent. */
function refuseForeign(url: string, base: string | undefined): void {
  if (base === undefined) return;
  const expected = originOf(base);
  if (expected === undefined || originOf(url) !== expected) {
    throw new SyncError('LINK_FOREIGN_ORIGIN', { details: { url, expectedOrigin: expected } });
  }
}
