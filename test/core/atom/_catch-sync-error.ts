/** Runs a function that must throw a SyncError and returns it, so a test can check code and details. */

import { SyncError } from '../../../src/core/errors/sync-error.ts';

/** The SyncError `fn` throws; throws itself when `fn` returns or throws anything else. */
export function catchSyncError(fn: () => unknown): SyncError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SyncError) return err;
    throw new Error(`Expected a SyncError, got ${String(err)}`, { cause: err });
  }
  throw new Error('Expected a SyncError, but nothing was thrown');
}
