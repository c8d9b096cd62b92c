/** Turns any thrown value into the JSON-safe failure a failed event or audit row keeps. */

import { SyncError } from '../errors/sync-error.ts';
import type { SerializedFailure } from '../store/store-port.ts';

/**
 * `{ code, message, details }` of a SyncError; `UNEXPECTED` with the message of anything else.
 *
 * @example
 * ```ts
 * serializeFailure(new SyncError('HTTP_ERROR', { details: { status: 500 } }));
 * // { code: 'HTTP_ERROR', message: 'The parent answered with an HTTP error', details: { status: 500 } }
 * ```
 */
export function serializeFailure(error: unknown): SerializedFailure {
  if (error instanceof SyncError) {
    return { code: error.code, message: error.message, details: jsonSafe(error.details) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNEXPECTED', message };
}

/** Details survive only as JSON would keep them (stores clone and serialise them). */
function jsonSafe(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
