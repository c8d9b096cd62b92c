/** Log fields for an error that stopped the node: the stable code and message, and the cause's message. */

import { isSyncError } from '../../core/errors/sync-error.ts';
import type { LogFields } from '../../core/ports/ports.ts';

/**
 * `{ code, message, details?, cause? }` for a SyncError; `{ message, cause? }` for anything else.
 *
 * @example
 * ```ts
 * log.error('the edge node could not start', describeStartFailure(error));
 * ```
 */
export function describeStartFailure(error: unknown): LogFields {
  const cause = error instanceof Error && error.cause instanceof Error ? { cause: error.cause.message } : {};
  if (isSyncError(error)) {
    const details = Object.keys(error.details).length > 0 ? { details: error.details } : {};
    return { code: error.code, message: error.message, ...details, ...cause };
  }
  return { message: error instanceof Error ? error.message : String(error), ...cause };
}
