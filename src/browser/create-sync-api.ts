/** The browser node's SyncApi over injected ports: the same object runs in the sync worker and in the service worker. */

import { exportAudit } from '../core/audit/export-audit.ts';
import { listConflicts } from '../core/sync/conflict/resolve-conflict.ts';
import { type ApiState, openApiState } from './_api-state.ts';
import { editPatient, readPatientDetails } from './edit-patient.ts';
import { exportAndDropFailedEvent, exportFailedEvent, retryFailedEvent } from './failed-event-actions.ts';
import { listLocalChanges } from './local-changes.ts';
import { listPatients } from './patient-list.ts';
import { pendingKey } from './pending-pushes.ts';
import { readSettings } from './browser-settings.ts';
import { registerPatient } from './register-patient.ts';
import { resolveConflictChoice } from './resolve-conflict-choice.ts';
import type { SyncApiPorts } from './sync-api-ports.ts';
import type { SyncApi } from './sync-api.ts';

/** The SyncApi with what its host needs besides: closing. */
export interface SyncApiService extends SyncApi {
  /** Ends the session (stopping a run), closes the store and the status channel. */
  close(): Promise<void>;
}

export interface CreateSyncApiOptions {
  /** Start the schedule at once when a saved login is restored (the page's worker); default false (the service worker). */
  autoStart?: boolean;
}

/**
 * Opens the store, restores the saved session (settings + sealed password), and returns the
 * API. Status is published to subscribers and on the `sync-status` BroadcastChannel on every
 * progress event (runner part fresh, counts from the last refresh) and in full after every run
 * and every local write. A store that cannot open (or closes for a newer app version) leaves an
 * API whose status carries `storeError` and whose other calls throw STORE_UNAVAILABLE; calls
 * that need a login throw NOT_CONFIGURED before `configure`.
 *
 * @example In the sync worker
 * ```ts
 * const api = await createSyncApi(globalSyncPorts(), { autoStart: true });
 * Comlink.expose(api);
 * ```
 */
export async function createSyncApi(ports: SyncApiPorts, options: CreateSyncApiOptions = {}): Promise<SyncApiService> {
  const state = await openApiState(ports, { autoStart: options.autoStart ?? false });
  return { ...sessionMethods(state), ...recordMethods(state), close: () => state.close() };
}

/** Runs `write`, then publishes the new status before answering. */
async function thenRefresh<T>(state: ApiState, write: Promise<T>): Promise<T> {
  const result = await write;
  await state.refresh();
  return result;
}

type SessionMethods = Pick<SyncApi, 'configure' | 'settings' | 'signOut' | 'start' | 'stop' | 'syncNow' | 'status' | 'subscribe' | 'unsubscribe'>;

function sessionMethods(state: ApiState): SessionMethods {
  return {
    configure: async (settings, password) => {
      const result = await state.keeper().configure(settings, password);
      if (result.ok) state.hub.announceSessionChange();
      return thenRefresh(state, Promise.resolve(result));
    },
    settings: async () => readSettings(state.store()),
    signOut: async () => {
      await state.keeper().signOut();
      state.hub.announceSessionChange();
      await state.refresh();
    },
    start: async () => {
      state.session().runner.start();
      await state.refresh();
    },
    stop: async () => {
      await state.keeper().current()?.runner.stop();
      await state.refresh();
    },
    syncNow: async (direction) => state.session().runner.syncOnce(direction ? { direction } : {}),
    status: () => state.status(),
    subscribe: async (listener) => {
      const id = state.hub.subscribe(listener);
      // The current status at once, so a new screen need not wait for the next change.
      void state.status().then((status) => listener(status)).catch(() => state.hub.unsubscribe(id));
      return id;
    },
    unsubscribe: async (id) => state.hub.unsubscribe(id),
  };
}

type RecordMethods = Omit<SyncApi, keyof SessionMethods>;

function recordMethods(state: ApiState): RecordMethods {
  return {
    audit: async (query) => state.store().listAudit(query ?? { limit: 100 }),
    exportAudit: async ({ format, filter }) => exportAudit(state.store(), { format, ...(filter ? { filter } : {}) }),
    localChanges: async (query) => listLocalChanges(state.store(), query ?? {}),
    failedEvents: async () => state.store().listFailedEvents(),
    retryFailedEvent: async (id) => {
      const result = await retryFailedEvent(state.store(), id, await state.actor());
      // The retry is due now: a run picks it up (or the run going on, or the next one).
      if (result.ok) void state.keeper().current()?.runner.syncOnce();
      return thenRefresh(state, Promise.resolve(result));
    },
    exportFailedEvent: async (id) => exportFailedEvent(state.store(), id, await state.actor()),
    exportAndDropFailedEvent: async (id) => thenRefresh(state, exportAndDropFailedEvent(state.store(), id, await state.actor())),
    conflicts: async () => listConflicts(state.store()),
    resolveConflict: async (id, choice) =>
      thenRefresh(state, resolveConflictChoice(state.store(), id, choice, { ...(await state.actor()), newId: () => state.ports.newId() })),
    patients: async (query = {}) => listPatients(state.store(), { ...query, pending: await state.pendingKeys() }),
    registerPatient: async (patient) =>
      thenRefresh(state, registerPatient(state.store(), patient, { now: state.ports.now(), newId: () => state.ports.newId() })),
    patient: async (uuid) => readPatientDetails(state.store(), uuid, { pending: (await state.pendingKeys()).has(pendingKey('patient', uuid)) }),
    updatePatient: async (uuid, edit) =>
      thenRefresh(state, editPatient(state.store(), uuid, edit, { now: state.ports.now(), newId: () => state.ports.newId() })),
  };
}
