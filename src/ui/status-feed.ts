/** The latest sync status and its listeners: from the worker's stream, or fetched after actions when there is none. */

import type { BrowserStatus } from '../browser/sync-api.ts';
import type { AppDeps } from './app-deps.ts';

/** The status as the app sees it. */
export interface StatusFeed {
  current(): BrowserStatus | undefined;
  /** Calls `listener` with the latest status (if any) at once, then on every new one; returns the function that stops it. */
  listen(listener: (status: BrowserStatus) => void): () => void;
  /** Fetches the status now and passes it on; a failure is passed to `onError`. */
  refresh(): Promise<void>;
  /** Ends the worker subscription. */
  close(): Promise<void>;
}

/**
 * Starts following the status: subscribes through `deps.subscribe` when given, and fetches it once.
 *
 * @example
 * ```ts
 * const feed = startStatusFeed(deps, { onError: (e) => show(e) });
 * feed.listen((s) => render(s));
 * ```
 */
export function startStatusFeed(deps: AppDeps, options: { onError(error: unknown): void }): StatusFeed {
  const listeners = new Set<(status: BrowserStatus) => void>();
  let latest: BrowserStatus | undefined;
  const publish = (status: BrowserStatus): void => {
    latest = status;
    for (const listener of listeners) listener(status);
  };
  const unsubscribe = deps.subscribe ? deps.subscribe(publish).catch((error: unknown) => { options.onError(error); return undefined; }) : undefined;
  const refresh = async (): Promise<void> => {
    try {
      publish(await deps.api.status());
    } catch (error) {
      options.onError(error);
    }
  };
  if (!deps.subscribe) void refresh();
  return {
    current: () => latest,
    listen(listener) {
      listeners.add(listener);
      if (latest) listener(latest);
      return () => listeners.delete(listener);
    },
    refresh,
    async close() {
      const stop = await unsubscribe;
      await stop?.();
    },
  };
}
