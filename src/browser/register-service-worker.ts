/** Page side of the service worker: registration, Background Sync and Periodic Background Sync, fallback triggers, the update prompt. */

/// <reference types="vite/client" />

import { askToActivate } from './ask-to-activate.ts';
import { backgroundSyncTag, periodicSyncTag, type SkipWaitingAnswer } from './sw-messages.ts';
import { startSyncTriggers } from './sync-triggers.ts';

/** A new version installed and waiting. */
export interface PendingUpdate {
  /**
   * Asks the waiting service worker to take over. It refuses while local changes are unpushed
   * (the answer says how many); once it activates, the page reloads into the new version.
   */
  apply(): Promise<SkipWaitingAnswer>;
}

export interface RegisterServiceWorkerOptions {
  /** @default '/service-worker.js' */
  url?: string;
  /** Register at all; the dev server serves no service worker. @default import.meta.env.PROD */
  enabled?: boolean;
  /** Starts a sync from the page: used on `online`, on becoming visible, and on the fallback timer. */
  syncNow?: () => Promise<unknown>;
  /** Fallback timer where Periodic Background Sync is not granted, ms. @default 300_000 */
  fallbackIntervalMs?: number;
  /** Interval asked of Periodic Background Sync (the browser decides), ms. @default 900_000 */
  periodicIntervalMs?: number;
  /** Called when a new version is waiting (at start too, if one already is). */
  onUpdateAvailable?: (update: PendingUpdate) => void;
  /** Reloads the page once the new version controls it. @default () => location.reload() */
  reload?: () => void;
}

/** What was set up. */
export interface ServiceWorkerHandle {
  registration?: ServiceWorkerRegistration;
  backgroundSync: boolean;
  periodicSync: boolean;
  /** Asks for a sync as soon as the network allows, even after the page closes; false without Background Sync. */
  requestBackgroundSync(): Promise<boolean>;
  /** Removes the page-side triggers. */
  stop(): void;
}

interface SyncManagerLike { register(tag: string, options?: { minInterval?: number }): Promise<void> }
type SyncCapableRegistration = ServiceWorkerRegistration & { sync?: SyncManagerLike; periodicSync?: SyncManagerLike };

/**
 * Registers `/service-worker.js` (production builds only by default), registers the Background
 * Sync tag and, when the permission is granted, Periodic Background Sync; starts the page-side
 * triggers (`online`, visible again, and a timer where periodic sync is missing); reports a
 * waiting new version through `onUpdateAvailable`. Never throws: without service workers (or on
 * a failed registration) only the page triggers run.
 *
 * @example
 * ```ts
 * const sw = await registerServiceWorker({ syncNow: () => api.syncNow(), onUpdateAvailable: (u) => showUpdateBanner(u) });
 * await api.registerPatient(form); await sw.requestBackgroundSync();
 * ```
 */
export async function registerServiceWorker(options: RegisterServiceWorkerOptions = {}): Promise<ServiceWorkerHandle> {
  const enabled = options.enabled ?? import.meta.env.PROD;
  let registration: SyncCapableRegistration | undefined;
  if (enabled && 'serviceWorker' in navigator) {
    try {
      const registered = await navigator.serviceWorker.register(options.url ?? '/service-worker.js', { scope: '/' });
      watchUpdates(registered, options);
      // Sync registrations need an active worker: on the first visit, wait for it to activate.
      registration = (await activeWithin(10_000)) ?? registered;
    } catch (error) {
      console.warn('[openmrs-sync] the service worker could not be registered; syncing only while the app is open', String(error));
    }
  }
  const backgroundSync = await registerTag(registration?.sync, backgroundSyncTag);
  const periodicSync = registration ? await registerPeriodic(registration, options.periodicIntervalMs ?? 900_000) : false;
  const syncNow = options.syncNow;
  const stop = syncNow
    ? startSyncTriggers({ syncNow, ...(periodicSync ? {} : { intervalMs: options.fallbackIntervalMs ?? 300_000 }) })
    : () => undefined;
  return {
    ...(registration ? { registration } : {}),
    backgroundSync,
    periodicSync,
    requestBackgroundSync: () => registerTag(registration?.sync, backgroundSyncTag),
    stop,
  };
}

/** The active registration, or undefined when none activates in time. */
async function activeWithin(ms: number): Promise<ServiceWorkerRegistration | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function registerTag(sync: SyncManagerLike | undefined, tag: string): Promise<boolean> {
  if (!sync) return false;
  try {
    await sync.register(tag);
    return true;
  } catch {
    return false;
  }
}

async function registerPeriodic(registration: SyncCapableRegistration, minInterval: number): Promise<boolean> {
  if (!registration.periodicSync || !navigator.permissions) return false;
  try {
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission.state !== 'granted') return false;
    await registration.periodicSync.register(periodicSyncTag, { minInterval });
    return true;
  } catch {
    return false;
  }
}

/** Reports a waiting version now and whenever a new one finishes installing while this page is controlled. */
function watchUpdates(registration: ServiceWorkerRegistration, options: RegisterServiceWorkerOptions): void {
  const notify = (worker: ServiceWorker): void => {
    options.onUpdateAvailable?.({ apply: () => askToActivate(worker, { reload: options.reload ?? (() => location.reload()) }) });
  };
  if (registration.waiting && navigator.serviceWorker.controller) notify(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) notify(installing);
    });
  });
}
