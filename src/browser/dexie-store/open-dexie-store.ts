/** Opens the browser node's store: IndexedDB through Dexie, at the current schema version. */

import { Dexie, type DexieOptions } from 'dexie';
import type { Logger } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { createDexieStore } from './create-dexie-store.ts';
import { declareDexieSchema, type SyncDexie } from './dexie-schema.ts';

export interface OpenDexieStoreOptions {
  /** IndexedDB database name. */
  name: string;
  /** The IndexedDB to use (e.g. a fake-indexeddb `IDBFactory` in tests); default the global one. */
  indexedDB?: IDBFactory;
  /** The matching `IDBKeyRange`; default the global one. */
  IDBKeyRange?: typeof IDBKeyRange;
  log?: Logger;
  /** Called when a newer version of the app (another tab) upgrades the database and this store closes. */
  onVersionChange?: () => void;
}

/**
 * Opens (creating or upgrading) the database `name` and returns the SyncStore over it.
 * Rejects with `STORE_UNAVAILABLE` when IndexedDB is missing or refuses to open.
 *
 * @example In a page or worker
 * ```ts
 * const store = await openDexieStore({ name: 'openmrs-sync', onVersionChange: () => showReloadBanner() });
 * await store.applyBatch({ settings: { parentUrl: 'https://hub.example/openmrs' } });
 * ```
 */
export async function openDexieStore(options: OpenDexieStoreOptions): Promise<SyncStore> {
  return createDexieStore(createSyncDexie(options), options);
}

/** A Dexie instance with the store's schema declared, not yet opened. */
export function createSyncDexie(options: Pick<OpenDexieStoreOptions, 'name' | 'indexedDB' | 'IDBKeyRange'>): SyncDexie {
  // Only defined dependencies: Dexie would take an explicit `undefined` over its global default.
  const deps: DexieOptions = {};
  if (options.indexedDB) deps.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) deps.IDBKeyRange = options.IDBKeyRange;
  const db = new Dexie(options.name, deps) as SyncDexie;
  declareDexieSchema(db);
  return db;
}
