/** Test helper: every value of every object store of every database of an IDBFactory, as JSON text. */

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** `{ database: { store: [values…] } }` as JSON (a CryptoKey shows as `{}`: its bytes are not readable). */
export async function dumpIndexedDB(factory: IDBFactory): Promise<string> {
  const dump: Record<string, Record<string, unknown[]>> = {};
  for (const info of await factory.databases()) {
    if (!info.name) continue;
    const db = await request(factory.open(info.name));
    const stores: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      stores[name] = await request(db.transaction(name, 'readonly').objectStore(name).getAll());
    }
    db.close();
    dump[info.name] = stores;
  }
  return JSON.stringify(dump);
}
