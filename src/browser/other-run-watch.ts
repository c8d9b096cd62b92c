/** Follows sync runs of other contexts through the run lock: shows them while they hold it, and asks for a fresh status once it is free. */

import { type Logger, silentLogger } from '../core/ports/ports.ts';
import type { RunnerStatus } from '../core/sync/runner/runner-types.ts';
import type { RunLockState } from './sync-api-ports.ts';
import type { BrowserStatus } from './sync-api.ts';

/** The watch of one context. */
export interface OtherRunWatch {
  /** A status received from another context (a tab's worker, the service worker). */
  seen(status: BrowserStatus): void;
  /**
   * The runner part this context shows: `own` while it runs; else, while another context holds
   * the run lock, `own` marked running with that run's phase and progress (from its last status).
   */
  runner(own: RunnerStatus): Promise<RunnerStatus>;
  /** Stops waiting; nothing is refreshed afterwards. */
  close(): void;
}

export interface OtherRunWatchOptions {
  lock: RunLockState;
  /** Called when the run lock becomes free while what this context last learned says a run is going on. */
  onEnded(): void;
  log?: Logger;
}

/**
 * A watch for runs of other contexts. A context running a sync broadcasts its progress, then a
 * final idle status; when it dies mid-run (its tab closed, the service worker killed) that last
 * word never comes, and other tabs would show a run going on for ever. The browser does release
 * a dead context's locks, so the watch waits for the run lock, not for a message, with no timer:
 * one wait at a time, started by a "running" status received or by the lock found held.
 *
 * @example
 * ```ts
 * const watch = watchOtherRuns({ lock: navigatorRunState(navigator.locks), onEnded: () => void refresh() });
 * const hub = createStatusHub({ channel, onReceive: (status) => watch.seen(status) });
 * ```
 */
export function watchOtherRuns(options: OtherRunWatchOptions): OtherRunWatch {
  const log = options.log ?? silentLogger;
  const controller = new AbortController();
  let waiting = false;
  /** What this context last learned says another context runs; its runner status, when a status said so. */
  let running = false;
  let latest: RunnerStatus | undefined;
  const wait = (): void => {
    if (waiting || controller.signal.aborted) return;
    waiting = true;
    options.lock.ended(controller.signal).then(
      () => {
        waiting = false;
        latest = undefined;
        const refresh = running;
        running = false;
        if (refresh && !controller.signal.aborted) options.onEnded();
      },
      (error: unknown) => {
        waiting = false;
        if (!controller.signal.aborted) log.warn('could not wait for the sync run of another context to end', { error: String(error) });
      },
    );
  };
  return {
    seen(status) {
      running = status.runner.running;
      latest = running ? status.runner : undefined;
      if (running) wait();
    },
    async runner(own) {
      if (own.running || controller.signal.aborted) return own;
      const held = await options.lock.held().catch(() => false);
      if (!held) return own;
      running = true;
      wait();
      const progress = latest?.progress;
      return { ...own, running: true, phase: latest?.phase ?? 'idle', ...(progress ? { progress } : {}) };
    },
    close: () => controller.abort(),
  };
}
