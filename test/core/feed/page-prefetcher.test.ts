import { describe, expect, it } from 'vitest';
import type { FeedPage } from '../../../src/core/atom/feed-page.ts';
import { createPagePrefetcher } from '../../../src/core/feed/page-prefetcher.ts';

const page = (n: number): FeedPage => ({ feedId: `f+${n}`, title: '', updated: '', links: { via: `/${n}` }, entries: [] });

function loader() {
  const loads: number[] = [];
  const signals: AbortSignal[] = [];
  const load = async (n: number, signal: AbortSignal): Promise<FeedPage> => {
    loads.push(n);
    signals.push(signal);
    if (n === 13) throw new Error('bad page');
    return page(n);
  };
  return { load, loads, signals };
}

describe('createPagePrefetcher()', () => {
  it('take() starts the next `ahead` pages, never past the last, and never loads a page twice', async () => {
    const { load, loads } = loader();
    const pages = createPagePrefetcher(load, { last: 5, ahead: 2 });
    for (let n = 1; n <= 5; n += 1) expect((await pages.take(n)).feedId).toBe(`f+${n}`);
    expect(loads).toEqual([1, 2, 3, 4, 5]);
  });

  it('seed() hands out a page in hand without loading it', async () => {
    const { load, loads } = loader();
    const pages = createPagePrefetcher(load, { last: 3, ahead: 5 });
    pages.seed(3, page(99));
    await pages.take(2);
    expect((await pages.take(3)).feedId).toBe('f+99');
    expect(loads).toEqual([2]);
  });

  it('extendTo() lets the window grow past the first known last page', async () => {
    const { load, loads } = loader();
    const pages = createPagePrefetcher(load, { last: 1, ahead: 2 });
    await pages.take(1);
    pages.extendTo(3);
    expect(pages.last).toBe(3);
    await pages.take(2);
    expect(loads).toEqual([1, 2, 3]);
  });

  it('a failed prefetch is reported when that page is taken', async () => {
    const { load } = loader();
    const pages = createPagePrefetcher(load, { last: 14, ahead: 1 });
    await pages.take(12);
    await expect(pages.take(13)).rejects.toThrow('bad page');
  });

  it('close() and the caller signal abort the loads in flight', async () => {
    const { load, signals } = loader();
    const caller = new AbortController();
    const pages = createPagePrefetcher(load, { last: 5, ahead: 1, signal: caller.signal });
    await pages.take(1);
    caller.abort();
    expect(signals.every((s) => s.aborted)).toBe(true);
    const other = loader();
    const closing = createPagePrefetcher(other.load, { last: 5, ahead: 1 });
    await closing.take(1);
    closing.close();
    expect(other.signals.every((s) => s.aborted)).toBe(true);
  });
});
