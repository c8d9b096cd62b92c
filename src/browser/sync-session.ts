/** A signed-in session: the resource manager and the sync runner for one parent, login and store. */

import { createResourceManager } from '../core/clients/create-resource-manager.ts';
import type { SyncStore } from '../core/store/store-port.ts';
import { createSyncRunner } from '../core/sync/runner/create-sync-runner.ts';
import type { SyncProgress, SyncRunner } from '../core/sync/runner/runner-types.ts';
import { runnerConfigOfSettings } from './runner-config-of-settings.ts';
import type { SyncApiPorts } from './sync-api-ports.ts';
import type { BrowserSettings } from './sync-api.ts';

export interface SyncSession {
  settings: BrowserSettings;
  runner: SyncRunner;
  /** Stops the schedule and the run going on, and drops the progress listener. */
  close(): Promise<void>;
}

/**
 * Builds the runner for `settings`: FHIR/REST clients on the injected fetch with the login
 * (sent to the parent's origin only), the context's run lock (one run per origin), and the push
 * phase when the ports have one. The password lives only in this session's memory.
 *
 * @example
 * ```ts
 * const session = await openSyncSession(settings, password, { store, ports, onProgress: publish });
 * await session.runner.syncOnce();
 * ```
 */
export async function openSyncSession(
  settings: BrowserSettings,
  password: string,
  options: { store: SyncStore; ports: SyncApiPorts; onProgress(progress: SyncProgress): void },
): Promise<SyncSession> {
  const { store, ports } = options;
  const credentials = { username: settings.username, password };
  const optional = {
    ...(ports.log ? { log: ports.log } : {}), ...(ports.random ? { random: ports.random } : {}), ...(ports.sleep ? { sleep: ports.sleep } : {}),
  };
  const resourceManager = createResourceManager({ base: settings.parentBase, fetch: ports.fetch, now: ports.now, credentials, ...optional });
  const push = ports.push?.(settings);
  const runner = await createSyncRunner({
    store, resourceManager, config: runnerConfigOfSettings(settings, password), fetch: ports.fetch, now: ports.now,
    instanceId: settings.instanceId, ...optional, ...(ports.runLock ? { runLock: ports.runLock } : {}), ...(push ? { push } : {}),
  });
  const unsubscribe = runner.onProgress(options.onProgress);
  return {
    settings,
    runner,
    async close() {
      unsubscribe();
      await runner.stop();
    },
  };
}
