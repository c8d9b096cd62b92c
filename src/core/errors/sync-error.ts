/** The one error type of the core: a stable code, structured details and an optional cause. */

import { type ErrorCode, errorMessages } from './error-codes.ts';

export type { ErrorCode };

/** Options of a {@linkcode SyncError}. */
export interface SyncErrorOptions {
  /** A more specific message; defaults to the code's message. */
  message?: string;
  /** Structured, JSON-safe details (status, url, field…). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An error with a stable `code`. Callers branch on `code`, never on the message.
 *
 * @example Throw and inspect
 * ```ts
 * const err = new SyncError('FEED_MALFORMED', { details: { line: 3 } });
 * err.code; // 'FEED_MALFORMED'
 * ```
 */
export class SyncError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, options: SyncErrorOptions = {}) {
    super(options.message ?? errorMessages[code], { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** A plain, structured-clone-safe form that keeps the code across workers and HTTP. */
  toJSON(): SerializedSyncError {
    return { name: 'SyncError', code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an error from {@linkcode SyncError.toJSON} output. */
  static fromJSON(value: SerializedSyncError): SyncError {
    return new SyncError(value.code, { message: value.message, details: value.details });
  }
}

export interface SerializedSyncError {
  name: 'SyncError';
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** True when `value` is a {@linkcode SyncError}, optionally with the given code. */
export function isSyncError(value: unknown, code?: ErrorCode): value is SyncError {
  return value instanceof SyncError && (code === undefined || value.code === code);
}
