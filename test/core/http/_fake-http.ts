/** Test doubles for the HTTP ports: a recording fetch, an instant sleep, and a SyncError catcher. */

import { SyncError } from '../../../src/core/errors/sync-error.ts';
import type { Sleep } from '../../../src/core/http/sleep.ts';
import type { FetchLike } from '../../../src/core/ports/ports.ts';

/** One request seen by a recording fetch. */
export interface SeenRequest {
  url: string;
  headers: Headers;
  signal?: AbortSignal;
}

/** A fetch that answers with `respond` and records every request. */
export function recordingFetch(
  respond: (request: SeenRequest, index: number) => Response | Promise<Response>,
): { fetch: FetchLike; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const request: SeenRequest = { url, headers: new Headers(init?.headers), ...(init?.signal ? { signal: init.signal } : {}) };
    requests.push(request);
    return await respond(request, requests.length - 1);
  };
  return { fetch, requests };
}

/** A sleep that records its delays and returns at once (rejecting when the signal has aborted). */
export function instantSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    delays.push(ms);
    if (signal?.aborted) throw new SyncError('ABORTED', { cause: signal.reason });
  };
  return { sleep, delays };
}

/** A promise that rejects with an AbortError when `signal` aborts, and never settles otherwise. */
export function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
  });
}

/** The SyncError a promise rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw new Error(`Expected a SyncError, got ${String(error)}`, { cause: error });
  }
  throw new Error('Expected a SyncError, but the promise resolved');
}

/** A body stream of `chunks` pieces of `size` bytes that counts how many it handed out. */
export function countingBody(chunks: number, size: number): { body: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() { cancelled = true; },
  });
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}
