/** Page-side sync triggers for browsers without Background Sync: back online, tab visible again, and a timer. */

export interface SyncTriggerOptions {
  /** Starts a sync (joins the one going on; `busy` when another tab runs one). */
  syncNow(): Promise<unknown>;
  /** Timer interval, ms; none when absent or 0. */
  intervalMs?: number;
  /** @default globalThis */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** @default globalThis.document */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

/**
 * Calls `syncNow` on `online`, on `visibilitychange` to visible, and every `intervalMs` while
 * the tab is visible. Failures (offline, signed out) are left to the status, not thrown.
 * Returns the function that removes the triggers.
 *
 * @example
 * ```ts
 * const stop = startSyncTriggers({ syncNow: () => api.syncNow(), intervalMs: 5 * 60_000 });
 * ```
 */
export function startSyncTriggers(options: SyncTriggerOptions): () => void {
  const win = options.window ?? globalThis;
  const doc = options.document ?? globalThis.document;
  const sync = (): void => { options.syncNow().catch(() => undefined); };
  const onVisible = (): void => { if (doc.visibilityState === 'visible') sync(); };
  win.addEventListener('online', sync);
  doc.addEventListener('visibilitychange', onVisible);
  const timer = options.intervalMs ? setInterval(onVisible, options.intervalMs) : undefined;
  return () => {
    win.removeEventListener('online', sync);
    doc.removeEventListener('visibilitychange', onVisible);
    if (timer !== undefined) clearInterval(timer);
  };
}
