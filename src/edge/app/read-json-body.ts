/** Reads a request body as a JSON object, enforcing a byte limit while it streams in. */

import type { JsonObject } from '../../core/store/store-port.ts';
import { type AppFailure, appFailure } from './app-errors.ts';

/** Default limit of a request body: 10 MiB. */
export const defaultMaxBodyBytes = 10 * 1024 * 1024;

/**
 * The body of `request` as a JSON object, or a failure: `BODY_TOO_LARGE` as soon as the
 * declared length or the bytes read pass `maxBytes` (the rest is never read), `BODY_MALFORMED`
 * for invalid UTF-8 or JSON, `BODY_NOT_OBJECT` for another JSON value.
 *
 * @example Read a posted resource
 * ```ts
 * const body = await readJsonBody(request, { maxBytes: 1024 });
 * if (isAppFailure(body)) return errorResponse(body, 'fhir');
 * ```
 */
export async function readJsonBody(request: Request, options: { maxBytes: number }): Promise<JsonObject | AppFailure> {
  const text = await readText(request, options.maxBytes);
  if (typeof text !== 'string') return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return appFailure('BODY_MALFORMED', { message: `The body is not well-formed JSON: ${(cause as Error).message}` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return appFailure('BODY_NOT_OBJECT');
  return value as JsonObject;
}

async function readText(request: Request, maxBytes: number): Promise<string | AppFailure> {
  const tooLarge = (): AppFailure => appFailure('BODY_TOO_LARGE', {
    message: `The body is larger than this node accepts (${maxBytes} bytes)`, details: { maxBytes },
  });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return tooLarge();
  if (!request.body) return appFailure('BODY_MALFORMED', { message: 'The request has no body' });
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return appFailure('BODY_MALFORMED', { message: 'The body is not valid UTF-8' });
  }
}
