/** The SyncApi ports of a real browser context (dedicated worker or service worker), built from its globals. */

import { type Logger, silentLogger } from '../core/ports/ports.ts';
import { openDexieStore } from './dexie-store/open-dexie-store.ts';
import { openKeyStore } from './key-store.ts';
import { navigatorRunLock, navigatorRunState } from './navigator-run-lock.ts';
import { pushPhaseOfSettings } from './push-phase-of-settings.ts';
import type { StorageInfo, SyncApiPorts } from './sync-api-ports.ts';

/** IndexedDB name of the node's store. */
export const syncStoreName = 'openmrs-sync';
/** IndexedDB name of the device keys. */
export const keyStoreName = 'openmrs-sync-keys';

export interface GlobalSyncPortsOptions {
  /** @default syncStoreName */
  storeName?: string;
  /** @default keyStoreName */
  keyStoreName?: string;
  /** @default pushPhaseOfSettings (the core push service) */
  push?: SyncApiPorts['push'] | null;
  /** @default console, warnings and errors only */
  log?: Logger;
}

/**
 * Ports from the context's globals: IndexedDB through Dexie, `fetch`, `Date.now`, Web Crypto,
 * `navigator.locks` (one run per origin), BroadcastChannel and `navigator.storage`. The only
 * place the browser node reads these globals.
 *
 * @example
 * ```ts
 * const api = await createSyncApi(globalSyncPorts(), { autoStart: true });
 * ```
 */
export function globalSyncPorts(options: GlobalSyncPortsOptions = {}): SyncApiPorts {
  const log = options.log ?? consoleLogger;
  const push = options.push === undefined ? pushPhaseOfSettings : options.push;
  const ports: SyncApiPorts = {
    openStore: ({ onVersionChange }) => openDexieStore({ name: options.storeName ?? syncStoreName, onVersionChange, log }),
    openKeys: () => openKeyStore({ name: options.keyStoreName ?? keyStoreName }),
    // Credentials go only in the Authorization header the core sets for the parent's origin.
    // Without `omit`, a 401 carrying `WWW-Authenticate: Basic` makes Chromium wait on a login
    // prompt nobody sees (a worker has no window) instead of answering.
    fetch: (input, init) => globalThis.fetch(input, { ...init, credentials: 'omit' }),
    now: () => Date.now(),
    subtle: globalThis.crypto.subtle,
    randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    newId: () => globalThis.crypto.randomUUID(),
    openChannel: (name) => new BroadcastChannel(name),
    log,
  };
  if (typeof navigator !== 'undefined' && navigator.locks) {
    ports.runLock = navigatorRunLock(navigator.locks);
    ports.runState = navigatorRunState(navigator.locks);
  }
  if (typeof navigator !== 'undefined' && navigator.storage) ports.storageEstimate = () => storageInfo(navigator.storage);
  if (push) ports.push = push;
  return ports;
}

async function storageInfo(storage: StorageManager): Promise<StorageInfo> {
  const [estimate, persistent] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]);
  return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persistent };
}

/** Warnings and errors to the console; fields are JSON-safe and never hold the password. */
const consoleLogger: Logger = {
  ...silentLogger,
  warn: (message, fields) => console.warn(`[openmrs-sync] ${message}`, fields ?? {}),
  error: (message, fields) => console.error(`[openmrs-sync] ${message}`, fields ?? {}),
};
