/** The state behind a SyncApi: the store (or why it is unusable), the session keeper, the status hub and the status itself. */

import { SyncError } from '../core/errors/sync-error.ts';
import { serializeFailure } from '../core/feed/serialize-failure.ts';
import { type Logger, silentLogger } from '../core/ports/ports.ts';
import type { SerializedFailure, SyncStore } from '../core/store/store-port.ts';
import { createSessionKeeper, type SessionKeeper } from './_session-keeper.ts';
import { readSettings } from './browser-settings.ts';
import { type StatusSource, statusSource, type StoreSlot } from './_status-source.ts';
import { unavailableStatus } from './collect-status.ts';
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

/**
 * Opens the store through the ports and restores the saved session (its schedule started when
 * `autoStart`); follows sign-ins and sign-outs announced by other tabs.
 */
export async function openApiState(ports: SyncApiPorts, options: { autoStart: boolean }): Promise<ApiState> {
  const log: Logger = ports.log ?? silentLogger;
  let keeper: SessionKeeper | undefined;
  let statuses: StatusSource | undefined;
  const hub = createStatusHub({
    ...(ports.openChannel ? { channel: ports.openChannel(statusChannelName) } : {}), log,
    localize: (status) => withOwnSchedule(status, keeper?.current()?.runner.status()),
    onReceive: (status) => statuses?.seen(status),
  });
  const slot = await openStore(ports, (failure) => {
    void keeper?.end();
    hub.publish(unavailableStatus(failure));
  });
  const store = (): SyncStore => {
    if (!slot.store || slot.error) throw new SyncError('STORE_UNAVAILABLE', { message: slot.error?.message });
    return slot.store;
  };
  const source = statusSource({ slot, ports, hub, log, session: () => keeper?.current() });
  statuses = source;
  if (slot.store) keeper = createSessionKeeper(slot.store, { ports, onProgress: source.onProgress });
  await keeper?.restore({ start: options.autoStart });
  // Another tab signed in or out: follow it, so every tab syncs with the same login.
  hub.onSessionChange(() => { void keeper?.restore({ start: options.autoStart }).then(source.refresh); });
  const requireKeeper = (): SessionKeeper => {
    store();
    return keeper as SessionKeeper;
  };
  return {
    ports, hub, store, status: source.status, refresh: source.refresh, pendingKeys: source.pendingKeys,
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
      await source.close();
      hub.close();
      await slot.store?.close();
    },
  };
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
