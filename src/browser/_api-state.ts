/** The state behind a SyncApi: the store (or why it is unusable), the session keeper, the status hub and the status itself. */

import { SyncError } from '../core/errors/sync-error.ts';
import { serializeFailure } from '../core/feed/serialize-failure.ts';
import { type Logger, silentLogger } from '../core/ports/ports.ts';
import type { SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import type { SyncProgress } from '../core/sync/runner/runner-types.ts';
import { createSessionKeeper, type SessionKeeper } from './_session-keeper.ts';
import { readSettings } from './browser-settings.ts';
import { collectStatus, unavailableStatus } from './collect-status.ts';
import { createPendingTracker } from './pending-pushes.ts';
import { createStatusHub, type StatusHub, statusChannelName, withOwnSchedule } from './status-hub.ts';
import type { SyncApiPorts } from './sync-api-ports.ts';
import type { BrowserStatus } from './sync-api.ts';
import type { SyncSession } from './sync-session.ts';

export interface ApiState {
  ports: SyncApiPorts;
  hub: StatusHub;
  /** The open store, or the STORE_UNAVAILABLE SyncError. */
  store(): SyncStore;
  keeper(): SessionKeeper;
  /** The signed-in session, or the NOT_CONFIGURED SyncError. */
  session(): SyncSession;
  status(): Promise<BrowserStatus>;
  /** Collects the full status and publishes it; never throws. */
  refresh(): Promise<void>;
  pendingKeys(): Promise<ReadonlySet<string>>;
  /** Who acts now, for audit rows: the clock, this node's instance id and the signed-in username. */
  actor(): Promise<{ now: number; instanceId: string; by?: string }>;
  close(): Promise<void>;
}

/** The store once opened, and what made it unusable (a failed open, or a newer app version taking it). */
interface StoreSlot {
  store?: SyncStore;
  error?: SerializedFailure;
}

/**
 * Opens the store through the ports and restores the saved session (its schedule started when
 * `autoStart`); follows sign-ins and sign-outs announced by other tabs.
 */
export async function openApiState(ports: SyncApiPorts, options: { autoStart: boolean }): Promise<ApiState> {
  const log: Logger = ports.log ?? silentLogger;
  let keeper: SessionKeeper | undefined;
  const hub = createStatusHub({
    ...(ports.openChannel ? { channel: ports.openChannel(statusChannelName) } : {}), log,
    localize: (status) => withOwnSchedule(status, keeper?.current()?.runner.status()),
  });
  const slot = await openStore(ports, (failure) => {
    void keeper?.end();
    hub.publish(unavailableStatus(failure));
  });
  const store = (): SyncStore => {
    if (!slot.store || slot.error) throw new SyncError('STORE_UNAVAILABLE', { message: slot.error?.message });
    return slot.store;
  };
  const statuses = statusSource({ slot, ports, hub, log, session: () => keeper?.current() });
  if (slot.store) keeper = createSessionKeeper(slot.store, { ports, onProgress: statuses.onProgress });
  await keeper?.restore({ start: options.autoStart });
  // Another tab signed in or out: follow it, so every tab syncs with the same login.
  hub.onSessionChange(() => { void keeper?.restore({ start: options.autoStart }).then(statuses.refresh); });
  const requireKeeper = (): SessionKeeper => {
    store();
    return keeper as SessionKeeper;
  };
  return {
    ports, hub, store, status: statuses.status, refresh: statuses.refresh, pendingKeys: statuses.pendingKeys,
    keeper: requireKeeper,
    session: () => requireKeeper().required(),
    async actor() {
      const settings = keeper?.current()?.settings ?? (await readSettings(store()));
      return { now: ports.now(), instanceId: settings?.instanceId ?? 'browser', ...(settings ? { by: settings.username } : {}) };
    },
    async close() {
      await keeper?.close();
      // The status of a run that just ended is still being collected: it must reach the other
      // tabs before the channel and the store close (else they keep showing a run going on).
      await statuses.settle();
      hub.close();
      await slot.store?.close();
    },
  };
}

/**
 * The status: collected in full on request and after each run ('idle'); on other progress
 * events the runner's fresh status is published over the last counts, so a long pull does not
 * re-count the store on every page.
 */
function statusSource(deps: { slot: StoreSlot; ports: SyncApiPorts; hub: StatusHub; log: Logger; session(): SyncSession | undefined }) {
  const { slot, ports, hub } = deps;
  const tracker = slot.store ? createPendingTracker(slot.store) : undefined;
  let last: BrowserStatus | undefined;
  const unavailable = (): BrowserStatus | undefined =>
    (slot.error || !slot.store ? unavailableStatus(slot.error ?? { code: 'STORE_UNAVAILABLE', message: 'The store is not open' }) : undefined);
  const status = async (): Promise<BrowserStatus> => {
    if (!slot.store || !tracker || slot.error) return unavailable() as BrowserStatus;
    const session = deps.session();
    const storage = await ports.storageEstimate?.().catch(() => undefined);
    const collected = await collectStatus(slot.store, {
      configured: session !== undefined, pending: await tracker.read(),
      ...(session ? { runner: session.runner.status() } : {}), ...(storage ? { storage } : {}),
    });
    // The store may have been taken while counting: never publish a stale status over that news.
    last = unavailable() ?? collected;
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
  const settle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  const onProgress = (progress: SyncProgress): void => {
    const session = deps.session();
    if (progress.phase === 'idle' || !last || !session) void refresh();
    else hub.publish({ ...last, runner: session.runner.status() });
  };
  const pendingKeys = async (): Promise<ReadonlySet<string>> => (tracker ? (await tracker.read()).keys : new Set());
  return { status, refresh, onProgress, pendingKeys, settle };
}

async function openStore(ports: SyncApiPorts, lost: (failure: SerializedFailure) => void): Promise<StoreSlot> {
  const slot: StoreSlot = {};
  try {
    slot.store = await ports.openStore({
      onVersionChange: () => {
        slot.error = { code: 'STORE_UNAVAILABLE', message: 'A newer version of the app took over the local data; reload the page' };
        lost(slot.error);
      },
    });
  } catch (error) {
    slot.error = serializeFailure(error);
  }
  return slot;
}
