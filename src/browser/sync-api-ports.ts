/** What the browser node's SyncApi needs from its context (page worker or service worker), as parameters. */

import type { Clock, FetchLike, Logger, Random } from '../core/ports/ports.ts';
import type { SyncStore } from '../core/store/store-port.ts';
import type { Sleep } from '../core/http/sleep.ts';
import type { RunLock } from '../core/sync/runner/run-lock.ts';
import type { SyncRunnerOptions } from '../core/sync/runner/runner-types.ts';
import type { KeyStore } from './key-store.ts';
import type { BrowserSettings } from './sync-api.ts';

/** The part of a BroadcastChannel the status hub uses. */
export interface StatusChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Storage use of the origin, and whether the browser promised to keep it. */
export interface StorageInfo {
  usedBytes: number;
  quotaBytes: number;
  persistent: boolean;
}

/** Whether a sync run of the origin holds the run lock, and a wait for its end. */
export interface RunLockState {
  /** True while a run (of any context) holds the run lock. */
  held(): Promise<boolean>;
  /** Resolves once no run holds the run lock; rejects with the signal's reason when `signal` fires first. */
  ended(signal: AbortSignal): Promise<void>;
}

/** The push phase the runner plugs in for the given settings. */
export type PushPhaseFactory = (settings: BrowserSettings) => NonNullable<SyncRunnerOptions['push']>;

/**
 * The capabilities of createSyncApi. Entry files build them from globals (see
 * `globalSyncPorts`); tests pass fakes (fake-indexeddb, an in-process parent, a fixed clock).
 */
export interface SyncApiPorts {
  /** Opens the node's store; `onVersionChange` is called when a newer app version takes the database. */
  openStore(options: { onVersionChange(): void }): Promise<SyncStore>;
  /** Opens the store of device keys (the CryptoKey that seals the password). */
  openKeys(): Promise<KeyStore>;
  fetch: FetchLike;
  now: Clock;
  subtle: SubtleCrypto;
  randomBytes(length: number): Uint8Array<ArrayBuffer>;
  /** A new uuid (event ids, patient ids). */
  newId(): string;
  /** One run per origin (navigator.locks); default: a lock in this context only. */
  runLock?: RunLock;
  /**
   * The run lock as every context sees it (see `navigatorRunState`). With it, a context shows a run
   * going on in another context, and refreshes its status when that run ends, even when the
   * context running it died without a last status; without it, only the statuses received say so.
   */
  runState?: RunLockState;
  /** Opens the status BroadcastChannel; without it status reaches this context's subscribers only. */
  openChannel?: (name: string) => StatusChannel;
  /** navigator.storage figures, when the context has them. */
  storageEstimate?: () => Promise<StorageInfo | undefined>;
  /** The push phase; absent: pull only. */
  push?: PushPhaseFactory;
  log?: Logger;
  random?: Random;
  sleep?: Sleep;
}
