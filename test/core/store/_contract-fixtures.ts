/** Builders and helpers shared by the store contract sections: plain data, no store internals. */

import { expect } from 'vitest';
import { canonicalHash } from '../../../src/core/hash/canonical-hash.ts';
import type {
  ConflictRecord, FailedEvent, FeedMarker, JsonObject, NewAuditRow, NewChange, StoredObject, SyncStore,
} from '../../../src/core/store/store-port.ts';

/** Gives each contract section the store of the running test. */
export type StoreRef = () => SyncStore;

/** A lowercase uuid whose order follows `n`. */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function obj(category: string, n: number, over: Partial<StoredObject> = {}): StoredObject {
  const body: JsonObject = { uuid: uuid(n), name: `Name ${n}`, tags: ['a', 'b'], nested: { count: n, ok: true, none: null } };
  return { category, uuid: uuid(n), representation: 'rest', body, hash: canonicalHash(body), version: 'v1', removed: false, updatedAt: 1_000 + n, ...over };
}

export function change(eventId: string, category: string, n: number, over: Partial<NewChange> = {}): NewChange {
  return { eventId, category, uuid: uuid(n), action: 'UPDATED', origin: 'local', hash: 'h'.repeat(64), at: 2_000 + n, ...over };
}

export function auditRow(n: number, over: Partial<NewAuditRow> = {}): NewAuditRow {
  return { at: 3_000 + n, operation: 'pull', outcome: 'ok', instanceId: 'node-a', category: 'patient', uuid: uuid(n), ...over };
}

export function marker(feed: string, over: Partial<FeedMarker> = {}): FeedMarker {
  return { feed, lastEntryId: 'tag:atomfeed.ict4h.org:e1', pageUrl: `${feed}/1`, updatedAt: 4_000, ...over };
}

export function failedEvent(id: string, over: Partial<FailedEvent> = {}): FailedEvent {
  return {
    id, direction: 'pull', feed: 'patient', entryId: `tag:${id}`, category: 'patient', uuid: uuid(1), action: 'UPDATED',
    links: { rest: '/ws/rest/v1/patient/x' }, error: { code: 'HTTP_ERROR', message: 'HTTP 500', details: { status: 500 } },
    attempts: 1, firstFailedAt: 5_000, lastFailedAt: 5_000, nextRetryAt: 6_000, dead: false, ...over,
  };
}

export function conflict(id: string, over: Partial<ConflictRecord> = {}): ConflictRecord {
  return {
    id, category: 'patient', uuid: uuid(1), representation: 'fhir', base: { gender: 'female' }, local: { gender: 'male' },
    parent: { gender: 'other' }, fields: ['gender'], reason: 'overlap', createdAt: 7_000, ...over,
  };
}

const byId = <T extends { id: string }>(rows: T[]): T[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Everything observable through the port, for "nothing was written" and "same as once" checks. */
export async function snapshot(store: SyncStore, options: { categories?: string[]; settings?: string[] } = {}) {
  const { categories = ['patient', 'location'], settings = ['s1', 's2'] } = options;
  return {
    objects: await Promise.all(categories.map((category) => store.listObjects({ category, includeRemoved: true }))),
    counts: await store.countObjects(),
    changes: await store.changesSince(0),
    lastSeq: await store.lastSeq(),
    markers: await store.listMarkers(),
    failedEvents: byId(await store.listFailedEvents()),
    audit: await store.listAudit(),
    conflicts: byId(await store.listConflicts()),
    settings: await Promise.all(settings.map((key) => store.getSetting(key))),
  };
}

/** Awaits `promise` and expects it to reject with the given SyncError code. */
export async function expectSyncError(promise: Promise<unknown>, code: string): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  expect(error).toMatchObject({ name: 'SyncError', code });
}
