/** Page side of the sync worker: starts the module worker and wraps it with comlink as a typed SyncApi. */

import * as Comlink from 'comlink';
import { registerSyncErrorTransfer } from './sync-error-transfer.ts';
import type { BrowserStatus, SyncApi } from './sync-api.ts';

/** A connected worker. */
export interface SyncWorkerConnection {
  /** Every SyncApi method, returning promises; thrown SyncErrors keep their `code`. */
  api: Comlink.Remote<SyncApi>;
  /**
   * Calls `listener` with the current status at once, then on every change (this tab's runs,
   * other tabs' and the service worker's, through the `sync-status` channel). Resolves to the
   * function that unsubscribes.
   */
  subscribe(listener: (status: BrowserStatus) => void): Promise<() => Promise<void>>;
  /** Ends the worker (a run going on is cut; its committed pages stay). */
  close(): void;
}

/**
 * Starts `worker/sync-worker.ts` as a module worker (Vite bundles it from this URL pattern) and
 * wraps it. One worker per tab; tabs never sync at once (the run lock is a Web Lock).
 *
 * @example
 * ```ts
 * const { api, subscribe } = connectWorker();
 * await subscribe((status) => renderStatus(status));
 * const result = await api.configure(settings, password);
 * ```
 */
export function connectWorker(options: { worker?: Worker } = {}): SyncWorkerConnection {
  registerSyncErrorTransfer(Comlink.transferHandlers);
  const worker = options.worker ?? new Worker(new URL('../../worker/sync-worker.ts', import.meta.url), { type: 'module', name: 'openmrs-sync' });
  const api = Comlink.wrap<SyncApi>(worker);
  return {
    api,
    async subscribe(listener) {
      const id = await api.subscribe(Comlink.proxy(listener));
      return async () => { await api.unsubscribe(id); };
    },
    close() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
