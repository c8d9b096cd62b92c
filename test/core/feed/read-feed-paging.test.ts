import { describe, expect, it } from 'vitest';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import type { FeedProgress } from '../../../src/core/feed/read-feed-types.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { childBase, createFakeParent, makeEvents } from './_fake-parent.ts';
import { createFixtureParent } from './_fixture-parent.ts';
import { objectWritingHandler, readOptions } from './_reader-kit.ts';

const fixtureIds = [
  'd1b48fae', '0e4faed9', 'd6bbaa34', '465e8b48', 'f84b00a5', // page 1
];

describe('readFeed() on the OpenMRS fixture pages', () => {
  it('readFeed() starts at page 1, reuses recent for the last page, and fetches no page twice', async () => {
    const parent = await createFixtureParent();
    const store = createMemoryStore();
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler));
    expect(parent.requests).toEqual(['patient/recent', 'patient/1', 'patient/2']);
    expect(handler.handed()).toHaveLength(12);
    expect(handler.handed().slice(0, 5).map((id) => id.slice(0, 8))).toEqual(fixtureIds);
    expect(handler.handed().at(-1)).toBe('b834ed12-61c6-4f71-82e9-a3aa90d500a3');
    expect(handler.calls.map((c) => c.context.pageUrl)).toEqual([1, 2, 3].map((n) => `${childBase}/ws/atomfeed/patient/${n}`));
    expect(summary).toMatchObject({ pagesRead: 3, entriesSeen: 12, entriesHanded: 12, batchesApplied: 3, lastPage: 3 });
    expect(await store.getMarker(summary.feed)).toEqual({
      feed: `${childBase}/ws/atomfeed/patient/recent`, lastEntryId: 'b834ed12-61c6-4f71-82e9-a3aa90d500a3',
      pageUrl: `${childBase}/ws/atomfeed/patient/3`, updatedAt: 1_000,
    });
    expect(await store.countChanges('patient')).toBe(12);
  });

  it('readFeed() reads an empty feed (via /0) with one request, no handler call and no marker', async () => {
    const parent = await createFixtureParent();
    const store = createMemoryStore();
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler, { feedUrl: `${childBase}/ws/atomfeed/location/recent` }));
    expect(parent.requests).toEqual(['location/recent']);
    expect(handler.calls).toHaveLength(0);
    expect(summary).toMatchObject({ pagesRead: 0, entriesSeen: 0, lastPage: 0, warnings: [] });
    expect(await store.listMarkers()).toEqual([]);
  });

  it('readFeed() asks only for recent when nothing is new', async () => {
    const parent = await createFixtureParent();
    const store = createMemoryStore();
    await readFeed(readOptions(parent, store, objectWritingHandler()));
    const again = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, again, { now: () => 2_000 }));
    expect(parent.requests.slice(3)).toEqual(['patient/recent']);
    expect(again.calls).toHaveLength(0);
    expect(summary).toMatchObject({ pagesRead: 1, entriesSeen: 0, batchesApplied: 0 });
    expect((await store.listMarkers())[0]?.updatedAt).toBe(1_000);
  });
});

describe('readFeed() on a generated feed (page size 5, proxy-host links, shuffled terms)', () => {
  it('readFeed() hands every event once, in feed order, one batch per page', async () => {
    const parent = createFakeParent({ events: makeEvents(23) });
    const store = createMemoryStore();
    const handler = objectWritingHandler();
    await readFeed(readOptions(parent, store, handler));
    expect(handler.handed()).toEqual(parent.events.map((e) => e.id));
    expect(handler.calls.map((c) => c.ids.length)).toEqual([5, 5, 5, 5, 3]);
    expect([...parent.requests].sort()).toEqual(['1', '2', '3', '4', 'recent']);
    expect((await store.changesSince(0)).map((c) => c.eventId)).toEqual(parent.events.map((e) => e.id));
  });

  it('readFeed() resumes after its marker: the marker page, then the new pages only', async () => {
    const events = makeEvents(21);
    const parent = createFakeParent({ events: events.slice(0, 12) });
    const store = createMemoryStore();
    await readFeed(readOptions(parent, store, objectWritingHandler()));
    parent.events = events;
    parent.requests.length = 0;
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler));
    expect(parent.requests).toEqual(['recent', '3', '4']);
    expect(handler.handed()).toEqual(events.slice(12).map((e) => e.id));
    expect(summary).toMatchObject({ pagesRead: 3, entriesSeen: 9, lastPage: 5 });
    expect(summary.marker).toMatchObject({ lastEntryId: events[20]?.id, pageUrl: `${childBase}/ws/atomfeed/patient/5` });
  });

  it('readFeed() fetches up to `prefetch` pages ahead while a page is handled, never past the last page', async () => {
    const parent = createFakeParent({ events: makeEvents(20) });
    const seenAtCall: string[][] = [];
    const handler = objectWritingHandler({ during: () => { seenAtCall.push([...parent.requests]); } });
    await readFeed(readOptions(parent, createMemoryStore(), handler, { prefetch: 2 }));
    expect(seenAtCall[0]).toEqual(['recent', '1', '2', '3']);
    expect(seenAtCall.at(-1)).toEqual(['recent', '1', '2', '3']);
    expect(parent.requests.filter((p) => p === '4' || Number(p) > 4)).toEqual([]);
  });

  it('readFeed() with prefetch 0 fetches one page at a time', async () => {
    const parent = createFakeParent({ events: makeEvents(15) });
    const seenAtCall: string[][] = [];
    const handler = objectWritingHandler({ during: () => { seenAtCall.push([...parent.requests]); } });
    await readFeed(readOptions(parent, createMemoryStore(), handler, { prefetch: 0 }));
    expect(seenAtCall).toEqual([['recent', '1'], ['recent', '1', '2'], ['recent', '1', '2']]);
  });

  it('readFeed() reports progress after each page', async () => {
    const parent = createFakeParent({ events: makeEvents(12) });
    const progress: FeedProgress[] = [];
    await readFeed(readOptions(parent, createMemoryStore(), objectWritingHandler(), { onProgress: (p) => progress.push(p) }));
    expect(progress).toEqual([
      { pagesRead: 1, entriesRead: 5, lastPage: 3, currentPage: 1 },
      { pagesRead: 2, entriesRead: 10, lastPage: 3, currentPage: 2 },
      { pagesRead: 3, entriesRead: 12, lastPage: 3, currentPage: 3 },
    ]);
  });

  it('readFeed() sends its headers to the parent and keys the marker by feedKey', async () => {
    const parent = createFakeParent({ events: makeEvents(7) });
    const seen: (string | null)[] = [];
    const fetch: typeof parent.fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return parent.fetch(input, init);
    };
    const store = createMemoryStore();
    await readFeed(readOptions({ ...parent, fetch }, store, objectWritingHandler(), { feedKey: 'patient', headers: { authorization: 'Basic x' } }));
    expect(seen).toEqual(['Basic x', 'Basic x']);
    expect((await store.listMarkers()).map((m) => m.feed)).toEqual(['patient']);
  });
});
