/** Maps database and driver failures to SyncErrors with the store's stable codes. */

import { isSyncError, SyncError } from '../../core/errors/sync-error.ts';

/**
 * A SyncError for `error`: SyncErrors pass through; a value the database rejects (SQLSTATE
 * class 22, e.g. `\u0000` in a JSON string) is `STORE_BATCH_INVALID`; a full disk is
 * `STORE_QUOTA`; a lost or refused connection is `STORE_UNAVAILABLE`. Anything else (a bug in
 * our SQL) is returned unchanged.
 */
export function toStoreError(error: unknown): unknown {
  if (isSyncError(error)) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const sqlState = typeof code === 'string' ? code : '';
  const details = { sqlState, message: typeof message === 'string' ? message : String(error) };
  if (sqlState.startsWith('22')) return new SyncError('STORE_BATCH_INVALID', { details, cause: error });
  if (sqlState === '53100') return new SyncError('STORE_QUOTA', { details, cause: error });
  if (isConnectionFailure(sqlState)) return new SyncError('STORE_UNAVAILABLE', { details, cause: error });
  return error;
}

// 08: connection exception; 57P: operator intervention (shutdown); 53300: too many connections;
// the rest are node/deno socket errors and postgres.js's own codes.
function isConnectionFailure(code: string): boolean {
  return code.startsWith('08') || code.startsWith('57P') || code === '53300' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED',
      'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT'].includes(code);
}
