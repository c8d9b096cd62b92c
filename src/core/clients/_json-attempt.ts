/** One attempt of fetchJson: a final answer, a retryable error, or a thrown final error. */

import { SyncError } from '../errors/sync-error.ts';
import { createAttemptSignal } from '../http/attempt-signal.ts';
import { headersForOrigin, originOf } from '../http/headers-for-origin.ts';
import { raceAbort } from '../http/race-abort.ts';
import { cancelQuietly, readLimitedText } from '../http/read-limited-text.ts';
import { retryAfterMs, statusOutcome } from '../http/status-outcome.ts';
import type { Json } from '../store/store-port.ts';
import type { FetchJsonOptions, JsonAnswer } from './fetch-json.ts';
import { transportFailure } from '../http/transport-failure.ts';

/** What one attempt gave. */
export type JsonAttemptOutcome =
  | { kind: 'done'; answer: Omit<JsonAnswer, 'attempts'> }
  | { kind: 'retry'; error: SyncError; retryAfterMs?: number };

const defaultAccept = 'application/fhir+json, application/json;q=0.9, */*;q=0.1';
const defaultMaxBytes = 64 * 1024 * 1024;

/** Makes one attempt with its own timeout; throws the errors a retry would not change. */
export async function jsonAttempt(url: string, options: FetchJsonOptions & { method: string }): Promise<JsonAttemptOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const attempt = createAttemptSignal(options.signal, timeoutMs);
  try {
    const init: RequestInit = { method: options.method, headers: headersOf(url, options), signal: attempt.signal, redirect: 'follow' };
    if (options.body !== undefined) init.body = options.body;
    const response = await raceAbort(options.fetch(url, init), attempt.signal);
    return await readAnswer(url, response, { options, signal: attempt.signal });
  } catch (error) {
    return transportFailure(error, { url, timeoutMs, timedOut: attempt.timedOut(), ...(options.signal ? { signal: options.signal } : {}) });
  } finally {
    attempt.dispose();
  }
}

function headersOf(url: string, options: FetchJsonOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: options.accept ?? defaultAccept };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/fhir+json';
  for (const [name, value] of Object.entries(options.requestHeaders ?? {})) headers[name.toLowerCase()] = value;
  return { ...headers, ...headersForOrigin(url, options) };
}

async function readAnswer(
  url: string,
  response: Response,
  context: { options: FetchJsonOptions; signal: AbortSignal },
): Promise<JsonAttemptOutcome> {
  const { options, signal } = context;
  const { status } = response;
  checkFinalOrigin(url, response, options.base);
  const outcome = statusOutcome(status);
  if (outcome === 'unauthorized') {
    await cancelQuietly(response.body);
    throw new SyncError('PARENT_UNAUTHORIZED', { details: { status, url } });
  }
  if (outcome === 'retry') {
    await cancelQuietly(response.body);
    const error = new SyncError('HTTP_ERROR', { message: `HTTP ${status} from ${url}`, details: { status, url } });
    const hint = retryAfterMs(response.headers.get('retry-after'), options.now?.());
    return { kind: 'retry', error, ...(hint !== undefined ? { retryAfterMs: hint } : {}) };
  }
  const text = await readLimitedText(response, { maxBytes: options.maxBytes ?? defaultMaxBytes, url, signal });
  const body = parseBody(text, { url, status, strict: outcome === 'ok' });
  const answer: Omit<JsonAnswer, 'attempts'> = { url, status, body, headers: response.headers };
  const etag = response.headers.get('etag');
  const location = response.headers.get('location');
  if (etag) answer.etag = etag;
  if (location) answer.location = location;
  return { kind: 'done', answer };
}

/** JSON of a body; a 2xx must be JSON (or empty), other answers may carry HTML error pages. */
function parseBody(text: string, context: { url: string; status: number; strict: boolean }): Json | undefined {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch (cause) {
    if (!context.strict) return undefined;
    throw new SyncError('RESPONSE_MALFORMED', { details: { url: context.url, status: context.status }, cause });
  }
}

/** A redirect that ends outside the parent's origin is refused: its content is not the parent's. */
function checkFinalOrigin(url: string, response: Response, base: string | undefined): void {
  if (!response.url) return;
  const expected = originOf(base ?? url);
  const actual = originOf(response.url);
  if (expected !== undefined && actual !== undefined && actual !== expected) {
    void cancelQuietly(response.body);
    throw new SyncError('LINK_FOREIGN_ORIGIN', { details: { url, finalUrl: response.url, expectedOrigin: expected } });
  }
}
