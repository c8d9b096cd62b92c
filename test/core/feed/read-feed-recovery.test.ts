import { describe, expect, it } from 'vitest';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { childBase, createFakeParent, makeEvents } from './_fake-parent.ts';
import { objectWritingHandler, readOptions } from './_reader-kit.ts';

const feed = `${childBase}/ws/atomfeed/patient/recent`;
const pageUrl = (n: number, base = childBase): string => `${base}/ws/atomfeed/patient/${n}`;

describe('readFeed() when the marker no longer fits the feed', () => {
  it('readFeed() replays from page 1 with a warning when the marker page is past the last page', async () => {
    const parent = createFakeParent({ events: makeEvents(12) });
    const store = createMemoryStore();
    await store.applyBatch({ markers: [{ feed, pageUrl: pageUrl(9), lastEntryId: 'gone', updatedAt: 1 }] });
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler));
    expect(summary.warnings.map((w) => w.kind)).toEqual(['marker-page-gone']);
    expect(handler.handed()).toEqual(parent.events.map((e) => e.id));
    expect(parent.requests).toEqual(['recent', '1', '2']);
    const audit = await store.listAudit({ operation: 'warning' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'warning', details: { kind: 'marker-page-gone' } });
    expect(summary.marker).toMatchObject({ pageUrl: pageUrl(3), lastEntryId: parent.events[11]?.id });
  });

  it('readFeed() replays from page 1 when the marker entry is not on its page, fetching no page twice', async () => {
    const parent = createFakeParent({ events: makeEvents(14) });
    const store = createMemoryStore();
    await store.applyBatch({ markers: [{ feed, pageUrl: pageUrl(2), lastEntryId: 'shifted-away', updatedAt: 1 }] });
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler));
    expect(summary.warnings.map((w) => w.kind)).toEqual(['marker-entry-missing']);
    expect(handler.handed()).toEqual(parent.events.map((e) => e.id));
    expect([...parent.requests].sort()).toEqual(['1', '2', 'recent']);
    expect(await store.listAudit({ operation: 'warning' })).toHaveLength(1);
  });

  it('readFeed() replays idempotently: objects and change log end as after one read', async () => {
    const parent = createFakeParent({ events: makeEvents(14) });
    const store = createMemoryStore();
    await readFeed(readOptions(parent, store, objectWritingHandler()));
    const before = { objects: await store.listObjects({ category: 'patient' }), changes: await store.changesSince(0) };
    await store.applyBatch({ markers: [{ feed, pageUrl: pageUrl(2), lastEntryId: 'shifted-away', updatedAt: 1 }] });
    await readFeed(readOptions(parent, store, objectWritingHandler()));
    expect({ objects: await store.listObjects({ category: 'patient' }), changes: await store.changesSince(0) }).toEqual(before);
  });

  it('readFeed() uses the marker page number even when the marker was written on another base', async () => {
    const parent = createFakeParent({ events: makeEvents(12) });
    const store = createMemoryStore();
    await store.applyBatch({ markers: [{ feed, pageUrl: pageUrl(2, 'https://old-hub.example/openmrs'), lastEntryId: parent.events[9]?.id as string, updatedAt: 1 }] });
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler));
    expect(summary.warnings).toEqual([]);
    expect(handler.handed()).toEqual(parent.events.slice(10).map((e) => e.id));
    expect(summary.marker?.pageUrl).toBe(pageUrl(3));
  });

  it('readFeed() records a warning and resets the marker when the feed became empty', async () => {
    const parent = createFakeParent({ events: [] });
    const store = createMemoryStore();
    await store.applyBatch({ markers: [{ feed, pageUrl: pageUrl(2), lastEntryId: 'x', updatedAt: 1 }] });
    const summary = await readFeed(readOptions(parent, store, objectWritingHandler()));
    expect(summary.warnings.map((w) => w.kind)).toEqual(['marker-page-gone']);
    expect(await store.getMarker(feed)).toEqual({ feed, updatedAt: 1_000 });
    expect(await store.listAudit({ operation: 'warning' })).toHaveLength(1);
    const next = await readFeed(readOptions(parent, store, objectWritingHandler()));
    expect(next.warnings).toEqual([]);
    expect(await store.listAudit({ operation: 'warning' })).toHaveLength(1);
  });

  it('readFeed() starts over at page 1 after a reset marker (no page URL)', async () => {
    const parent = createFakeParent({ events: makeEvents(6) });
    const store = createMemoryStore();
    await store.applyBatch({ markers: [{ feed, updatedAt: 1 }] });
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler));
    expect(summary.warnings).toEqual([]);
    expect(handler.handed()).toHaveLength(6);
  });
});
