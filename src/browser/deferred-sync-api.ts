/** A SyncApi whose calls wait for the real one: exposed at once, so no message is lost while the store opens. */

import type { SyncApi } from './sync-api.ts';

/** Every method of SyncApi; the type check below fails when one is added to the interface and not here. */
export const syncApiMethods = [
  'configure', 'settings', 'signOut', 'start', 'stop', 'syncNow', 'status', 'subscribe', 'unsubscribe', 'audit', 'exportAudit',
  'localChanges', 'failedEvents', 'retryFailedEvent', 'exportFailedEvent', 'exportAndDropFailedEvent', 'conflicts', 'resolveConflict', 'patients',
  'registerPatient', 'patient', 'updatePatient',
] as const satisfies readonly (keyof SyncApi)[];

type Missing = Exclude<keyof SyncApi, (typeof syncApiMethods)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

/**
 * An object with every SyncApi method, each awaiting `api` then calling it. A module worker
 * must listen for messages before its first `await`, or the page's first calls are dropped.
 *
 * @example
 * ```ts
 * Comlink.expose(deferredSyncApi(createSyncApi(globalSyncPorts(), { autoStart: true })));
 * ```
 */
export function deferredSyncApi(api: Promise<SyncApi>): SyncApi {
  const deferred: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of syncApiMethods) {
    deferred[method] = async (...args: unknown[]) => {
      const target = (await api) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      return target[method]?.(...args);
    };
  }
  return deferred as unknown as SyncApi;
}
