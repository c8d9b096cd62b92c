import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../../../src/core/atom/feed-page.ts';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import type { FeedLookAhead } from '../../../src/core/feed/read-feed-types.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { rejectionOf } from '../http/_fake-http.ts';
import { childBase, createFakeParent, makeEvents } from './_fake-parent.ts';
import { objectWritingHandler, readOptions } from './_reader-kit.ts';

const pageUrl = (n: number): string => `${childBase}/ws/atomfeed/patient/${n}`;
const pageOf = (url: string): number => Number(url.slice(url.lastIndexOf('/') + 1));

/** Lets other tasks run (a macrotask at a time) until `done()` holds, at most `ticks` times. */
async function until(done: () => boolean, ticks = 200): Promise<void> {
  for (let i = 0; i < ticks && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A look-ahead hook that records what it is told. */
function recordingLookAhead(log: string[] = []) {
  const looks: { page: number; ids: string[]; entries: readonly FeedEntry[]; signal: AbortSignal }[] = [];
  const lookAhead: FeedLookAhead = (entries, { pageUrl: url, signal }) => {
    looks.push({ page: pageOf(url), ids: entries.map((e) => e.id), entries, signal });
    log.push(`look ${pageOf(url)}`);
  };
  // Pages arrive in any order (recent is in hand first): sorted by page number.
  const sorted = () => [...looks].sort((a, b) => a.page - b.page);
  return { lookAhead, looks: sorted, pages: () => sorted().map((l) => l.page) };
}

describe('readFeed() look-ahead', () => {
  it('readFeed() tells lookAhead of each page after the first, with its entries and via URL, while a page before it is handled', async () => {
    const parent = createFakeParent({ events: makeEvents(23) }); // pages 1-5
    const log: string[] = [];
    const hook = recordingLookAhead(log);
    const handler = objectWritingHandler({
      during: async (_entries, context) => {
        const n = pageOf(context.pageUrl);
        log.push(`start ${n}`);
        await until(() => n === 5 || hook.pages().includes(n + 1));
        log.push(`end ${n}`);
      },
    });
    await readFeed(readOptions(parent, createMemoryStore(), handler, { lookAhead: hook.lookAhead }));
    expect(hook.pages()).toEqual([2, 3, 4, 5]);
    expect(hook.looks().map((l) => l.ids)).toEqual(handler.calls.slice(1).map((c) => c.ids));
    expect(handler.calls.slice(1).map((c) => c.context.pageUrl)).toEqual([2, 3, 4, 5].map(pageUrl));
    // Page n is told of before page n - 1's handling ends (the handler waits for it, boundedly);
    // with the default prefetch of 2, page n + 2 is told of while page n is handled.
    for (let n = 2; n <= 5; n += 1) expect([n, log.indexOf(`look ${n}`) < log.indexOf(`end ${n - 1}`)]).toEqual([n, true]);
    expect(parent.requests.filter((p) => p !== 'recent').sort()).toEqual(['1', '2', '3', '4']);
  });

  it('readFeed() hands lookAhead the catchment-filtered entries, the same the handler gets for that page', async () => {
    const events = makeEvents(15).map((event, i) => ({
      ...event, filters: [{ bean: 'loc', value: i % 3 === 0 ? 'Kenya%Mombasa%%%' : 'Kenya%Nairobi%%%' }],
    }));
    const parent = createFakeParent({ events });
    const hook = recordingLookAhead();
    const handler = objectWritingHandler();
    const catchment = { loc: 'Kenya%Nairobi%*%*%*' };
    await readFeed(readOptions(parent, createMemoryStore(), handler, { lookAhead: hook.lookAhead, catchment }));
    expect(hook.pages()).toEqual([2, 3]);
    expect(hook.looks().map((l) => l.ids)).toEqual(handler.calls.slice(1).map((c) => c.ids));
    const kept = events.filter((_, i) => i % 3 !== 0).map((e) => e.id);
    expect(hook.looks().flatMap((l) => l.ids)).toEqual(kept.filter((id) => !handler.calls[0]?.ids.includes(id)));
    expect(hook.looks().every((l) => l.entries.every((e) => e.filters.every((f) => f.value.startsWith('Kenya%Nairobi'))))).toBe(true);
  });

  it('readFeed() never looks ahead at the start page nor past the last page, and fetches each page once', async () => {
    const parent = createFakeParent({ events: makeEvents(12) }); // pages 1-3
    const store = createMemoryStore();
    const first = recordingLookAhead();
    await readFeed(readOptions(parent, store, objectWritingHandler(), { lookAhead: first.lookAhead }));
    expect(first.pages()).toEqual([2, 3]);

    parent.events.push(...makeEvents(10, { prefix: 'f' })); // pages 3 (now full), 4 and 5
    parent.requests.length = 0;
    const second = recordingLookAhead();
    const handler = objectWritingHandler();
    await readFeed(readOptions(parent, store, handler, { lookAhead: second.lookAhead }));
    expect(handler.calls.map((c) => pageOf(c.context.pageUrl))).toEqual([3, 4, 5]);
    expect(second.pages()).toEqual([4, 5]);
    expect(parent.requests).toEqual(['recent', '3', '4']);
  });

  it('readFeed() looks ahead with no prefetch too, still fetching each page once', async () => {
    const parent = createFakeParent({ events: makeEvents(23) });
    const hook = recordingLookAhead();
    const handler = objectWritingHandler();
    await readFeed(readOptions(parent, createMemoryStore(), handler, { lookAhead: hook.lookAhead, prefetch: 0 }));
    expect(hook.pages()).toEqual([2, 3, 4, 5]);
    expect(handler.handed()).toEqual(parent.events.map((e) => e.id));
    expect([...parent.requests].sort()).toEqual(['1', '2', '3', '4', 'recent']);
  });

  it('readFeed() does not look ahead on a one-page feed or an empty one', async () => {
    for (const count of [3, 0]) {
      const hook = recordingLookAhead();
      await readFeed(readOptions(createFakeParent({ events: makeEvents(count) }), createMemoryStore(), objectWritingHandler(), { lookAhead: hook.lookAhead }));
      expect([count, hook.looks().length]).toEqual([count, 0]);
    }
  });

  it('readFeed() does not look ahead at a page that fails to load and fails as it would without a look-ahead', async () => {
    const failing = () => {
      const parent = createFakeParent({ events: makeEvents(23) });
      parent.faults.set('3', () => new Response('busy', { status: 500 }));
      return parent;
    };
    const plain = await rejectionOf(readFeed(readOptions(failing(), createMemoryStore(), objectWritingHandler(), { retry: { retries: 0 }, prefetch: 2 })));
    const hook = recordingLookAhead();
    const handler = objectWritingHandler();
    const store = createMemoryStore();
    const error = await rejectionOf(readFeed(readOptions(failing(), store, handler, { retry: { retries: 0 }, lookAhead: hook.lookAhead, prefetch: 2 })));
    expect(error.code).toBe(plain.code);
    expect(hook.pages()).toEqual([2]);
    expect(handler.calls.map((c) => pageOf(c.context.pageUrl))).toEqual([1, 2]);
    expect((await store.listMarkers())[0]?.pageUrl).toBe(pageUrl(2));
  });

  it('readFeed() aborts the look-ahead signal when the read ends, and not before', async () => {
    const hook = recordingLookAhead();
    const seenOpen: boolean[] = [];
    const handler = objectWritingHandler({ during: () => { seenOpen.push(...hook.looks().map((l) => !l.signal.aborted)); } });
    await readFeed(readOptions(createFakeParent({ events: makeEvents(23) }), createMemoryStore(), handler, { lookAhead: hook.lookAhead }));
    expect(seenOpen.length).toBeGreaterThan(0);
    expect(seenOpen.every(Boolean)).toBe(true);
    expect(hook.looks().length).toBe(4);
    expect(hook.looks().every((l) => l.signal.aborted)).toBe(true);
  });

  it('readFeed() aborts the look-ahead signal when the read fails or is cancelled', async () => {
    const failing = createFakeParent({ events: makeEvents(23) });
    failing.faults.set('4', () => new Response('<feed><entry>'));
    const failed = recordingLookAhead();
    await rejectionOf(readFeed(readOptions(failing, createMemoryStore(), objectWritingHandler(), { lookAhead: failed.lookAhead, prefetch: 2 })));
    expect(failed.looks().length).toBeGreaterThan(0);
    expect(failed.looks().every((l) => l.signal.aborted)).toBe(true);

    const controller = new AbortController();
    const cancelled = recordingLookAhead();
    const handler = objectWritingHandler({
      during: async (_entries, context) => {
        if (pageOf(context.pageUrl) !== 2) return;
        await until(() => cancelled.pages().includes(3));
        controller.abort();
      },
    });
    const error = await rejectionOf(readFeed(readOptions(createFakeParent({ events: makeEvents(23) }), createMemoryStore(), handler, {
      lookAhead: cancelled.lookAhead, signal: controller.signal, prefetch: 1,
    })));
    expect(error.code).toBe('ABORTED');
    expect(cancelled.pages()).toEqual([2, 3]);
    expect(cancelled.looks().every((l) => l.signal.aborted)).toBe(true);
  });
});
