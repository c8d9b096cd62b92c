/** DevTools protocol access for the browser bench: a session on the page's sync worker, heap peaks of page and worker, the worker's CPU profile. */

import type { CDPSession } from 'playwright-core';

/** A DevTools session on a target reached through the page's session (messages wrapped by `Target.sendMessageToTarget`). */
export interface TargetSession {
  send<T>(method: string, params?: object): Promise<T>;
  /** Calls `listener` with the params of every `method` event of the target. */
  on(method: string, listener: (params: Record<string, unknown>) => void): void;
}

/** A V8 CPU profile as `Profiler.stop` returns it. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface HeapUsage { usedSize: number; totalSize: number }

/**
 * Attaches to the page's dedicated worker whose URL contains `urlPart` (auto-attach without
 * flattening, so Playwright's own sessions are left alone) and returns a session on it.
 */
export async function attachToWorker(cdp: CDPSession, urlPart: string, timeoutMs = 15_000): Promise<TargetSession> {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Map<string, ((params: Record<string, unknown>) => void)[]>();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown> };
    if (message.method !== undefined) for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {});
    const call = message.id === undefined ? undefined : waiting.get(message.id);
    if (!call || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) call.reject(new Error(message.error.message));
    else call.resolve(message.result);
  });
  const sessionId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no worker matching ${urlPart} attached within ${timeoutMs} ms`)), timeoutMs);
    cdp.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type !== 'worker' || !event.targetInfo.url.includes(urlPart)) return;
      clearTimeout(timer);
      resolve(event.sessionId);
    });
    void cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  });
  return {
    send<T>(method: string, params: object = {}): Promise<T> {
      const id = nextId++;
      const answer = new Promise<T>((resolve, reject) => {
        // A worker that went away never answers: give up rather than hang the bench.
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${method}: no answer from the worker within ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = <V>(done: (value: V) => void) => (value: V) => {
          clearTimeout(timer);
          done(value);
        };
        waiting.set(id, { resolve: settle(resolve as (value: unknown) => void), reject: settle(reject) });
      });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => undefined);
      return answer;
    },
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
  };
}

/** Peak JS heap in use, in bytes, of the page and of the worker, sampled every `everyMs`. */
export interface HeapPeaks {
  page: number;
  worker: number;
  stop(): Promise<void>;
}

/** Samples `Runtime.getHeapUsage` of the page and the worker until `stop()`. */
export function sampleHeapPeaks(page: CDPSession, worker: TargetSession, everyMs = 200): HeapPeaks {
  const peaks: HeapPeaks = { page: 0, worker: 0, stop: async () => undefined };
  let stopped = false;
  const sample = async (): Promise<void> => {
    const [p, w] = await Promise.all([
      page.send('Runtime.getHeapUsage') as Promise<HeapUsage>,
      worker.send<HeapUsage>('Runtime.getHeapUsage'),
    ]);
    peaks.page = Math.max(peaks.page, p.usedSize);
    peaks.worker = Math.max(peaks.worker, w.usedSize);
  };
  const loop = (async () => {
    while (!stopped) {
      await sample().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await sample().catch(() => undefined);
  })();
  peaks.stop = async () => {
    stopped = true;
    await loop;
  };
  return peaks;
}

/** Starts the worker's sampling profiler (`intervalUs` between samples); the returned function stops it and gives the profile. */
export async function startWorkerProfile(worker: TargetSession, intervalUs: number): Promise<() => Promise<CpuProfile>> {
  await worker.send('Profiler.enable');
  await worker.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await worker.send('Profiler.start');
  return async () => (await worker.send<{ profile: CpuProfile }>('Profiler.stop')).profile;
}

/** The worker's HTTP requests as the browser saw them: [sent, finished] in the profiler's clock (µs). */
export interface RequestLog {
  intervals(): [number, number][];
}

/** Follows the worker's requests through the Network domain until the page closes. */
export async function logWorkerRequests(worker: TargetSession): Promise<RequestLog> {
  const sent = new Map<string, number>();
  const done: [number, number][] = [];
  const finish = (params: Record<string, unknown>): void => {
    const started = sent.get(String(params['requestId']));
    if (started === undefined) return;
    sent.delete(String(params['requestId']));
    done.push([started, Number(params['timestamp']) * 1e6]);
  };
  worker.on('Network.requestWillBeSent', (params) => { sent.set(String(params['requestId']), Number(params['timestamp']) * 1e6); });
  worker.on('Network.loadingFinished', finish);
  worker.on('Network.loadingFailed', finish);
  await worker.send('Network.enable');
  return { intervals: () => [...done] };
}
