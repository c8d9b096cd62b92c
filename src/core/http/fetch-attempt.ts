/** One GET attempt of fetchText: its outcome is a result, a retryable error, or a thrown final error. */

import { SyncError } from '../errors/sync-error.ts';
import { createAttemptSignal } from './attempt-signal.ts';
import type { FetchTextOptions, FetchTextResult } from './fetch-text.ts';
import { headersForOrigin, originOf } from './headers-for-origin.ts';
import { raceAbort } from './race-abort.ts';
import { cancelQuietly, readLimitedText } from './read-limited-text.ts';
import { retryAfterMs, statusOutcome } from './status-outcome.ts';
import { transportFailure } from './transport-failure.ts';

/** What one attempt gave: an answer, or an error worth retrying (final errors are thrown). */
export type AttemptOutcome =
  | { kind: 'done'; result: Omit<FetchTextResult, 'attempts'> }
  | { kind: 'retry'; error: SyncError; retryAfterMs?: number };

const defaultAccept = 'application/atom+xml, application/xml;q=0.9, */*;q=0.1';
const defaultMaxBytes = 16 * 1024 * 1024;

/**
 * Makes one attempt with its own timeout. Throws final errors (ABORTED, PARENT_UNAUTHORIZED,
 * HTTP_ERROR for non-retryable statuses, FEED_TOO_LARGE, LINK_FOREIGN_ORIGIN).
 */
export async function fetchAttempt(url: string, options: FetchTextOptions): Promise<AttemptOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const attempt = createAttemptSignal(options.signal, timeoutMs);
  try {
    const init = { method: 'GET', headers: requestHeaders(url, options), signal: attempt.signal, redirect: 'follow' } as const;
    const response = await raceAbort(options.fetch(url, init), attempt.signal);
    return await readAnswer(url, response, options, attempt.signal);
  } catch (error) {
    return transportFailure(error, { url, timeoutMs, timedOut: attempt.timedOut(), ...(options.signal ? { signal: options.signal } : {}) });
  } finally {
    attempt.dispose();
  }
}

function requestHeaders(url: string, options: FetchTextOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: options.accept ?? defaultAccept };
  if (options.ifNoneMatch !== undefined) headers['if-none-match'] = options.ifNoneMatch;
  return { ...headers, ...headersForOrigin(url, options) };
}

async function readAnswer(
  url: string,
  response: Response,
  options: FetchTextOptions,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const { status } = response;
  checkFinalOrigin(url, response, options);
  const outcome = statusOutcome(status);
  const etag = response.headers.get('etag') ?? undefined;
  if (outcome === 'ok') {
    const text = await readLimitedText(response, { maxBytes: options.maxBytes ?? defaultMaxBytes, url, signal });
    return { kind: 'done', result: { url, status, text, notModified: false, ...(etag ? { etag } : {}) } };
  }
  await cancelQuietly(response.body);
  if (outcome === 'not-modified' && options.ifNoneMatch !== undefined) {
    return { kind: 'done', result: { url, status, text: '', notModified: true, etag: etag ?? options.ifNoneMatch } };
  }
  if (outcome === 'unauthorized') throw new SyncError('PARENT_UNAUTHORIZED', { details: { status, url } });
  const error = new SyncError('HTTP_ERROR', { message: `HTTP ${status} from ${url}`, details: { status, url } });
  if (outcome !== 'retry') throw error;
  const hint = retryAfterMs(response.headers.get('retry-after'), options.now?.());
  return { kind: 'retry', error, ...(hint !== undefined ? { retryAfterMs: hint } : {}) };
}

/** A redirect that ends outside the parent's origin is refused: its content is not the parent's. */
function checkFinalOrigin(url: string, response: Response, options: FetchTextOptions): void {
  if (!response.url) return;
  const expected = originOf(options.base ?? url);
  const actual = originOf(response.url);
  if (expected !== undefined && actual !== undefined && actual !== expected) {
    void cancelQuietly(response.body);
    throw new SyncError('LINK_FOREIGN_ORIGIN', { details: { url, finalUrl: response.url, expectedOrigin: expected } });
  }
}
