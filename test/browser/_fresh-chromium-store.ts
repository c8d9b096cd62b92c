/** Test helper for the Chromium suites: a Dexie store on a database of its own, deleted when the store closes. */

import { openDexieStore } from '../../src/browser/dexie-store/open-dexie-store.ts';
import type { SyncStore } from '../../src/core/store/store-port.ts';

let opened = 0;

/** Opens a store on the page's real IndexedDB under a new name; `close()` also deletes the database. */
export async function freshChromiumStore(options: { onVersionChange?: () => void } = {}): Promise<SyncStore & { name: string }> {
  const name = `dexie-chromium-${Date.now()}-${(opened += 1)}`;
  const store = await openDexieStore({ name, ...options });
  return {
    ...store,
    name,
    async close() {
      await store.close();
      await deleteDatabase(name);
    },
  };
}

/**
 * Deletes a database. Right after `close()` the connection may still finish a read-only
 * transaction, so the request can report `blocked` before it succeeds: that is expected.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
