import { describe, expect, it } from 'vitest';
import { autoPrefetchPages } from '../../../src/core/feed/prefetch-depth.ts';
import { readFeed } from '../../../src/core/feed/read-feed.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { createFakeParent, makeEvents } from './_fake-parent.ts';
import { objectWritingHandler, readOptions } from './_reader-kit.ts';

/** The numbered pages requested so far (not `recent`). */
const numbered = (requests: readonly string[]): number[] => requests.filter((r) => r !== 'recent').map(Number);

describe('autoPrefetchPages()', () => {
  it('autoPrefetchPages() keeps about a thousand entries ahead, from 2 to 8 pages', () => {
    expect([1, 5, 100, 125, 126, 334, 500, 1000, 5000].map(autoPrefetchPages)).toEqual([8, 8, 8, 8, 8, 3, 2, 2, 2]);
    expect(autoPrefetchPages(0)).toBe(8);
  });

  it('readFeed() without a configured prefetch fetches as many pages ahead as the page size asks', async () => {
    const parent = createFakeParent({ events: makeEvents(60), pageSize: 5 }); // 12 pages of 5
    const seen: number[][] = [];
    const handler = objectWritingHandler({ during: () => { seen.push(numbered(parent.requests)); } });
    await readFeed(readOptions(parent, createMemoryStore(), handler));
    // While page 1 is handled, pages 2 to 9 are on their way: 8 ahead, as pages of 5 ask.
    expect(Math.max(...(seen[0] ?? []))).toBe(9);
    expect(numbered(parent.requests).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('readFeed() with a configured prefetch keeps to it', async () => {
    const parent = createFakeParent({ events: makeEvents(60), pageSize: 5 });
    const seen: number[][] = [];
    const handler = objectWritingHandler({ during: () => { seen.push(numbered(parent.requests)); } });
    await readFeed(readOptions(parent, createMemoryStore(), handler, { prefetch: 2 }));
    expect(Math.max(...(seen[0] ?? []))).toBe(3);
  });
});
