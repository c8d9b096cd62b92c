/** Reads the tablet's IndexedDB (the Dexie store of the browser node) from a page, with the raw IndexedDB API. */

import type { Page } from 'playwright-core';

/** What the tablet holds: object keys, change-log rows and feed markers. */
export interface TabletStore {
  /** `category/uuid` of every object row. */
  objects: string[];
  changes: { seq: number; eventId: string; category: string; uuid: string; origin: string; action: string }[];
  markers: { feed: string; lastEntryId?: string; pageUrl?: string }[];
  /** Audit rows of pulls, oldest first. */
  pulls: { category: string; uuid: string; outcome: string }[];
  openConflicts: number;
}

/**
 * The tablet's store as `page` sees it (same origin as the app). Never creates the database:
 * an origin without one reads as empty.
 */
export function readTabletStore(page: Page): Promise<TabletStore> {
  return page.evaluate(async () => {
    const empty = { objects: [], changes: [], markers: [], pulls: [], openConflicts: 0 };
    if (!(await indexedDB.databases()).some((d) => d.name === 'openmrs-sync')) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('openmrs-sync');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string, keys = false): Promise<T[]> => new Promise((resolve, reject) => {
      const os = db.transaction(store, 'readonly').objectStore(store);
      const request = keys ? os.getAllKeys() : os.getAll();
      request.onsuccess = () => resolve(request.result as T[]);
      request.onerror = () => reject(request.error);
    });
    try {
      const objectKeys = await all<[string, string]>('objects', true);
      const changes = await all<{ seq: number; eventId: string; category: string; uuid: string; origin: string; action: string }>('changes');
      const markers = await all<{ feed: string; lastEntryId?: string; pageUrl?: string }>('markers');
      const conflicts = await all<{ resolvedAt?: number }>('conflicts');
      const audit = await all<{ operation: string; category?: string; uuid?: string; outcome: string }>('audit');
      return {
        objects: objectKeys.map(([category, uuid]) => `${category}/${uuid}`),
        changes: changes.map(({ seq, eventId, category, uuid, origin, action }) => ({ seq, eventId, category, uuid, origin, action })),
        markers: markers.map(({ feed, lastEntryId, pageUrl }) => ({ feed, lastEntryId, pageUrl })),
        pulls: audit.filter((a) => a.operation === 'pull').map(({ category = '', uuid = '', outcome }) => ({ category, uuid, outcome })),
        openConflicts: conflicts.filter((c) => c.resolvedAt === undefined).length,
      };
    } finally {
      db.close();
    }
  });
}
