/** Object fetches started for a page before it is handled, so fetching overlaps applying the page before. */

import type { FeedEntry } from '../../atom/feed-page.ts';
import type { FetchOutcome, ObjectRequest, ResourceManager } from '../../clients/resource-manager.ts';
import { type CoalescedObject, coalesceEntries, objectKey } from './coalesce-entries.ts';

/**
 * Pages whose early fetches are kept at most; older ones are dropped. The reader looks ahead as
 * many pages as it prefetches (at most 20 by configuration), and must never lose one it will use.
 */
const keptPages = 24;

interface EarlyPage {
  keys: Set<string>;
  outcomes: Promise<FetchOutcome[]>;
}

/** Early fetches by page, and the fetch of a page's objects that uses them. */
export interface EarlyFetches {
  /** Starts fetching the objects of a page's entries (the reader's look-ahead). */
  start(entries: readonly FeedEntry[], context: { pageUrl: string; signal: AbortSignal }): void;
  /**
   * The outcomes of `objects` (those that need a fetch): from the page's early fetch where it
   * asked for the same object at the same entry, fetched now otherwise. Throws what fetching throws.
   */
  fetch(objects: readonly CoalescedObject[], context: { pageUrl: string; signal?: AbortSignal }): Promise<FetchOutcome[]>;
}

/** An object's request as the pull sends it. */
export function requestOf(o: CoalescedObject): ObjectRequest {
  return { category: o.category, uuid: o.uuid, action: o.last.action, links: { ...o.last.links } };
}

const keyOf = (o: CoalescedObject): string => `${objectKey(o.category, o.uuid)}\u0000${o.last.id}`;

/**
 * Early fetches over `resourceManager`. A page's early outcomes are used once; outcomes for objects
 * the handler does not ask for are dropped, and objects it asks for that were not fetched early
 * (or were fetched for another entry) are fetched then.
 */
export function createEarlyFetches(resourceManager: ResourceManager): EarlyFetches {
  const pages = new Map<string, EarlyPage>();
  return {
    start(entries, { pageUrl, signal }) {
      if (pages.has(pageUrl)) return;
      const wanted = coalesceEntries(entries).objects.filter((o) => o.fetch);
      if (wanted.length === 0) return;
      const outcomes = resourceManager.fetchObjects(wanted.map(requestOf), { signal });
      outcomes.catch(() => {}); // reported when the page is handled, not as unhandled
      pages.set(pageUrl, { keys: new Set(wanted.map(keyOf)), outcomes });
      for (const old of pages.keys()) if (pages.size > keptPages) pages.delete(old);
    },
    async fetch(objects, { pageUrl, signal }) {
      const page = pageUrl === '' ? undefined : pages.get(pageUrl);
      pages.delete(pageUrl);
      const late = page === undefined ? objects : objects.filter((o) => !page.keys.has(keyOf(o)));
      const [earlyOutcomes, lateOutcomes] = await Promise.all([
        late.length < objects.length ? page?.outcomes ?? [] : [],
        late.length > 0 ? resourceManager.fetchObjects(late.map(requestOf), signal ? { signal } : {}) : [],
      ]);
      return [...earlyOutcomes, ...lateOutcomes];
    },
  };
}
