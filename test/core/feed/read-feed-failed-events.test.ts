import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../../../src/core/atom/feed-page.ts';
import { failedEventId } from '../../../src/core/feed/failed-event-policy.ts';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import { retryFailedEvents } from '../../../src/core/feed/retry-failed-events.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { childBase, createFakeParent, makeEvents } from './_fake-parent.ts';
import { objectWritingHandler, readOptions } from './_reader-kit.ts';

const feed = `${childBase}/ws/atomfeed/patient/recent`;
const error = { code: 'OBJECT_INVALID', message: 'bad object' };
const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3 };

describe('readFeed() with failing events', () => {
  it('readFeed() puts a failing event in the failed events with backoff, and the feed goes on', async () => {
    const parent = createFakeParent({ events: makeEvents(12, { objects: 12 }) });
    const bad = parent.events[6]?.id as string;
    const store = createMemoryStore();
    const handler = objectWritingHandler({ fail: (e) => (e.id === bad ? error : undefined) });
    const summary = await readFeed(readOptions(parent, store, handler, { failurePolicy: policy }));
    expect(summary).toMatchObject({ entriesHanded: 12, entriesFailed: 1 });
    expect(summary.marker?.lastEntryId).toBe(parent.events[11]?.id);
    expect(await store.countChanges('patient')).toBe(11);
    const stored = await store.getFailedEvent(failedEventId({ direction: 'pull', feed, entryId: bad }));
    expect(stored).toMatchObject({
      direction: 'pull', feed, entryId: bad, category: 'patient', uuid: parent.events[6]?.uuid, action: 'CREATED',
      error, attempts: 1, firstFailedAt: 1_000, lastFailedAt: 1_000, dead: false, nextRetryAt: 1_500,
    });
    expect(stored?.links?.['rest']).toContain(parent.events[6]?.uuid);
    expect(await store.listAudit({ operation: 'failure' })).toEqual([
      expect.objectContaining({ outcome: 'failed', uuid: parent.events[6]?.uuid, details: expect.objectContaining({ entryId: bad, attempts: 1 }) }),
    ]);
  });

  it('retryFailedEvents() counts attempts on, backs off, and makes a dead letter at the limit', async () => {
    const parent = createFakeParent({ events: makeEvents(6, { objects: 6 }) });
    const bad = parent.events[2]?.id as string;
    const store = createMemoryStore();
    const failing = objectWritingHandler({ fail: (e) => (e.id === bad ? error : undefined) });
    await readFeed(readOptions(parent, store, failing, { failurePolicy: policy, random: () => 0.999 }));
    const id = failedEventId({ direction: 'pull', feed, entryId: bad });
    const first = await store.getFailedEvent(id);
    expect(first?.nextRetryAt).toBe(1_000 + 999);

    const early = await retryFailedEvents({ feedKey: feed, store, handle: failing.handle, now: () => 1_500, failurePolicy: policy });
    expect(early.retried).toBe(0);

    let now = 10_000;
    const retry = () => retryFailedEvents({ feedKey: feed, store, handle: failing.handle, now: () => now, random: () => 0.999, failurePolicy: policy });
    expect(await retry()).toMatchObject({ retried: 1, rescheduled: 1, dead: 0 });
    const second = await store.getFailedEvent(id);
    expect(second).toMatchObject({ attempts: 2, firstFailedAt: 1_000, lastFailedAt: 10_000, nextRetryAt: 10_000 + 1_998, dead: false });
    now = 20_000;
    expect(await retry()).toMatchObject({ retried: 1, dead: 1 });
    const third = await store.getFailedEvent(id);
    expect(third).toMatchObject({ attempts: 3, dead: true });
    expect(third?.nextRetryAt).toBeUndefined();
    now = 10_000_000;
    expect((await retry()).retried).toBe(0);
    expect(failing.calls.map((c) => c.ids)).toEqual([parent.events.slice(0, 5).map((e) => e.id), [parent.events[5]?.id], [bad], [bad]]);
  });

  it('retryFailedEvents() rebuilds the entry from the record and deletes the record on success', async () => {
    const parent = createFakeParent({ events: makeEvents(3, { objects: 3 }) });
    const bad = parent.events[1] as (typeof parent.events)[number];
    const store = createMemoryStore();
    await readFeed(readOptions(parent, store, objectWritingHandler({ fail: (e) => (e.id === bad.id ? error : undefined) })));
    const healed = objectWritingHandler();
    const summary = await retryFailedEvents({ feedKey: feed, store, handle: healed.handle, now: () => 1e9 });
    expect(summary).toMatchObject({ retried: 1, succeeded: 1, rescheduled: 0, dead: 0 });
    const [call] = healed.calls;
    expect(call?.ids).toEqual([bad.id]);
    expect(await store.listFailedEvents()).toEqual([]);
    expect((await store.getObject('patient', bad.uuid))?.body).toMatchObject({ lastEvent: bad.id });
  });

  it('readFeed() deletes a failed event when a later event about the same object succeeds', async () => {
    const events = makeEvents(8, { objects: 4 });
    const parent = createFakeParent({ events: events.slice(0, 4) });
    const store = createMemoryStore();
    const target = events[1] as (typeof events)[number];
    await readFeed(readOptions(parent, store, objectWritingHandler({ fail: (e: FeedEntry) => (e.id === target.id ? error : undefined) })));
    expect(await store.listFailedEvents()).toHaveLength(1);
    parent.events = events;
    await readFeed(readOptions(parent, store, objectWritingHandler()));
    expect(events[5]?.uuid).toBe(target.uuid);
    expect(await store.listFailedEvents()).toEqual([]);
  });
});

describe('readFeed() catchment', () => {
  it('readFeed() hands only entries that pass the catchment, and the marker still moves past the rest', async () => {
    const bean = 'locationBasedFilter';
    const events = makeEvents(7, { objects: 7 }).map((e, i) => ({
      ...e, filters: i % 3 === 0 ? [] : [{ bean, value: i % 3 === 1 ? 'Kenya%Nairobi%Westlands%Parklands%00100' : 'Kenya%Mombasa%Mvita%Old Town%80100' }],
    }));
    const parent = createFakeParent({ events });
    const store = createMemoryStore();
    const handler = objectWritingHandler();
    const summary = await readFeed(readOptions(parent, store, handler, { catchment: { [bean]: 'Kenya%Nairobi%*%*%*' } }));
    expect(handler.handed()).toEqual([0, 1, 3, 4, 6].map((i) => events[i]?.id));
    expect(summary).toMatchObject({ entriesSeen: 7, entriesHanded: 5, entriesFiltered: 2 });
    expect(summary.marker?.lastEntryId).toBe(events[6]?.id);
  });

  it('readFeed() writes the marker for a page whose entries were all filtered out, without calling the handler', async () => {
    const events = makeEvents(3, { objects: 3 }).map((e) => ({ ...e, filters: [{ bean: 'b', value: 'Uganda%*%*%*%*' }] }));
    const parent = createFakeParent({ events });
    const store = createMemoryStore();
    const handler = objectWritingHandler();
    await readFeed(readOptions(parent, store, handler, { catchment: { b: 'Kenya%*%*%*%*' } }));
    expect(handler.calls).toHaveLength(0);
    expect((await store.getMarker(feed))?.lastEntryId).toBe(events[2]?.id);
  });
});
