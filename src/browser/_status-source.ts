/** The status of a SyncApi: collected from the store, this context's runner and the run lock; refreshed and published through the hub. */

import { serializeFailure } from '../core/feed/serialize-failure.ts';
import type { Logger } from '../core/ports/ports.ts';
import type { SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import type { SyncProgress } from '../core/sync/runner/runner-types.ts';
import { collectStatus, unavailableStatus, withStoredOutcomes } from './collect-status.ts';
import { watchOtherRuns } from './other-run-watch.ts';
import { createPendingTracker } from './pending-pushes.ts';
import type { StatusHub } from './status-hub.ts';
import type { SyncApiPorts } from './sync-api-ports.ts';
import type { BrowserStatus } from './sync-api.ts';
import type { SyncSession } from './sync-session.ts';

/** The store once opened, and what made it unusable (a failed open, or a newer app version taking it). */
export interface StoreSlot {
  store?: SyncStore;
  error?: SerializedFailure;
}

export interface StatusSource {
  status(): Promise<BrowserStatus>;
  /** Collects the full status and publishes it; never throws. */
  refresh(): Promise<void>;
  /** This context's runner progress. */
  onProgress(progress: SyncProgress): void;
  /** A status received from another context. */
  seen(status: BrowserStatus): void;
  pendingKeys(): Promise<ReadonlySet<string>>;
  /** Stops following other contexts' runs; resolves once every status being collected is published. */
  close(): Promise<void>;
}

/**
 * The status: collected in full on request and after each run ('idle'); on other progress
 * events the runner's fresh status is published over the last counts, so a long pull does not
 * re-count the store on every page. The last outcomes come from the store, which every
 * context's runs update; while another context's run holds the run lock (`ports.runState`),
 * it shows as going on here too, and its end, announced or not, brings a fresh status.
 */
export function statusSource(deps: { slot: StoreSlot; ports: SyncApiPorts; hub: StatusHub; log: Logger; session(): SyncSession | undefined }): StatusSource {
  const { slot, ports, hub } = deps;
  const tracker = slot.store ? createPendingTracker(slot.store) : undefined;
  const watch = ports.runState ? watchOtherRuns({ lock: ports.runState, onEnded: () => void refresh(), log: deps.log }) : undefined;
  let last: BrowserStatus | undefined;
  const unavailable = (): BrowserStatus | undefined =>
    (slot.error || !slot.store ? unavailableStatus(slot.error ?? { code: 'STORE_UNAVAILABLE', message: 'The store is not open' }) : undefined);
  const status = async (): Promise<BrowserStatus> => {
    if (!slot.store || !tracker || slot.error) return unavailable() as BrowserStatus;
    const session = deps.session();
    const storage = await ports.storageEstimate?.().catch(() => undefined);
    const collected = await collectStatus(slot.store, { configured: session !== undefined, pending: await tracker.read(), ...(storage ? { storage } : {}) });
    // Read last: the run may have started or ended while the store was counted.
    const own = withStoredOutcomes(deps.session()?.runner.status(), collected.runner);
    const runner = watch ? await watch.runner(own) : own;
    // The store may have been taken while counting: never publish a stale status over that news.
    last = unavailable() ?? { ...collected, runner };
    return last;
  };
  const inFlight = new Set<Promise<void>>();
  const refresh = (): Promise<void> => {
    const publishing = (async () => {
      try {
        hub.publish(await status());
      } catch (error) {
        deps.log.warn('could not refresh the status', { code: serializeFailure(error).code });
      }
    })();
    inFlight.add(publishing);
    void publishing.finally(() => inFlight.delete(publishing));
    return publishing;
  };
  const onProgress = (progress: SyncProgress): void => {
    const session = deps.session();
    if (progress.phase === 'idle' || !last || !session) void refresh();
    else hub.publish({ ...last, runner: session.runner.status() });
  };
  return {
    status, refresh, onProgress,
    seen: (received) => watch?.seen(received),
    pendingKeys: async () => (tracker ? (await tracker.read()).keys : new Set()),
    async close() {
      watch?.close();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
