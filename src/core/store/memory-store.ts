/** An in-memory SyncStore for tests and demos: the reference behaviour of the store port. */

import { SyncError } from '../errors/sync-error.ts';
import { applyMemoryBatch, createMemoryState, type MemoryState } from './_memory-batch.ts';
import { copyJson } from './copy-json.ts';
import type { AuditQuery, AuditRow, Json, StoredObject, SyncStore } from './store-port.ts';

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A SyncStore held in memory. Writes and reads copy (a plain-data deep copy), so callers never share
 * objects with the store. After `close()` every call rejects with `STORE_UNAVAILABLE`.
 *
 * @example Write and read back an object
 * ```ts
 * const store = createMemoryStore();
 * await store.applyBatch({ objects: [patient] });
 * await store.getObject('patient', patient.uuid);
 * ```
 */
export function createMemoryStore(): SyncStore {
  let state: MemoryState | undefined = createMemoryState();
  const open = (): MemoryState => {
    if (!state) throw new SyncError('STORE_UNAVAILABLE', { message: 'The memory store is closed' });
    return state;
  };
  const live = (s: MemoryState, category: string) => s.objects.get(category) ?? new Map<string, StoredObject>();

  return {
    async getObject(category, uuid) { return copyJson(live(open(), category).get(uuid)); },
    async getObjects(category, uuids) {
      const objects = live(open(), category);
      const found = [...new Set(uuids)].map((uuid) => objects.get(uuid));
      return copyJson(found.filter((o): o is StoredObject => o !== undefined));
    },
    async listObjects({ category, afterUuid, limit = Infinity, includeRemoved = false }) {
      const rows = [...live(open(), category).values()]
        .filter((o) => (afterUuid === undefined || o.uuid > afterUuid) && (includeRemoved || !o.removed))
        .sort((a, b) => byKey(a.uuid, b.uuid));
      return copyJson(rows.slice(0, limit));
    },
    async countObjects() {
      const counts: Record<string, { live: number; removed: number }> = {};
      for (const [category, objects] of open().objects) {
        const count = (counts[category] = { live: 0, removed: 0 });
        for (const o of objects.values()) count[o.removed ? 'removed' : 'live'] += 1;
      }
      return counts;
    },

    async changesSince(afterSeq, options = {}) {
      const from = Math.max(0, afterSeq);
      return copyJson(open().changes.slice(from, from + (options.limit ?? Infinity)));
    },
    async feedChanges(category, { from, limit }) {
      const start = Math.max(0, from);
      return copyJson((open().feeds.get(category) ?? []).slice(start, start + Math.max(0, limit)));
    },
    async countChanges(category) { return open().feeds.get(category)?.length ?? 0; },
    async lastSeq() { return open().changes.length; },

    async getMarker(feed) { return copyJson(open().markers.get(feed)); },
    async listMarkers() { return copyJson([...open().markers.values()].sort((a, b) => byKey(a.feed, b.feed))); },

    async listFailedEvents({ direction, dead, dueBy } = {}) {
      const rows = [...open().failedEvents.values()].filter((e) =>
        (direction === undefined || e.direction === direction) &&
        (dead === undefined || e.dead === dead) &&
        (dueBy === undefined || (!e.dead && e.nextRetryAt !== undefined && e.nextRetryAt <= dueBy)));
      return copyJson(rows.sort((a, b) => byKey(a.id, b.id)));
    },
    async getFailedEvent(id) { return copyJson(open().failedEvents.get(id)); },

    async listAudit(query = {}) { return copyJson(queryAudit(open().audit, query)); },
    async lastAudit() { return copyJson(open().audit.at(-1)); },

    async listConflicts({ open: wanted } = {}) {
      const rows = [...open().conflicts.values()].filter((c) => wanted === undefined || (c.resolvedAt === undefined) === wanted);
      return copyJson(rows.sort((a, b) => a.createdAt - b.createdAt || byKey(a.id, b.id)));
    },
    async getConflict(id) { return copyJson(open().conflicts.get(id)); },

    async getSetting<T extends Json>(key: string) { return copyJson(open().settings.get(key)) as T | undefined; },

    async applyBatch(plan) { return applyMemoryBatch(open(), plan); },
    async close() { state = undefined; },
  };
}

/** Audit rows matching `query`, newest first. */
function queryAudit(rows: readonly AuditRow[], query: AuditQuery): AuditRow[] {
  const { operation, category, uuid, outcome, beforeSeq = Infinity, limit = Infinity } = query;
  const out: AuditRow[] = [];
  for (let i = Math.min(rows.length, beforeSeq - 1) - 1; i >= 0 && out.length < limit; i -= 1) {
    const row = rows[i] as AuditRow;
    if (operation !== undefined && row.operation !== operation) continue;
    if (category !== undefined && row.category !== category) continue;
    if (uuid !== undefined && row.uuid !== uuid) continue;
    if (outcome !== undefined && row.outcome !== outcome) continue;
    out.push(row);
  }
  return out;
}
