/** Fetch one feed page: GET with limits and retries, parse, and rewrite its links onto the configured base. */

import type { FeedLinks, FeedPage } from '../atom/feed-page.ts';
import { parseFeedPage } from '../atom/parse-feed-page.ts';
import { rewriteOntoBase } from '../atom/rewrite-link.ts';
import { type FetchTextOptions, fetchText } from '../http/fetch-text.ts';

/** Options of {@linkcode fetchFeedPage}: those of fetchText, with the base required. */
export interface FetchFeedPageOptions extends FetchTextOptions {
  base: string;
  /** Largest page, bytes, enforced while streaming and again by the parser. */
  maxBytes: number;
}

/**
 * GETs and parses the page at `url`. Its links come back rewritten onto `base` (OpenMRS builds
 * them from proxy headers, so their host may not be the one we use). Throws the SyncErrors of
 * fetchText and parseFeedPage; a page is never returned half-read.
 *
 * @example
 * ```ts
 * const page = await fetchFeedPage(`${base}/ws/atomfeed/patient/1`, { fetch, base, maxBytes: 1 << 20 });
 * page.links.via; // `${base}/ws/atomfeed/patient/1`
 * ```
 */
export async function fetchFeedPage(url: string, options: FetchFeedPageOptions): Promise<FeedPage> {
  const { text } = await fetchText(url, options);
  const page = parseFeedPage(text, { maxBytes: options.maxBytes });
  return { ...page, links: rewritePageLinks(page.links, options.base) };
}

/**
 * Every link of a page rewritten onto `base`.
 *
 * @example
 * ```ts
 * rewritePageLinks({ via: 'https://proxy/openmrs/ws/atomfeed/patient/2' }, 'http://127.0.0.1:8080/openmrs');
 * // { via: 'http://127.0.0.1:8080/openmrs/ws/atomfeed/patient/2' }
 * ```
 */
export function rewritePageLinks(links: FeedLinks, base: string): FeedLinks {
  const out: FeedLinks = {};
  for (const key of Object.keys(links) as (keyof FeedLinks)[]) {
    const link = links[key];
    if (link !== undefined) out[key] = rewriteOntoBase(link, base);
  }
  return out;
}
