/** Turns an error code into plain words a clinician or a clinic's IT person can act on. */

import { type ErrorCode, errorMessages } from '../core/errors/error-codes.ts';
import type { SerializedFailure } from '../core/store/store-port.ts';

const titles: Partial<Record<ErrorCode, string>> = {
  PARENT_UNAUTHORIZED: 'Wrong username or password',
  PARENT_UNREACHABLE: 'The parent server cannot be reached',
  HTTP_TIMEOUT: 'The parent server took too long to answer',
  HTTP_ERROR: 'The parent server answered with an error',
  RESPONSE_MALFORMED: 'The parent server sent an unexpected answer',
  FEED_MALFORMED: 'The list of changes from the parent could not be read',
  FEED_DOCTYPE_REFUSED: 'The list of changes from the parent was refused',
  FEED_TOO_LARGE: 'The list of changes from the parent is too large',
  FEED_MISSING_VIA: 'The list of changes from the parent is incomplete',
  FEED_CONTENT_NOT_JSON: 'A change from the parent could not be read',
  FEED_PAGE_MISSING: 'A page of changes is missing on the parent',
  LINK_FOREIGN_ORIGIN: 'The parent pointed to another server, which is not allowed',
  LINK_INVALID: 'The parent sent a broken link',
  STORE_QUOTA: 'This tablet is out of storage space',
  STORE_UNAVAILABLE: 'The data on this tablet cannot be opened',
  STORE_BATCH_INVALID: 'A write on this tablet was refused',
  CONFIG_INVALID: 'The settings are not valid',
  OBJECT_INVALID: 'The record is not valid',
  ABORTED: 'The sync was stopped',
  CLIENT_UNAVAILABLE: 'The parent offers no way to fetch this record',
  PUSH_UNSUPPORTED: 'The parent cannot accept this record',
  PUSH_CONTENDED: 'The record kept changing on the parent; it will be tried again',
  NOT_CONFIGURED: 'Not signed in',
  RECORD_NOT_FOUND: 'The record no longer exists',
  CONFLICT_NOT_RESOLVED: 'The conflict could not be resolved',
  CREDENTIALS_UNREADABLE: 'The saved login cannot be read: sign in again',
};

/** A failure explained: a plain title, the detailed message and the stable code. */
export interface ExplainedFailure {
  title: string;
  message: string;
  code: string;
}

/**
 * Plain words for a failure value or a thrown error (a SyncError keeps its `code` across the worker).
 *
 * @example
 * ```ts
 * explainFailure({ code: 'PARENT_UNAUTHORIZED', message: '…' }).title; // 'Wrong username or password'
 * ```
 */
export function explainFailure(failure: unknown): ExplainedFailure {
  const value = toFailure(failure);
  const known = value.code in errorMessages ? (value.code as ErrorCode) : undefined;
  const title = (known && titles[known]) ?? (known ? errorMessages[known] : 'Something went wrong');
  return { title, message: value.message, code: value.code };
}

/** A serialised failure from any thrown value. */
export function toFailure(error: unknown): SerializedFailure {
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code === 'string') {
      return { code, message: typeof message === 'string' ? message : code, ...(isRecord(details) ? { details } : {}) };
    }
    if (typeof message === 'string') return { code: 'UNEXPECTED', message };
  }
  return { code: 'UNEXPECTED', message: String(error) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
