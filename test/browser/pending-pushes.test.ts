import { describe, expect, it } from 'vitest';
import { createPendingTracker } from '../../src/browser/pending-pushes.ts';
import { listLocalChanges } from '../../src/browser/local-changes.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import { change, marker, uuid } from '../core/store/_contract-fixtures.ts';

describe('createPendingTracker()', () => {
  it('counts distinct objects with local or child rows after the push marker, following the marker and new rows', async () => {
    const store = createMemoryStore();
    const tracker = createPendingTracker(store, { pageSize: 2 });
    await store.applyBatch({ changes: [
      change('e1', 'patient', 1), change('e2', 'patient', 2, { origin: 'parent' }), change('e3', 'patient', 1),
      change('e4', 'visit', 3, { origin: 'child', originId: 'tab-2' }), change('e5', 'patient', 4),
    ] });
    const first = await tracker.read();
    expect(first.count).toBe(3);
    expect([...first.keys].sort()).toEqual([`patient/${uuid(1)}`, `patient/${uuid(4)}`, `visit/${uuid(3)}`]);
    // Push settled rows 1–4 (patient 1 and visit 3); patient 4 waits; a new local row arrives.
    await store.applyBatch({ markers: [marker('push', { lastSeq: 4 })], changes: [change('e6', 'patient', 5)] });
    expect([...(await tracker.read()).keys].sort()).toEqual([`patient/${uuid(4)}`, `patient/${uuid(5)}`]);
    expect((await listLocalChanges(store)).map((r) => r.eventId)).toEqual(['e5', 'e6']);
    expect((await listLocalChanges(store, { limit: 1 })).map((r) => r.eventId)).toEqual(['e5']);
  });

  it('keeps an object pending while one of its rows is after the marker', async () => {
    const store = createMemoryStore();
    const tracker = createPendingTracker(store);
    await store.applyBatch({ changes: [change('e1', 'patient', 1), change('e2', 'patient', 1)] });
    expect((await tracker.read()).count).toBe(1);
    await store.applyBatch({ markers: [marker('push', { lastSeq: 1 })] });
    expect((await tracker.read()).count).toBe(1);
    await store.applyBatch({ markers: [marker('push', { lastSeq: 2 })] });
    expect((await tracker.read()).count).toBe(0);
  });
});
