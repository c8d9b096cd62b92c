/** The Dexie store's reads of side records: feed markers, failed events, conflicts and settings. */

import type { ConflictRecord, FailedEvent, Json, SyncStore } from '../../core/store/store-port.ts';
import type { SyncDexie } from './dexie-schema.ts';

type StateReads = Pick<
  SyncStore,
  'getMarker' | 'listMarkers' | 'listFailedEvents' | 'getFailedEvent' | 'listConflicts' | 'getConflict' | 'getSetting'
>;

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The port's side-record reads over `db`; lists come in the memory store's order. */
export function dexieStateReads(db: SyncDexie): StateReads {
  return {
    getMarker: (feed) => db.markers.get(feed),
    // The primary key order is the feed order: IndexedDB compares strings as JavaScript does.
    listMarkers: () => db.markers.toArray(),

    async listFailedEvents({ direction, dead, dueBy } = {}) {
      // Due events come from the nextRetryAt index; dead letters may keep a time, so filter them out.
      const rows: FailedEvent[] = dueBy === undefined
        ? await db.failedEvents.toArray()
        : await db.failedEvents.where('nextRetryAt').belowOrEqual(dueBy).filter((e) => !e.dead).toArray();
      return rows
        .filter((e) => (direction === undefined || e.direction === direction) && (dead === undefined || e.dead === dead))
        .sort(byId);
    },
    getFailedEvent: (id) => db.failedEvents.get(id),

    async listConflicts({ open } = {}) {
      const rows: ConflictRecord[] = await db.conflicts.toArray();
      return rows
        .filter((c) => open === undefined || (c.resolvedAt === undefined) === open)
        .sort((a, b) => a.createdAt - b.createdAt || byId(a, b));
    },
    getConflict: (id) => db.conflicts.get(id),

    async getSetting<T extends Json>(key: string) {
      return (await db.settings.get(key))?.value as T | undefined;
    },
  };
}
