/**
 * The service worker: precaches the app shell, and runs the same sync engine on Background Sync
 * and Periodic Background Sync events. It never handles `/openmrs/*` requests (no respondWith:
 * the network answers, nothing is cached or queued; the change log is the only outbox).
 * @module
 */

/// <reference lib="webworker" />

import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { runBackgroundSync } from '../src/browser/background-sync-run.ts';
import { createSyncApi } from '../src/browser/create-sync-api.ts';
import { globalSyncPorts } from '../src/browser/global-sync-ports.ts';
import { answerSkipWaiting } from '../src/browser/skip-waiting-guard.ts';
import { backgroundSyncTag, isSkipWaitingRequest, periodicSyncTag } from '../src/browser/sw-messages.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };
interface SyncEventLike extends ExtendableEvent { tag: string }
type SyncRegistration = ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };

const precached = self.__WB_MANIFEST;
precacheAndRoute(precached);
cleanupOutdatedCaches();
// App routes open the cached shell offline; the node's own endpoints always go to the network.
if (precached.some((entry) => (typeof entry === 'string' ? entry : entry.url) === 'index.html')) {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/openmrs\//, /^\/(health|status|sync)(\/|$)/] }));
}
clientsClaim();

/** One chunk of sync; cut at the deadline and continued by another sync event. */
async function syncChunk(kind: 'sync' | 'periodicsync'): Promise<void> {
  const api = await createSyncApi(globalSyncPorts(), { autoStart: false });
  try {
    const outcome = await runBackgroundSync(api, { deadlineMs: 150_000 });
    if (outcome.kind !== 'ran') return;
    if (outcome.cutShort) await (self.registration as SyncRegistration).sync?.register(backgroundSyncTag);
    // A rejected one-off sync is retried by the browser later, with its own backoff.
    else if (kind === 'sync' && outcome.summary.status === 'failed') throw new Error(`sync failed: ${outcome.summary.error?.code ?? 'unknown'}`);
  } finally {
    await api.close();
  }
}

self.addEventListener('sync', (event) => {
  const e = event as SyncEventLike;
  if (e.tag === backgroundSyncTag) e.waitUntil(syncChunk('sync'));
});
self.addEventListener('periodicsync', (event) => {
  const e = event as SyncEventLike;
  if (e.tag === periodicSyncTag) e.waitUntil(syncChunk('periodicsync'));
});
self.addEventListener('message', (event) => {
  if (!isSkipWaitingRequest(event.data)) return;
  const reply = event.ports[0];
  event.waitUntil((async () => {
    const api = await createSyncApi(globalSyncPorts(), { autoStart: false });
    try {
      reply?.postMessage(await answerSkipWaiting(api, () => self.skipWaiting()));
    } finally {
      await api.close();
    }
  })());
});
