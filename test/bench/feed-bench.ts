/** Benchmark of the feed reader: a 10,000-event feed (100 pages of 100) read over loopback HTTP; prints pages and entries per second. */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedEntry, FeedPage } from '../../src/core/atom/feed-page.ts';
import { writeFeedPage } from '../../src/core/atom/write-feed-page.ts';
import { readFeed } from '../../src/core/feed/read-feed.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';

const pageCount = 100;
const pageSize = 100;
/** Links are built on another host, as OpenMRS does behind a proxy: the reader rewrites them. */
const proxyRoot = 'https://openmrs.example.org:443/openmrs/ws/atomfeed/patient';

function uuid(n: number): string {
  return `a2ad93fd-8a7f-405f-bbc1-${n.toString(16).padStart(12, '0')}`;
}

function entry(i: number): FeedEntry {
  const object = uuid(1_000_000 + (i % 2_500));
  return {
    id: uuid(i), title: 'Patient', updated: '2026-03-02T08:00:07Z', published: '2026-03-02T08:00:07Z',
    category: 'patient', action: i < 2_500 ? 'CREATED' : 'UPDATED',
    filters: i % 4 === 0 ? [{ bean: 'locationFilter', value: 'Kenya%Nairobi%Westlands%Parklands%00100' }] : [],
    links: { rest: `/ws/rest/v1/patient/${object}?v=full`, fhir: `/ws/fhir2/R4/Patient/${object}` },
  };
}

/** The XML of pages 1..100, written once. */
function buildPages(): string[] {
  return Array.from({ length: pageCount }, (_, p) => {
    const n = p + 1;
    const page: FeedPage = {
      feedId: `a2ad93fd-8a7f-405f-bbc1-da4535e6d05c+${n}`, title: 'OpenMRS Feed Publisher for Sync2.0',
      updated: '2026-03-02T08:01:10Z', author: 'OpenMRS',
      links: {
        self: `${proxyRoot}/${n}`, via: `${proxyRoot}/${n}`,
        ...(n > 1 ? { prevArchive: `${proxyRoot}/${n - 1}` } : {}), ...(n < pageCount ? { nextArchive: `${proxyRoot}/${n + 1}` } : {}),
      },
      entries: Array.from({ length: pageSize }, (_, i) => entry(p * pageSize + i)),
    };
    return writeFeedPage(page);
  });
}

/** Serves the pages at /openmrs/ws/atomfeed/patient/{n|recent}, answering after `delayMs` (a simulated round trip). */
async function serve(pages: string[], delayMs: () => number): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '').replace(/^\/openmrs\/ws\/atomfeed\/patient\//, '');
    const n = name === 'recent' ? pageCount : Number(name);
    const xml = Number.isInteger(n) && n >= 1 && n <= pageCount ? pages[n - 1] : undefined;
    setTimeout(() => {
      if (xml === undefined) res.writeHead(500).end('out of range');
      else res.writeHead(200, { 'content-type': 'application/atom+xml;charset=UTF-8' }).end(xml);
    }, delayMs());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}/openmrs` };
}

/** One full read from a fresh store; returns seconds taken and what was read. */
async function timeRead(base: string, prefetch: number): Promise<{ seconds: number; pages: number; entries: number }> {
  const start = performance.now();
  const summary = await readFeed({
    feedUrl: `${base}/ws/atomfeed/patient/recent`, base, fetch: globalThis.fetch.bind(globalThis), store: createMemoryStore(),
    now: Date.now, prefetch, catchment: { locationFilter: 'Kenya%*%*%*%*' }, handle: async () => ({ plan: {} }),
  });
  return { seconds: (performance.now() - start) / 1000, pages: summary.pagesRead, entries: summary.entriesSeen };
}

function report(label: string, r: { seconds: number; pages: number; entries: number }): void {
  const perSecond = (n: number): string => Math.round(n / r.seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(34)} ${r.pages} pages, ${r.entries} entries in ${r.seconds.toFixed(2)} s: ` +
    `${perSecond(r.pages)} pages/s, ${perSecond(r.entries)} entries/s`);
}

/** Prints the reader's throughput over loopback, without and with a simulated 20 ms round trip; asserts nothing. */
export async function benchFeed(): Promise<void> {
  const pages = buildPages();
  console.log(`feed: ${pageCount} pages × ${pageSize} entries, ${(pages.reduce((s, p) => s + p.length, 0) / 1e6).toFixed(1)} MB of XML`);
  const local = await serve(pages, () => 0);
  try {
    await timeRead(local.base, 2); // warm-up: JIT, sockets
    for (const prefetch of [0, 2, 4]) report(`loopback, prefetch ${prefetch}`, await timeRead(local.base, prefetch));
  } finally {
    local.server.closeAllConnections();
    await new Promise((resolve) => local.server.close(resolve));
  }
  const slow = await serve(pages, () => 20);
  try {
    for (const prefetch of [0, 2, 4]) report(`20 ms round trip, prefetch ${prefetch}`, await timeRead(slow.base, prefetch));
  } finally {
    slow.server.closeAllConnections();
    await new Promise((resolve) => slow.server.close(resolve));
  }
}
