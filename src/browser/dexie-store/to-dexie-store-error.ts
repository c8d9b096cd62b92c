/** Maps IndexedDB and Dexie failures to SyncErrors with the store's stable codes. */

import { isSyncError, SyncError } from '../../core/errors/sync-error.ts';

// Browsers and Dexie name the same failure differently; Dexie keeps the DOM name on its own
// wrapper and puts the original in `inner`, a bulk failure in `failures`, an abort's cause too.
const quotaNames = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const closedNames = new Set([
  'DatabaseClosedError', 'OpenFailedError', 'VersionError', 'VersionChangeError', 'MissingAPIError', 'InvalidStateError',
]);
const uncloneableNames = new Set(['DataCloneError']);

/**
 * A SyncError for `error`: SyncErrors pass through; running out of space (the DOM
 * `QuotaExceededError`, Dexie's wrapper of it, a bulk or abort error holding it) is
 * `STORE_QUOTA`; a closed, blocked or outdated connection is `STORE_UNAVAILABLE`; a value
 * IndexedDB cannot clone is `STORE_BATCH_INVALID`. Anything else (a bug) is returned unchanged.
 */
export function toDexieStoreError(error: unknown): unknown {
  if (isSyncError(error)) return error;
  const quota = findError(error, (e) => quotaNames.has(e.name));
  if (quota) return new SyncError('STORE_QUOTA', { details: describe(quota), cause: error });
  const closed = findError(error, (e) => closedNames.has(e.name));
  if (closed) {
    const message = `The browser store is not available: ${closed.name} ${closed.message}`;
    return new SyncError('STORE_UNAVAILABLE', { message, details: describe(closed), cause: error });
  }
  const uncloneable = findError(error, (e) => uncloneableNames.has(e.name));
  if (uncloneable) {
    const details = { path: 'plan', problem: 'not cloneable', ...describe(uncloneable) };
    return new SyncError('STORE_BATCH_INVALID', { details, cause: error });
  }
  return error;
}

/** True when `error` holds an IndexedDB ConstraintError (a key or unique index value already taken). */
export function isConstraintError(error: unknown): boolean {
  return findError(error, (e) => e.name === 'ConstraintError') !== undefined;
}

interface ErrorLike {
  name: string;
  message: string;
}

/** The first error in `error`'s wrapping tree (itself, inner, cause, bulk failures) that matches. */
function findError(error: unknown, matches: (e: ErrorLike) => boolean, depth = 0): ErrorLike | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const e = error as Partial<ErrorLike> & { inner?: unknown; cause?: unknown; failures?: unknown };
  const found = { name: String(e.name ?? ''), message: String(e.message ?? '') };
  if (matches(found)) return found;
  const nested = [e.inner, e.cause, ...(Array.isArray(e.failures) ? e.failures : [])];
  for (const candidate of nested) {
    const inside = findError(candidate, matches, depth + 1);
    if (inside) return inside;
  }
  return undefined;
}

function describe(error: ErrorLike): Record<string, unknown> {
  return { name: error.name, message: error.message };
}
