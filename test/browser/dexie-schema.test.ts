import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDexieStore } from '../../src/browser/dexie-store/create-dexie-store.ts';
import {
  declareDexieSchema, dexieSchemaVersions, type DexieSchemaVersion, type SyncDexie,
} from '../../src/browser/dexie-store/dexie-schema.ts';
import { openDexieStore } from '../../src/browser/dexie-store/open-dexie-store.ts';
import { auditRow, change, expectSyncError, obj, uuid } from '../core/store/_contract-fixtures.ts';

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * Schema version 1 written with the plain IndexedDB API, as Dexie lays it out (native version
 * 10, compound keys as arrays, index names as declared): a copy of what tablets already hold,
 * so editing version 1 in the code instead of adding a version 2 fails here.
 */
async function handMadeVersion1(indexedDB: IDBFactory, name: string): Promise<void> {
  const open = indexedDB.open(name, 10);
  open.onupgradeneeded = () => {
    const db = open.result;
    const objects = db.createObjectStore('objects', { keyPath: ['category', 'uuid'] });
    objects.createIndex('[category+gone+uuid]', ['category', 'gone', 'uuid']);
    const changes = db.createObjectStore('changes', { keyPath: 'seq' });
    changes.createIndex('eventId', 'eventId', { unique: true });
    changes.createIndex('[category+position]', ['category', 'position'], { unique: true });
    db.createObjectStore('markers', { keyPath: 'feed' });
    db.createObjectStore('failedEvents', { keyPath: 'id' }).createIndex('nextRetryAt', 'nextRetryAt');
    db.createObjectStore('audit', { keyPath: 'seq' });
    db.createObjectStore('conflicts', { keyPath: 'id' });
    db.createObjectStore('settings', { keyPath: 'key' });
    const patient = obj('patient', 1);
    objects.put({ category: 'patient', uuid: patient.uuid, gone: 0, object: patient });
    changes.put({ ...change('e1', 'patient', 1), seq: 1, position: 0 });
  };
  const db = await request(open);
  db.close();
}

async function nativeVersion(indexedDB: IDBFactory, name: string): Promise<number> {
  const db = await request(indexedDB.open(name));
  db.close();
  return db.version;
}

describe('Dexie store schema', () => {
  it('opens a version 1 database written by hand without patching it, and keeps numbering', async () => {
    const indexedDB = new IDBFactory();
    await handMadeVersion1(indexedDB, 'tablet');
    const store = await openDexieStore({ name: 'tablet', indexedDB, IDBKeyRange });
    expect(await store.getObject('patient', uuid(1))).toEqual(obj('patient', 1));
    expect(await store.countObjects()).toEqual({ patient: { live: 1, removed: 0 } });
    const next = await store.applyBatch({ changes: [change('e1', 'patient', 1), change('e2', 'patient', 2)] });
    expect(next.ok && next.changes.map((r) => [r.eventId, r.seq, r.position])).toEqual([['e2', 2, 1]]);
    await store.close();
    expect(await nativeVersion(indexedDB, 'tablet')).toBe(10);
  });

  it('upgrades a version 1 database through an added version 2, keeping its data, and the old code then refuses it', async () => {
    const indexedDB = new IDBFactory();
    const old = await openDexieStore({ name: 'tablet', indexedDB, IDBKeyRange });
    await old.applyBatch({ objects: [obj('patient', 1)], changes: [change('e1', 'patient', 1)], audit: [auditRow(1)] });
    await old.close();

    const version2: DexieSchemaVersion = {
      version: 2,
      stores: { audit: 'seq, [uuid+seq]' },
      upgrade: (tx) => tx.table('settings').put({ key: 'migratedTo', value: 2 }),
    };
    const db = new Dexie('tablet', { indexedDB, IDBKeyRange }) as SyncDexie;
    declareDexieSchema(db, [...dexieSchemaVersions, version2]);
    const upgraded = await createDexieStore(db);
    expect(await upgraded.getSetting('migratedTo')).toBe(2);
    expect(await upgraded.getObject('patient', uuid(1))).toEqual(obj('patient', 1));
    const next = await upgraded.applyBatch({ changes: [change('e2', 'patient', 2)], audit: [auditRow(2)] });
    expect(next.ok && [next.changes[0]?.seq, next.audit[0]?.seq]).toEqual([2, 2]);
    expect((await db.audit.where('[uuid+seq]').between([uuid(2), 0], [uuid(2), Infinity]).toArray()).map((r) => r.seq)).toEqual([2]);
    await upgraded.close();
    expect(await nativeVersion(indexedDB, 'tablet')).toBe(20);

    await expectSyncError(openDexieStore({ name: 'tablet', indexedDB, IDBKeyRange }), 'STORE_UNAVAILABLE');
  });
});
