/** What the UI needs from its host: the sync worker's API and the page's platform hooks, all injectable so tests pass fakes. */

import type { BrowserStatus, SyncApi } from '../browser/sync-api.ts';

/** The SyncApi the screens call (every method async); the status stream comes through {@linkcode AppDeps.subscribe}. */
export type UiApi = Omit<SyncApi, 'subscribe' | 'unsubscribe'>;

/** The waiting service worker's answer to "activate"; it refuses while local changes are unpushed. */
export interface UpdateAnswer {
  activated: boolean;
  reason?: string;
  message?: string;
  unpushed?: { pendingPushes: number; pushFailures: number; openConflicts: number };
}

/** Whether the tablet is online, and changes of it. */
export interface NetworkState {
  online(): boolean;
  /** Calls `listener` on every change; returns the function that stops it. */
  watch(listener: (online: boolean) => void): () => void;
}

/** A file the person saves (an export). */
export interface DownloadFile {
  name: string;
  text: string;
  type: string;
}

/**
 * The UI's dependencies. Only `api` is required; the rest have browser defaults (or are left out:
 * no update banner without `onUpdateAvailable`, no persistence button without `requestPersistence`).
 */
export interface AppDeps {
  api: UiApi;
  /** The status now and on every change (all tabs and the service worker); resolves to the unsubscribe. Without it, the UI polls `api.status()` after actions. */
  subscribe?(listener: (status: BrowserStatus) => void): Promise<() => unknown>;
  /** Calls `callback` when a new app version is installed and waiting. */
  onUpdateAvailable?(callback: () => void): void;
  /** Asks the waiting version to take over (the page reloads when it does). */
  applyUpdate?(): Promise<UpdateAnswer>;
  /** Asks the browser to keep this origin's data; true when storage is persistent. */
  requestPersistence?(): Promise<boolean>;
  /** Called after a local change (a registration, a resolution): e.g. ask for a Background Sync. */
  onLocalChange?(): void;
  /** @default navigator.onLine and the window's online/offline events */
  network?: NetworkState;
  /** Saves a file. @default a Blob link clicked */
  download?(file: DownloadFile): void;
  /** Asks the person to confirm. @default a modal dialog */
  confirm?(question: { title: string; message: string; confirmLabel: string }): Promise<boolean>;
  /** Clock (ms). @default Date.now */
  now?(): number;
  /** Where the generated instance id is kept until the first sign-in (never credentials). @default localStorage */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Random id source for the instance id. @default crypto.randomUUID */
  randomId?(): string;
}
