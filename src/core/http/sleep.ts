/** The sleep port used between retries: a delay that ends early, with ABORTED, when its signal aborts. */

import { SyncError } from '../errors/sync-error.ts';

/** Waits `ms` milliseconds; rejects with SyncError ABORTED when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The SyncError ABORTED for an aborted signal, keeping its reason as the cause. */
export function abortedError(signal?: AbortSignal): SyncError {
  return new SyncError('ABORTED', { cause: signal?.reason });
}

/** Throws SyncError ABORTED when `signal` has aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortedError(signal);
}

/**
 * The default {@linkcode Sleep}: a timer that is cleared when the signal aborts.
 *
 * @example Wait half a second unless cancelled
 * ```ts
 * await defaultSleep(500, controller.signal);
 * ```
 */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
