/** The browser bench's edge node on its own thread: the parent API with demo objects and the built PWA on one origin, as a real node composes them. */

import type { AddressInfo } from 'node:net';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import { createApp } from '../../src/edge/app/create-app.ts';
import { createUserDirectory } from '../../src/edge/app/user-directory.ts';
import { composeEdgeHandler } from '../../src/edge/node/compose-edge-handler.ts';
import { createStaticSite } from '../../src/edge/node/static-site.ts';
import { nativeGzip } from '../../worker/native-gzip.ts';
import { useNativeSha256 } from '../../worker/native-sha256.ts';
import { defaultTestUsers, testInstanceId } from '../edge/app/start-test-edge.ts';
import { demoObjects } from '../integration/_network-kit.ts';
import { loadParent, startParentThread } from './pull-bench.ts';
import { readFileOrUndefined } from '../../worker/read-file-or-undefined.ts';

const role = 'browser-bench-edge';

/** Requests the edge node answered, by kind (feed, fhir, rest, site, other): how many and the handler's time in ms. */
export type EdgeRequestStats = Record<string, { count: number; ms: number }>;

/** A running edge node: `url` is its origin (the PWA), `base` its OpenMRS base (`url + '/openmrs'`). */
export interface BrowserBenchEdge {
  url: string;
  base: string;
  loadSeconds: number;
  /** The requests answered so far; `reset` starts the count again. */
  requests(options?: { reset?: boolean }): Promise<EdgeRequestStats>;
  /** The edge thread's event loop utilisation (pass an earlier one to get the difference). */
  utilization(since?: EventLoopUtilization): EventLoopUtilization;
  close(): Promise<void>;
}

/**
 * Starts, on a worker thread, an edge app (memory store, feed pages of 100, the test users, the
 * Node entry's native SHA-256 and gzip) loaded with `count` demo objects, behind the node's own
 * handler composition: `/openmrs/…` to the app, other GETs to the static files under `siteRoot`
 * (the built PWA).
 */
export async function startBrowserBenchEdge(count: number, siteRoot: string): Promise<BrowserBenchEdge> {
  const { thread, ...started } = await startParentThread(count, { url: import.meta.url, role, data: { siteRoot } });
  const requests = (options: { reset?: boolean } = {}): Promise<EdgeRequestStats> => new Promise((resolve) => {
    const answer = (message: { stats?: EdgeRequestStats }): void => {
      if (!message.stats) return;
      thread.off('message', answer);
      resolve(message.stats);
    };
    thread.on('message', answer);
    thread.postMessage({ stats: true, reset: options.reset ?? false });
  });
  const utilization = (since?: EventLoopUtilization) => thread.performance.eventLoopUtilization(since);
  return { ...started, url: new URL(started.base).origin, requests, utilization };
}

function kindOf(pathname: string): string {
  if (pathname.includes('/ws/atomfeed/')) return 'feed';
  if (pathname.includes('/ws/fhir2/')) return 'fhir';
  if (pathname.includes('/ws/rest/')) return 'rest';
  return pathname.startsWith('/openmrs') || pathname === '/health' || pathname === '/status' ? 'other' : 'site';
}

/** Wraps `handler` to count requests by kind with their handler time. */
function counted(handler: (request: Request) => Promise<Response>): { handler: typeof handler; stats: EdgeRequestStats } {
  const stats: EdgeRequestStats = {};
  return {
    stats,
    handler: async (request) => {
      const started = performance.now();
      try {
        return await handler(request);
      } finally {
        const entry = (stats[kindOf(new URL(request.url).pathname)] ??= { count: 0, ms: 0 });
        entry.count += 1;
        entry.ms += performance.now() - started;
      }
    },
  };
}

/** The thread side: load the store, listen on loopback, post the base, close when told; native SHA-256 and gzip, as worker/edge.node.ts. */
async function serveEdge(count: number, siteRoot: string): Promise<void> {
  useNativeSha256();
  const store = createMemoryStore();
  const users = createUserDirectory(await defaultTestUsers());
  const app = createApp({ store, now: Date.now, instanceId: testInstanceId, pageSize: 100, users, gzip: nativeGzip });
  const loading = performance.now();
  await loadParent(store, demoObjects(count));
  const loadSeconds = (performance.now() - loading) / 1000;
  const site = createStaticSite({ root: siteRoot, readFile: readFileOrUndefined });
  const { handler, stats } = counted(composeEdgeHandler({ app: (request) => app.fetch(request), site }));
  // `_id` searches of a full page carry long URLs: the node's entry raises Node's 16 KB header limit the same way.
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: handler, port: 0, hostname: '127.0.0.1', serverOptions: { maxHeaderSize: 128 * 1024 } }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  parentPort?.postMessage({ base: `http://127.0.0.1:${port}/openmrs`, loadSeconds });
  parentPort?.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'stats' in message) {
      parentPort?.postMessage({ stats: structuredClone(stats) });
      if ((message as { reset?: boolean }).reset) for (const kind of Object.keys(stats)) delete stats[kind];
      return;
    }
    server.close(() => void store.close().then(() => parentPort?.close()));
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === role) {
  const data = workerData as { count: number; siteRoot: string };
  await serveEdge(data.count, data.siteRoot);
}
