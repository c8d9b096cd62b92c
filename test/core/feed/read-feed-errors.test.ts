import { describe, expect, it } from 'vitest';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { instantSleep, rejectionOf, untilAborted } from '../http/_fake-http.ts';
import { childBase, createFakeParent, makeEvents } from './_fake-parent.ts';
import { objectWritingHandler, readOptions, stateOf } from './_reader-kit.ts';

const pageUrl = (n: number): string => `${childBase}/ws/atomfeed/patient/${n}`;

describe('readFeed() on bad pages', () => {
  it('readFeed() stops on a malformed page with FEED_MALFORMED, leaving earlier pages applied and nothing of it', async () => {
    const parent = createFakeParent({ events: makeEvents(15) });
    parent.faults.set('2', () => new Response('<feed><entry>'));
    const store = createMemoryStore();
    const handler = objectWritingHandler();
    const error = await rejectionOf(readFeed(readOptions(parent, store, handler)));
    expect(error.code).toBe('FEED_MALFORMED');
    expect(handler.calls).toHaveLength(1);
    const state = await stateOf(store);
    expect(state.changes.map((c) => c.eventId)).toEqual(parent.events.slice(0, 5).map((e) => e.id));
    expect(state.markers).toEqual([expect.objectContaining({ pageUrl: pageUrl(1), lastEntryId: parent.events[4]?.id })]);

    parent.faults.clear();
    const resumed = objectWritingHandler();
    await readFeed(readOptions(parent, store, resumed));
    expect(resumed.handed()).toEqual(parent.events.slice(5).map((e) => e.id));
  });

  it('readFeed() refuses a DOCTYPE page and an oversize page without applying anything', async () => {
    const parent = createFakeParent({ events: makeEvents(4) });
    const store = createMemoryStore();
    parent.faults.set('recent', () => new Response('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><feed/>'));
    expect((await rejectionOf(readFeed(readOptions(parent, store, objectWritingHandler())))).code).toBe('FEED_DOCTYPE_REFUSED');
    parent.faults.clear();
    const error = await rejectionOf(readFeed(readOptions(parent, store, objectWritingHandler(), { maxPageBytes: 500 })));
    expect(error.code).toBe('FEED_TOO_LARGE');
    expect(await stateOf(store)).toEqual({ objects: [], changes: [], markers: [] });
  });

  it('readFeed() stops with FEED_MISSING_VIA on a page without a via link', async () => {
    const parent = createFakeParent({ events: makeEvents(4) });
    parent.faults.set('recent', () => new Response('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>u</updated></feed>'));
    const error = await rejectionOf(readFeed(readOptions(parent, createMemoryStore(), objectWritingHandler())));
    expect(error.code).toBe('FEED_MISSING_VIA');
  });
});

describe('readFeed() over a flaky network', () => {
  it('readFeed() retries 500s and timeouts, then reads everything', async () => {
    const parent = createFakeParent({ events: makeEvents(15) });
    parent.faults.set('2', (_p, attempt) => (attempt <= 2 ? new Response('busy', { status: 500 }) : undefined));
    parent.faults.set('1', (_p, attempt) => (attempt === 1 ? untilAborted(undefined) : undefined));
    const { sleep, delays } = instantSleep();
    const handler = objectWritingHandler();
    await readFeed(readOptions(parent, createMemoryStore(), handler, { sleep, timeoutMs: 20 }));
    expect(handler.handed()).toEqual(parent.events.map((e) => e.id));
    expect([parent.count('1'), parent.count('2'), parent.count('recent')]).toEqual([2, 3, 1]);
    expect(delays).toHaveLength(3);
  });

  it('readFeed() gives up after the retries with the HTTP error; the marker stays at the last applied page', async () => {
    const parent = createFakeParent({ events: makeEvents(20) });
    parent.faults.set('3', () => new Response('down', { status: 503 }));
    const store = createMemoryStore();
    const error = await rejectionOf(readFeed(readOptions(parent, store, objectWritingHandler(), { retry: { retries: 2 } })));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.details).toMatchObject({ status: 503, url: pageUrl(3), attempts: 3 });
    expect(parent.count('3')).toBe(3);
    expect((await store.listMarkers())[0]?.pageUrl).toBe(pageUrl(2));
  });

  it('readFeed() turns a 401 into PARENT_UNAUTHORIZED at once', async () => {
    const parent = createFakeParent({ events: makeEvents(4) });
    parent.faults.set('recent', () => new Response('', { status: 401 }));
    expect((await rejectionOf(readFeed(readOptions(parent, createMemoryStore(), objectWritingHandler())))).code).toBe('PARENT_UNAUTHORIZED');
    expect(parent.requests).toEqual(['recent']);
  });
});

describe('readFeed() cancellation', () => {
  it('readFeed() makes no request when already cancelled', async () => {
    const parent = createFakeParent({ events: makeEvents(4) });
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(readFeed(readOptions(parent, createMemoryStore(), objectWritingHandler(), { signal: controller.signal })));
    expect(error.code).toBe('ABORTED');
    expect(parent.requests).toEqual([]);
  });

  it('readFeed() applies nothing of the page being handled when cancelled, and never writes the marker after', async () => {
    const parent = createFakeParent({ events: makeEvents(15) });
    const controller = new AbortController();
    const handler = objectWritingHandler({ during: (_e, context) => { if (context.pageUrl === pageUrl(2)) controller.abort(); } });
    const store = createMemoryStore();
    const error = await rejectionOf(readFeed(readOptions(parent, store, handler, { signal: controller.signal })));
    expect(error.code).toBe('ABORTED');
    const state = await stateOf(store);
    expect(state.changes).toHaveLength(5);
    expect(state.markers.map((m) => m.pageUrl)).toEqual([pageUrl(1)]);
  });

  it('readFeed() stops waiting for a page when cancelled mid-request', async () => {
    const parent = createFakeParent({ events: makeEvents(15) });
    const controller = new AbortController();
    parent.faults.set('2', (_p, _a) => { queueMicrotask(() => controller.abort()); return untilAborted(controller.signal); });
    const store = createMemoryStore();
    const error = await rejectionOf(readFeed(readOptions(parent, store, objectWritingHandler(), { signal: controller.signal, prefetch: 0 })));
    expect(error.code).toBe('ABORTED');
    expect((await stateOf(store)).markers.map((m) => m.pageUrl)).toEqual([pageUrl(1)]);
  });
});
