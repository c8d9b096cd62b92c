/** Test helper: wraps an IDBFactory so that writes to one object store run out of quota on demand. */

/**
 * How the quota failure shows: `put` throws a `QuotaExceededError` DOMException from
 * `put`/`add` (as a browser that checks quota per request may); `commit` lets the write
 * succeed and then aborts its transaction with a `QuotaExceededError` (as Chromium does when
 * the quota check fails at commit). `commit` reaches into fake-indexeddb's `_abort`.
 */
export type QuotaFailure = 'put' | 'commit';

export interface QuotaIndexedDB {
  indexedDB: IDBFactory;
  /** From now on, writes to the chosen store fail. */
  arm(): void;
  disarm(): void;
}

const quotaError = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Patches `indexedDB` (a fake-indexeddb factory) in place and returns it with its switch. */
export function quotaOnPut(indexedDB: IDBFactory, options: { when: QuotaFailure; store: string }): QuotaIndexedDB {
  let armed = false;
  const patched = new WeakSet<object>();
  const aborted = new WeakSet<IDBTransaction>();

  const abortWithQuota = (tx: IDBTransaction): void => {
    if (aborted.has(tx)) return;
    aborted.add(tx);
    (tx as unknown as { _abort(name: string): void })._abort(quotaError().name);
  };

  const patchStore = (store: IDBObjectStore): void => {
    if (patched.has(store)) return;
    patched.add(store);
    for (const method of ['put', 'add'] as const) {
      const original = store[method].bind(store);
      store[method] = (value: unknown, key?: IDBValidKey): IDBRequest<IDBValidKey> => {
        if (!armed || store.name !== options.store) return original(value, key);
        if (options.when === 'put') throw quotaError();
        const request = original(value, key);
        request.addEventListener('success', () => abortWithQuota(store.transaction));
        return request;
      };
    }
  };

  const patchDatabase = (db: IDBDatabase): void => {
    const transaction = db.transaction.bind(db);
    db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => {
      const tx = transaction(...args);
      const objectStore = tx.objectStore.bind(tx);
      tx.objectStore = (name: string) => {
        const store = objectStore(name);
        patchStore(store);
        return store;
      };
      return tx;
    }) as IDBDatabase['transaction'];
  };

  const open = indexedDB.open.bind(indexedDB);
  indexedDB.open = (name: string, version?: number) => {
    const request = open(name, version);
    // Listeners run before the `onsuccess` handler Dexie sets, so Dexie only sees the patched database.
    request.addEventListener('success', () => patchDatabase(request.result));
    return request;
  };
  return { indexedDB, arm: () => { armed = true; }, disarm: () => { armed = false; } };
}
