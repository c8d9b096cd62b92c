/** Test kit for the browser node's SyncApi: fake-indexeddb stores and an in-process edge node as the parent. */

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDexieStore } from '../../src/browser/dexie-store/open-dexie-store.ts';
import { createSyncApi, type SyncApiService } from '../../src/browser/create-sync-api.ts';
import { openKeyStore } from '../../src/browser/key-store.ts';
import { pushPhaseOfSettings } from '../../src/browser/push-phase-of-settings.ts';
import type { StatusChannel, SyncApiPorts } from '../../src/browser/sync-api-ports.ts';
import type { BrowserSettings } from '../../src/browser/sync-api.ts';
import type { FetchLike } from '../../src/core/ports/ports.ts';
import type { SyncStore } from '../../src/core/store/store-port.ts';
import { seedDemoData } from '../../src/edge/seed/seed-demo-data.ts';
import { createTestApp, testBase, type TestApp } from '../edge/app/create-test-app.ts';
import { childCredentials } from '../edge/app/start-test-edge.ts';

export const childPassword = childCredentials.password;

/** Settings of a tablet signed in as the test edge node's child user. */
export function tabletSettings(overrides: Partial<BrowserSettings> = {}): BrowserSettings {
  return {
    parentBase: testBase,
    username: childCredentials.name,
    instanceId: childCredentials.instanceId,
    categories: [{ category: 'location', pull: true, push: false }, { category: 'patient', pull: true, push: true }],
    scheduleSeconds: 300,
    conflictPolicy: 'manual',
    ...overrides,
  };
}

/** An in-process edge node seeded with `patients` demo patients, and a fetch that reaches it. */
export async function seededParent(patients: number): Promise<TestApp & { fetch: FetchLike }> {
  const parent = await createTestApp();
  await seedDemoData(parent.store, { patients, now: Date.now, instanceId: 'parent', newId: () => crypto.randomUUID() });
  const fetch: FetchLike = (input, init) => parent.app.fetch(input instanceof Request ? input : new Request(input, init));
  return { ...parent, fetch };
}

/** A tablet: its own fake IndexedDB, ports over it, and the store the API opened (for inspection). */
export interface Tablet {
  ports: SyncApiPorts;
  indexedDB: IDBFactory;
  /** The store the API opened last. */
  store(): SyncStore;
  open(options?: { autoStart?: boolean }): Promise<SyncApiService>;
}

export function tablet(fetch: FetchLike, overrides: Partial<SyncApiPorts> = {}): Tablet {
  const indexedDB = new IDBFactory();
  let opened: SyncStore | undefined;
  const ports: SyncApiPorts = {
    openStore: async ({ onVersionChange }) => (opened = await openDexieStore({ name: 'tablet', indexedDB, IDBKeyRange, onVersionChange })),
    openKeys: () => openKeyStore({ name: 'tablet-keys', indexedDB, IDBKeyRange }),
    fetch,
    now: () => Date.now(),
    subtle: crypto.subtle,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    newId: () => crypto.randomUUID(),
    push: pushPhaseOfSettings,
    ...overrides,
  };
  return {
    ports,
    indexedDB,
    store: () => {
      if (!opened) throw new Error('no store opened yet');
      return opened;
    },
    open: (options = {}) => createSyncApi(ports, options),
  };
}

/**
 * A status channel kept in memory: what was posted, and a way to deliver a message from "another
 * tab". Like a BroadcastChannel, it refuses posts once closed.
 */
export function memoryChannel(): StatusChannel & { posted: unknown[]; deliver(data: unknown): void } {
  const listeners: ((event: MessageEvent) => void)[] = [];
  let closed = false;
  return {
    posted: [],
    postMessage(message) {
      if (closed) throw new DOMException('the channel is closed', 'InvalidStateError');
      this.posted.push(message);
    },
    addEventListener(_type, listener) { listeners.push(listener); },
    close() {
      closed = true;
      listeners.length = 0;
    },
    deliver(data) { for (const l of listeners) l(new MessageEvent('message', { data })); },
  };
}
