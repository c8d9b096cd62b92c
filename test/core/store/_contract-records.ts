/** Store contract, side records: feed markers, failed events, conflicts and settings. */

import { expect, it } from 'vitest';
import type { ConflictRecord, FailedEvent } from '../../../src/core/store/store-port.ts';
import { conflict, failedEvent, marker, type StoreRef } from './_contract-fixtures.ts';

const sortedIds = (rows: (FailedEvent | ConflictRecord)[]): string[] => rows.map((r) => r.id).sort();

export function recordsContract(store: StoreRef): void {
  it('markers are put, overwritten whole and listed by feed', async () => {
    expect(await store().getMarker('patient')).toBeUndefined();
    expect(await store().listMarkers()).toEqual([]);
    await store().applyBatch({ markers: [marker('patient'), marker('push', { lastSeq: 12, lastEntryId: undefined, pageUrl: undefined })] });
    expect(await store().getMarker('push')).toEqual(marker('push', { lastSeq: 12, lastEntryId: undefined, pageUrl: undefined }));
    const moved = marker('patient', { lastEntryId: 'tag:atomfeed.ict4h.org:e9', pageUrl: 'patient/2', updatedAt: 4_500 });
    await store().applyBatch({ markers: [moved] });
    expect(await store().getMarker('patient')).toEqual(moved);
    const listed = await store().listMarkers();
    expect(listed.map((m) => m.feed).sort()).toEqual(['patient', 'push']);
    expect(listed.find((m) => m.feed === 'patient')).toEqual(moved);
  });

  it('failed events are put, replaced and deleted by id', async () => {
    await store().applyBatch({ failedEvents: { put: [failedEvent('a'), failedEvent('b')] } });
    expect(await store().getFailedEvent('a')).toEqual(failedEvent('a'));
    const retried = failedEvent('a', { attempts: 2, lastFailedAt: 6_000, nextRetryAt: 8_000 });
    await store().applyBatch({ failedEvents: { put: [retried], delete: ['b', 'never-stored'] } });
    expect(await store().getFailedEvent('a')).toEqual(retried);
    expect(await store().getFailedEvent('b')).toBeUndefined();
    expect(sortedIds(await store().listFailedEvents())).toEqual(['a']);
  });

  it('listFailedEvents() filters by direction, dead and due time', async () => {
    await store().applyBatch({
      failedEvents: {
        put: [
          failedEvent('due-early', { nextRetryAt: 5_500 }),
          failedEvent('due-now', { nextRetryAt: 6_000, direction: 'push' }),
          failedEvent('later', { nextRetryAt: 9_000 }),
          failedEvent('dead', { dead: true, nextRetryAt: undefined, attempts: 8 }),
          failedEvent('dead-with-time', { dead: true, nextRetryAt: 1_000, direction: 'push' }),
        ],
      },
    });
    expect(sortedIds(await store().listFailedEvents())).toHaveLength(5);
    expect(sortedIds(await store().listFailedEvents({ dueBy: 6_000 }))).toEqual(['due-early', 'due-now']);
    expect(sortedIds(await store().listFailedEvents({ dead: true }))).toEqual(['dead', 'dead-with-time']);
    expect(sortedIds(await store().listFailedEvents({ dead: false }))).toEqual(['due-early', 'due-now', 'later']);
    expect(sortedIds(await store().listFailedEvents({ direction: 'push' }))).toEqual(['dead-with-time', 'due-now']);
    expect(sortedIds(await store().listFailedEvents({ direction: 'pull', dueBy: 10_000 }))).toEqual(['due-early', 'later']);
    expect(await store().getFailedEvent('dead')).toEqual(failedEvent('dead', { dead: true, nextRetryAt: undefined, attempts: 8 }));
  });

  it('conflicts are put, resolved, listed open or resolved, and deleted', async () => {
    const removed = conflict('c2', { reason: 'removed-on-parent', parent: null, fields: [], createdAt: 7_100 });
    await store().applyBatch({ conflicts: { put: [conflict('c1'), removed, conflict('c3', { createdAt: 7_200 })] } });
    expect(await store().getConflict('c2')).toEqual(removed);
    expect(sortedIds(await store().listConflicts({ open: true }))).toEqual(['c1', 'c2', 'c3']);
    const resolved = { ...conflict('c1'), resolvedAt: 9_000, resolution: 'merged' as const };
    await store().applyBatch({ conflicts: { put: [resolved], delete: ['c3'] } });
    expect(await store().getConflict('c1')).toEqual(resolved);
    expect(await store().getConflict('c3')).toBeUndefined();
    expect(sortedIds(await store().listConflicts({ open: true }))).toEqual(['c2']);
    expect(sortedIds(await store().listConflicts({ open: false }))).toEqual(['c1']);
    expect(sortedIds(await store().listConflicts())).toEqual(['c1', 'c2']);
  });

  it('settings hold any JSON value, are overwritten, and deleted by an undefined value', async () => {
    expect(await store().getSetting('s1')).toBeUndefined();
    await store().applyBatch({ settings: { s1: { parent: 'https://hub.example/openmrs', every: 60 }, s2: [1, 'two', false], s3: null, s4: 0 } });
    expect(await store().getSetting('s1')).toEqual({ parent: 'https://hub.example/openmrs', every: 60 });
    expect(await store().getSetting('s2')).toEqual([1, 'two', false]);
    expect(await store().getSetting('s3')).toBeNull();
    expect(await store().getSetting('s4')).toBe(0);
    await store().applyBatch({ settings: { s1: 'replaced', s2: undefined } });
    expect(await store().getSetting('s1')).toBe('replaced');
    expect(await store().getSetting('s2')).toBeUndefined();
    expect(await store().getSetting('s4')).toBe(0);
  });
}
