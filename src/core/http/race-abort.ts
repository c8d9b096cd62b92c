/** Settles a promise early with ABORTED when a signal aborts, for fetch ports or streams that ignore the signal. */

import { abortedError } from './sleep.ts';

/**
 * `promise`, or a rejection with SyncError ABORTED as soon as `signal` aborts (the abort reason
 * is the cause, so a timeout stays recognisable). The listener is removed once settled.
 *
 * @example
 * ```ts
 * const response = await raceAbort(fetch(url, { signal }), signal);
 * ```
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortedError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}
