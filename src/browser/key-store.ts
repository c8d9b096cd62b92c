/** Device keys (non-extractable CryptoKeys) kept in an IndexedDB database of their own, as structured clones. */

import { Dexie, type DexieOptions, type Table } from 'dexie';
import { SyncError } from '../core/errors/sync-error.ts';

/** A small store of CryptoKeys by id. */
export interface KeyStore {
  get(id: string): Promise<CryptoKey | undefined>;
  put(id: string, key: CryptoKey): Promise<void>;
  delete(id: string): Promise<void>;
  close(): void;
}

export interface OpenKeyStoreOptions {
  /** IndexedDB database name. */
  name: string;
  /** The IndexedDB to use (fake-indexeddb in tests); default the global one. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

interface KeyRow {
  id: string;
  key: CryptoKey;
}

/**
 * Opens the key database. IndexedDB stores a CryptoKey by structured clone, keeping it
 * non-extractable: code can use it, nobody can read its bytes. Rejects with STORE_UNAVAILABLE
 * when IndexedDB refuses to open.
 *
 * @example
 * ```ts
 * const keys = await openKeyStore({ name: 'openmrs-sync-keys' });
 * await keys.put('credentials', await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
 * ```
 */
export async function openKeyStore(options: OpenKeyStoreOptions): Promise<KeyStore> {
  const deps: DexieOptions = {};
  if (options.indexedDB) deps.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) deps.IDBKeyRange = options.IDBKeyRange;
  const db = new Dexie(options.name, deps);
  db.version(1).stores({ keys: 'id' });
  // A newer app version never changes this schema; let an upgrade elsewhere proceed.
  db.on('versionchange', () => { db.close(); return false; });
  try {
    await db.open();
  } catch (cause) {
    throw new SyncError('STORE_UNAVAILABLE', { message: 'The key store could not be opened', details: { name: options.name }, cause });
  }
  const table = db.table('keys') as Table<KeyRow, string>;
  return {
    get: async (id) => (await table.get(id))?.key,
    put: async (id, key) => { await table.put({ id, key }); },
    delete: async (id) => { await table.delete(id); },
    close: () => db.close(),
  };
}
