import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../src/core/store/store-port.ts';
import { createFakeParent, makeEvents } from './_fake-parent.ts';
import { objectWritingHandler, readOptions, stateOf } from './_reader-kit.ts';

const all = makeEvents(23, { objects: 7 });

async function read(store: SyncStore, count: number, pageSize: number): Promise<string> {
  const parent = createFakeParent({ events: all.slice(0, count), pageSize });
  const summary = await readFeed(readOptions(parent, store, objectWritingHandler()));
  return summary.feed;
}

/** Objects, change log and the position of the markers that hold one (a reset marker holds none). */
async function comparable(store: SyncStore) {
  const state = await stateOf(store);
  return { ...state, markers: state.markers.filter((m) => m.pageUrl !== undefined) };
}

describe('readFeed() replay', () => {
  it('readFeed(): reading a prefix, then (after a crash that lost the marker, or not) the longer feed, equals reading it once', async () => {
    const scenario = fc.record({
      k: fc.integer({ min: 0, max: all.length }),
      first: fc.integer({ min: 0, max: all.length }),
      lostMarker: fc.boolean(),
      pageSize: fc.integer({ min: 1, max: 7 }),
    });
    await fc.assert(fc.asyncProperty(scenario, async ({ k, first, lostMarker, pageSize }) => {
      const j = Math.min(first, k);
      const once = createMemoryStore();
      await read(once, k, pageSize);

      const twice = createMemoryStore();
      const feed = await read(twice, j, pageSize);
      if (lostMarker) await twice.applyBatch({ markers: [{ feed, updatedAt: 1_000 }] });
      await read(twice, k, pageSize);

      expect(await comparable(twice)).toEqual(await comparable(once));
      expect((await once.changesSince(0)).map((c) => c.eventId)).toEqual(all.slice(0, k).map((e) => e.id));
    }), { numRuns: 60 });
  });
});
