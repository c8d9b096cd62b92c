/** Holds the signed-in session of a SyncApi: restores it from the sealed login, replaces it on configure, ends it on sign-out. */

import { SyncError } from '../core/errors/sync-error.ts';
import { serializeFailure } from '../core/feed/serialize-failure.ts';
import { silentLogger } from '../core/ports/ports.ts';
import type { Json, SyncStore } from '../core/store/store-port.ts';
import type { SyncProgress } from '../core/sync/runner/runner-types.ts';
import { credentialsKey, readSettings, settingsKey, validateSettings } from './browser-settings.ts';
import { checkParent } from './check-parent.ts';
import { listLocalChanges } from './local-changes.ts';
import { createCredentialVault, type CredentialVault } from './credential-vault.ts';
import type { KeyStore } from './key-store.ts';
import type { SyncApiPorts } from './sync-api-ports.ts';
import type { ApiResult, BrowserSettings } from './sync-api.ts';
import { openSyncSession, type SyncSession } from './sync-session.ts';

export interface SessionKeeper {
  current(): SyncSession | undefined;
  /** The session, or a NOT_CONFIGURED SyncError. */
  required(): SyncSession;
  /** Opens the session the store holds (replacing the current one), or ends it when the store holds no readable login. */
  restore(options: { start: boolean }): Promise<void>;
  configure(settings: BrowserSettings, password: string): Promise<ApiResult>;
  signOut(): Promise<void>;
  /** Ends the session without touching what is stored (the store went away). */
  end(): Promise<void>;
  /** Ends the session and closes the key store. */
  close(): Promise<void>;
}

/** The additional data the password is sealed with: it opens only for the same parent and username. */
function bindingOf(settings: BrowserSettings): string {
  return `${settings.parentBase}\n${settings.username}`;
}

/**
 * A keeper over `store`. The password is kept only sealed in the store (see credential-vault.ts)
 * and in the live session's memory; it is never logged.
 */
export function createSessionKeeper(
  store: SyncStore,
  options: { ports: SyncApiPorts; onProgress(progress: SyncProgress): void },
): SessionKeeper {
  const { ports } = options;
  const log = ports.log ?? silentLogger;
  let session: SyncSession | undefined;
  let vault: Promise<CredentialVault> | undefined;
  let keys: KeyStore | undefined;
  const openVault = (): Promise<CredentialVault> => {
    if (vault) return vault;
    const opening = ports.openKeys().then((opened) => {
      keys = opened;
      return createCredentialVault({ keys: opened, subtle: ports.subtle, randomBytes: (n) => ports.randomBytes(n) });
    });
    // A key store that failed to open is asked again next time.
    opening.catch(() => { if (vault === opening) vault = undefined; });
    vault = opening;
    return opening;
  };
  const replace = async (next: SyncSession | undefined): Promise<void> => {
    const previous = session;
    session = next;
    await previous?.close();
  };
  const open = (settings: BrowserSettings, password: string) =>
    openSyncSession(settings, password, { store, ports, onProgress: options.onProgress });

  return {
    current: () => session,
    required() {
      if (!session) throw new SyncError('NOT_CONFIGURED');
      return session;
    },
    async restore({ start }) {
      const settings = await readSettings(store);
      try {
        const sealed = settings ? await store.getSetting(credentialsKey) : undefined;
        const password = settings ? await (await openVault()).open(sealed, bindingOf(settings)) : undefined;
        if (!settings || password === undefined) return await replace(undefined);
        await replace(await open(settings, password));
        if (start) session?.runner.start();
      } catch (error) {
        await replace(undefined);
        log.warn('the saved login could not be restored; sign in again', { code: serializeFailure(error).code });
      }
    },
    async configure(given, password) {
      const checked = validateSettings(given);
      if (!checked.ok) return checked;
      if (typeof password !== 'string' || password === '') {
        return { ok: false, error: { code: 'CONFIG_INVALID', message: 'The password is required', details: { field: 'password' } } };
      }
      const settings = checked.value;
      const refused = await refuseParentSwitch(store, settings);
      if (refused) return refused;
      const reachable = await checkParent(settings, password, { fetch: ports.fetch });
      if (!reachable.ok) return reachable;
      const sealed = await (await openVault()).seal(password, bindingOf(settings));
      await replace(undefined);
      await store.applyBatch({ settings: { [settingsKey]: settings as unknown as Json, [credentialsKey]: sealed } });
      const next = await open(settings, password);
      await replace(next);
      next.runner.start();
      log.info('signed in; syncing with the parent', { parent: settings.parentBase, username: settings.username });
      return { ok: true, value: undefined };
    },
    async signOut() {
      await replace(undefined);
      await store.applyBatch({ settings: { [credentialsKey]: undefined } });
      await (await openVault()).forget();
      log.info('signed out; the saved login was wiped');
    },
    end: () => replace(undefined),
    async close() {
      await replace(undefined);
      keys?.close();
    },
  };
}

/** Unpushed changes belong to the parent they were made against: switching parents first needs them sent. */
async function refuseParentSwitch(store: SyncStore, next: BrowserSettings): Promise<ApiResult | undefined> {
  const previous = await readSettings(store);
  if (!previous || previous.parentBase === next.parentBase) return undefined;
  if ((await listLocalChanges(store, { limit: 1 })).length === 0) return undefined;
  return {
    ok: false,
    error: {
      code: 'CONFIG_INVALID', details: { field: 'parentBase', previous: previous.parentBase },
      message: `This tablet holds changes not yet sent to ${previous.parentBase}; sync them there before changing the parent`,
    },
  };
}
