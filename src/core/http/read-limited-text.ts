/** Reads a response body as UTF-8 text, refusing it as soon as it grows past a byte limit. */

import { SyncError } from '../errors/sync-error.ts';
import { raceAbort } from './race-abort.ts';

/** Options of {@linkcode readLimitedText}. */
export interface ReadLimitedTextOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The URL, for error details. */
  url: string;
  /** Aborts the read (a timeout or the caller). */
  signal: AbortSignal;
}

/**
 * The body of `response` as text. A declared `Content-Length` above the limit is refused before
 * reading; otherwise bytes are counted while streaming, so a huge body never sits in memory.
 * Throws SyncError FEED_TOO_LARGE (details: url, maxBytes) and cancels the stream.
 *
 * @example
 * ```ts
 * const text = await readLimitedText(response, { maxBytes: 1 << 20, url, signal });
 * ```
 */
export async function readLimitedText(response: Response, options: ReadLimitedTextOptions): Promise<string> {
  const { maxBytes, url, signal } = options;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await cancelQuietly(response.body);
    throw tooLarge(url, maxBytes, declared);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await raceAbort(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(url, maxBytes, total);
      parts.push(decoder.decode(value, { stream: true }));
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Drops a body we will not read, so its connection is freed; a failure to cancel does not matter. */
export async function cancelQuietly(body: ReadableStream<Uint8Array> | null): Promise<void> {
  try {
    await body?.cancel();
  } catch {
    // Already closed or locked: nothing left to free.
  }
}

function tooLarge(url: string, maxBytes: number, seen: number): SyncError {
  return new SyncError('FEED_TOO_LARGE', {
    message: `The response from ${url} is larger than the limit of ${maxBytes} bytes`,
    details: { url, maxBytes, seenBytes: seen },
  });
}
