// countPendingPushes() (what /status reports as waiting to be pushed) and sync2ItemPath() (ids with slashes in sync2 URLs).
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { NewChange, Origin, SyncStore } from '../../../src/core/store/store-port.ts';
import { pushMarker } from '../../../src/core/sync/push/push-marker.ts';
import { sync2ItemPath, sync2ItemUrl } from '../../../src/edge/app/sync2-item-path.ts';
import { countPendingPushes } from '../../../src/edge/child/count-pending-pushes.ts';

let serial = 0;

function row(uuid: string, origin: Origin): NewChange {
  serial += 1;
  return { eventId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`, category: 'patient', uuid, action: 'UPDATED', origin, hash: `h${serial}`, at: serial };
}

async function logRows(store: SyncStore, rows: NewChange[]): Promise<void> {
  const result = await store.applyBatch({ changes: rows });
  if (!result.ok) throw new Error('fixture write failed');
}

describe('countPendingPushes()', () => {
  it('counts rows of origin local and child after the push marker, and the objects they touch; parent rows are never pending', async () => {
    const store = createMemoryStore();
    await logRows(store, [row('a', 'local'), row('b', 'parent'), row('c', 'child')]);
    await store.applyBatch({ markers: [pushMarker(3, 0)] });
    await logRows(store, [row('a', 'local'), row('a', 'local'), row('b', 'parent'), row('d', 'child')]);
    expect(await countPendingPushes(store)).toEqual({ changes: 3, objects: 2, capped: false });
  });

  it('counts from the start of the log before any push, across pages', async () => {
    const store = createMemoryStore();
    await logRows(store, Array.from({ length: 25 }, (_, i) => row(`u${i % 10}`, 'local')));
    expect(await countPendingPushes(store, { pageSize: 4 })).toEqual({ changes: 25, objects: 10, capped: false });
  });

  it('stops at maxRows and says the count is capped; an exact fit is not capped', async () => {
    const store = createMemoryStore();
    await logRows(store, Array.from({ length: 30 }, (_, i) => row(`u${i}`, 'local')));
    expect(await countPendingPushes(store, { maxRows: 12, pageSize: 5 })).toEqual({ changes: 12, objects: 12, capped: true });
    expect(await countPendingPushes(store, { maxRows: 30, pageSize: 7 })).toEqual({ changes: 30, objects: 30, capped: false });
  });
});

describe('sync2ItemPath()', () => {
  const conflicts = '/openmrs/ws/rest/sync2/conflicts';

  it('reads an id sent percent-encoded or with its slashes, with or without an action', () => {
    expect(sync2ItemPath(`${conflicts}/patient%2Fb79d`, conflicts, ['resolve'])).toEqual({ id: 'patient/b79d' });
    expect(sync2ItemPath(`${conflicts}/patient/b79d/resolve`, conflicts, ['resolve'])).toEqual({ id: 'patient/b79d', action: 'resolve' });
    expect(sync2ItemPath('/x/failed-events/push%3Apush%3Apatient%2Fb79d/retry', '/x/failed-events', ['retry'])).toEqual({ id: 'push:push:patient/b79d', action: 'retry' });
  });

  it('a last segment that is not an action is part of the id', () => {
    expect(sync2ItemPath(`${conflicts}/patient/resolve`, conflicts)).toEqual({ id: 'patient/resolve' });
  });

  it('gives nothing for another collection, an empty id or a bad escape', () => {
    expect(sync2ItemPath('/openmrs/ws/rest/sync2/other/x', conflicts)).toBeUndefined();
    expect(sync2ItemPath(`${conflicts}/`, conflicts)).toBeUndefined();
    expect(sync2ItemPath(`${conflicts}/%E0%A4%A`, conflicts)).toBeUndefined();
  });

  it('sync2ItemUrl() encodes the id as one segment, which sync2ItemPath() reads back', () => {
    const url = sync2ItemUrl(conflicts, 'patient/ä b', 'resolve');
    expect(url).toBe(`${conflicts}/patient%2F%C3%A4%20b/resolve`);
    expect(sync2ItemPath(url, conflicts, ['resolve'])).toEqual({ id: 'patient/ä b', action: 'resolve' });
  });
});
