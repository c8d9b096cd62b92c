/** An in-memory OpenMRS-like parent: serves a category's Atom feed (recent, numbered pages, 500 past the end) and counts requests. */

import type { FeedEntry, FeedFilter, FeedPage } from '../../../src/core/atom/feed-page.ts';
import { writeFeedPage } from '../../../src/core/atom/write-feed-page.ts';
import type { FeedAction } from '../../../src/core/categories/category-table.ts';
import type { FetchLike } from '../../../src/core/ports/ports.ts';

/** The base the child is configured with. */
export const childBase = 'http://127.0.0.1:8080/openmrs';
/** The base OpenMRS builds its links from (proxy headers): another host, as in production. */
export const proxyBase = 'https://openmrs.example.org:443/openmrs';

/** An event of the fake parent's feed. */
export interface FakeEvent {
  id: string;
  uuid: string;
  action: FeedAction;
  filters?: FeedFilter[];
}

/** A deterministic event list: `count` events over `objects` distinct objects. */
export function makeEvents(count: number, options: { objects?: number; prefix?: string } = {}): FakeEvent[] {
  const { objects = Math.max(1, Math.ceil(count / 2)), prefix = 'e' } = options;
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i + 1).padStart(4, '0')}-0000-4000-8000-000000000000`,
    uuid: `u${String(i % objects).padStart(4, '0')}-0000-4000-8000-000000000000`,
    action: i < objects ? 'CREATED' : 'UPDATED',
  }));
}

/** The feed entry of an event in category `category`, with OpenMRS's content links. */
export function entryOf(event: FakeEvent, category = 'patient'): FeedEntry {
  const fhirType = category[0]?.toUpperCase() + category.slice(1);
  return {
    id: event.id, title: fhirType, updated: '2026-03-02T08:00:00Z', published: '2026-03-02T08:00:00Z', category,
    action: event.action, filters: event.filters ?? [],
    links: { rest: `/ws/rest/v1/${category}/${event.uuid}?v=full`, fhir: `/ws/fhir2/R4/${fhirType}/${event.uuid}` },
  };
}

/** A request hook: answer instead of the feed (a fault), or undefined to serve normally. */
export type Fault = (page: string, attempt: number, signal?: AbortSignal) => Response | Promise<Response> | undefined;

export interface FakeParent {
  fetch: FetchLike;
  /** Requested pages in order: `recent`, `1`, `2` … (category prefix for other categories). */
  requests: string[];
  events: FakeEvent[];
  pageSize: number;
  /** Answers for a page instead of the feed, by page name; called with the attempt count. */
  faults: Map<string, Fault>;
  /** How many times `page` was requested. */
  count(page: string): number;
  /** The URL a child uses for the feed's `recent` page. */
  recentUrl: string;
}

/**
 * A parent serving `events` as category `category`, `pageSize` per page, links built on
 * `proxyBase`, category terms shuffled per entry with a seeded generator.
 */
export function createFakeParent(options: { events?: FakeEvent[]; pageSize?: number; category?: string; seed?: number } = {}): FakeParent {
  const { pageSize = 5, category = 'patient' } = options;
  const random = seeded(options.seed ?? 7);
  const parent: FakeParent = {
    requests: [], events: options.events ?? [], pageSize, faults: new Map(),
    count: (page) => parent.requests.filter((p) => p === page).length,
    recentUrl: `${childBase}/ws/atomfeed/${category}/recent`,
    fetch: async (input) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const prefix = new URL(`${childBase}/ws/atomfeed/${category}/`);
      if (url.origin !== prefix.origin || !url.pathname.startsWith(prefix.pathname)) return new Response('not found', { status: 404 });
      const page = url.pathname.slice(prefix.pathname.length);
      parent.requests.push(page);
      const fault = parent.faults.get(page)?.(page, parent.count(page));
      if (fault) return await fault;
      const xml = servePage(parent, category, page, random);
      return xml === undefined ? new Response('page out of range', { status: 500 }) : new Response(xml, { headers: { 'content-type': 'application/atom+xml' } });
    },
  };
  return parent;
}

/** The XML of a page (`recent` or a number), or undefined where OpenMRS answers 500. */
function servePage(parent: FakeParent, category: string, page: string, random: () => number): string | undefined {
  const last = Math.ceil(parent.events.length / parent.pageSize);
  const n = page === 'recent' ? last : /^\d+$/.test(page) ? Number(page) : -1;
  if (n < 0 || n > last || (n === 0 && page !== 'recent')) return undefined;
  const root = `${proxyBase}/ws/atomfeed/${category}`;
  const events = n === 0 ? [] : parent.events.slice((n - 1) * parent.pageSize, n * parent.pageSize);
  const feedPage: FeedPage = {
    feedId: `a2ad93fd-8a7f-405f-bbc1-da4535e6d05c+${n}`, title: 'OpenMRS Feed Publisher for Sync2.0', updated: '2026-03-02T08:00:00Z',
    author: 'OpenMRS',
    links: {
      self: `${root}/${page}`, via: `${root}/${n}`,
      ...(n > 1 ? { prevArchive: `${root}/${n - 1}` } : {}), ...(n < last ? { nextArchive: `${root}/${n + 1}` } : {}),
    },
    entries: events.map((e) => entryOf(e, category)),
  };
  return shuffleTerms(writeFeedPage(feedPage), random);
}

/** OpenMRS writes category terms in no fixed order: permute each entry's run of `<category>` lines. */
function shuffleTerms(xml: string, random: () => number): string {
  return xml.replace(/(?:[ \t]*<category term="[^"]*" \/>\n)+/g, (block) => {
    const lines = block.split('\n').filter((l) => l !== '');
    for (let i = lines.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    }
    return `${lines.join('\n')}\n`;
  });
}

/** A small seeded generator (mulberry32), so page XML is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
