/** Sends the status to this context's subscribers and, over a BroadcastChannel, to every other tab and worker. */

import { silentLogger, type Logger } from '../core/ports/ports.ts';
import type { RunnerStatus } from '../core/sync/runner/runner-types.ts';
import type { StatusChannel } from './sync-api-ports.ts';
import type { BrowserStatus } from './sync-api.ts';

/** The BroadcastChannel every context of the origin shares. */
export const statusChannelName = 'sync-status';

/** A message on the status channel: a status, or word that the login changed (sign-in or sign-out in another tab). */
export type StatusMessage = { type: 'openmrs-sync-status'; status: BrowserStatus } | { type: 'openmrs-sync-session' };

export interface StatusHub {
  /** To local subscribers and the channel. */
  publish(status: BrowserStatus): void;
  /** Calls `listener` with every status published here or received from another context. */
  subscribe(listener: (status: BrowserStatus) => unknown): number;
  unsubscribe(id: number): void;
  /** Tells the other contexts that the saved login changed. */
  announceSessionChange(): void;
  /** Called when another context announced a login change. */
  onSessionChange(listener: () => void): void;
  close(): void;
}

/**
 * A hub over `channel`. Statuses received from other contexts (another tab's worker, the service
 * worker) reach local subscribers without being sent on again. A subscriber that throws or
 * rejects (a comlink proxy of a closed page) is dropped.
 *
 * @example
 * ```ts
 * const hub = createStatusHub({ channel: new BroadcastChannel(statusChannelName) });
 * const id = hub.subscribe((status) => render(status));
 * ```
 */
export function createStatusHub(options: {
  channel?: StatusChannel;
  log?: Logger;
  /** Adapts a status received from another context before local subscribers get it. */
  localize?: (status: BrowserStatus) => BrowserStatus;
  /** Called with each status received from another context, as received. */
  onReceive?: (status: BrowserStatus) => void;
} = {}): StatusHub {
  const log = options.log ?? silentLogger;
  const listeners = new Map<number, (status: BrowserStatus) => unknown>();
  const sessionListeners: (() => void)[] = [];
  let nextId = 1;
  const deliver = (status: BrowserStatus): void => {
    for (const [id, listener] of listeners) {
      const drop = (error: unknown): void => {
        listeners.delete(id);
        log.debug('dropped a status subscriber', { id, error: String(error) });
      };
      try {
        Promise.resolve(listener(status)).catch(drop);
      } catch (error) {
        drop(error);
      }
    }
  };
  options.channel?.addEventListener('message', (event) => {
    const message = event.data as StatusMessage | null;
    if (message?.type === 'openmrs-sync-status' && message.status) {
      options.onReceive?.(message.status);
      deliver(options.localize?.(message.status) ?? message.status);
    }
    if (message?.type === 'openmrs-sync-session') for (const listener of sessionListeners) listener();
  });
  const post = (message: StatusMessage): void => {
    try {
      options.channel?.postMessage(message);
    } catch (error) {
      log.warn('could not broadcast on the status channel', { error: String(error) });
    }
  };
  return {
    publish(status) {
      deliver(status);
      post({ type: 'openmrs-sync-status', status });
    },
    subscribe(listener) {
      const id = nextId++;
      listeners.set(id, listener);
      return id;
    },
    unsubscribe: (id) => { listeners.delete(id); },
    announceSessionChange: () => post({ type: 'openmrs-sync-session' }),
    onSessionChange: (listener) => { sessionListeners.push(listener); },
    close() {
      listeners.clear();
      options.channel?.close();
    },
  };
}

/**
 * A status from another context (a tab, the service worker) as this context shows it: its run and
 * counts are the origin's, but whether and when this context syncs next is its own (the service
 * worker has no schedule, and "automatic sync is off" would be wrong here).
 */
export function withOwnSchedule(status: BrowserStatus, own: RunnerStatus | undefined): BrowserStatus {
  if (!own || !status.configured) return status;
  const { nextRunAt: _theirs, ...runner } = status.runner;
  return { ...status, runner: { ...runner, scheduled: own.scheduled, ...(own.nextRunAt !== undefined ? { nextRunAt: own.nextRunAt } : {}) } };
}
