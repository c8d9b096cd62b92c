/** What a failed request attempt means: cancelled (thrown), a final SyncError (thrown), or a timeout/network error worth retrying. */

import { SyncError } from '../errors/sync-error.ts';
import { abortedError } from './sleep.ts';

/**
 * Classifies an error thrown by one attempt. Throws ABORTED when the caller cancelled and
 * re-throws SyncErrors (final by construction); returns HTTP_TIMEOUT or PARENT_UNREACHABLE
 * for the retry loop otherwise.
 */
export function transportFailure(
  error: unknown,
  context: { url: string; timeoutMs: number; timedOut: boolean; signal?: AbortSignal },
): { kind: 'retry'; error: SyncError } {
  const { url, timeoutMs, signal } = context;
  if (signal?.aborted) throw abortedError(signal);
  if (context.timedOut) return { kind: 'retry', error: new SyncError('HTTP_TIMEOUT', { details: { url, timeoutMs }, cause: error }) };
  if (error instanceof SyncError) throw error;
  return { kind: 'retry', error: new SyncError('PARENT_UNREACHABLE', { details: { url }, cause: error }) };
}
