/** Parses an OpenMRS atomfeed page (untrusted XML) into a FeedPage, or throws a SyncError: never half a page. */

import { SyncError } from '../errors/sync-error.ts';
import type { FeedLinks, FeedPage } from './feed-page.ts';
import { type FilterCache, parseEntry } from './_parse-entry.ts';
import { readXml } from './_read-xml.ts';
import { attrOf, listOf, nodeOf, textOf } from './_xml-values.ts';

/** Default page size limit: 8 MiB, far above an OpenMRS page (5 entries) or ours (100 by default). */
export const defaultMaxFeedPageBytes = 8 * 1024 * 1024;

export interface ParseFeedPageOptions {
  /** Largest page accepted, in UTF-8 bytes. @default 8 MiB ({@linkcode defaultMaxFeedPageBytes}) */
  maxBytes?: number;
}

const linkRels: Readonly<Record<string, keyof FeedLinks>> = {
  'self': 'self',
  'via': 'via',
  'prev-archive': 'prevArchive',
  'next-archive': 'nextArchive',
};

/**
 * Throws FEED_TOO_LARGE when the UTF-8 size is over the limit, without encoding when the UTF-16
 * length already decides (each unit is 1–3 bytes); a huge page is refused without being encoded.
 */
function assertSize(text: string, limit: number): void {
  if (text.length * 3 <= limit) return;
  if (text.length > limit) throw new SyncError('FEED_TOO_LARGE', { details: { limit, atLeastBytes: text.length } });
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > limit) throw new SyncError('FEED_TOO_LARGE', { details: { limit, bytes } });
}

function readLinks(value: unknown): FeedLinks {
  const links: FeedLinks = {};
  for (const item of listOf(value)) {
    const node = nodeOf(item) ?? {};
    const rel = attrOf(node, 'rel') ?? '';
    const key = linkRels[rel];
    const href = attrOf(node, 'href')?.trim();
    if (key === undefined || href === undefined || href === '') continue; // other rels carry nothing we use
    if (links[key] !== undefined) {
      throw new SyncError('FEED_MALFORMED', { message: `The page has two "${rel}" links`, details: { rel } });
    }
    links[key] = href;
  }
  return links;
}

/**
 * Parses a feed page. Entries keep page order (oldest first); ids stay strings; entry ids lose the
 * `tag:atomfeed.ict4h.org:` prefix. Throws SyncError: FEED_TOO_LARGE, FEED_DOCTYPE_REFUSED (any DTD
 * markup, refused before parsing), FEED_MALFORMED (not well-formed, root not `<feed>`, entry without
 * id, exactly one action or category term missing, unknown action), FEED_MISSING_VIA,
 * FEED_CONTENT_NOT_JSON (details.entryId).
 *
 * @example Parse an empty `recent` page
 * ```ts
 * const page = parseFeedPage(xml);
 * page.links.via; // 'https://…/openmrs/ws/atomfeed/location/0'
 * page.entries;   // []
 * ```
 */
export function parseFeedPage(xml: string, options: ParseFeedPageOptions = {}): FeedPage {
  assertSize(xml, options.maxBytes ?? defaultMaxFeedPageBytes);
  const doc = readXml(xml);
  const feed = nodeOf(doc['feed']);
  if (feed === undefined || Object.keys(doc).length !== 1) {
    throw new SyncError('FEED_MALFORMED', { message: 'The page root is not one Atom <feed> element', details: { roots: Object.keys(doc) } });
  }
  const links = readLinks(feed['link']);
  if (links.via === undefined) throw new SyncError('FEED_MISSING_VIA', { details: { self: links.self } });
  const cache: FilterCache = new Map();
  const entries = listOf(feed['entry']).map((entry, index) => parseEntry(entry, index, cache));
  const author = textOf(nodeOf(listOf(feed['author'])[0])?.['name']); // Atom allows several; OpenMRS writes one
  return {
    feedId: textOf(feed['id'])?.trim() ?? '',
    title: textOf(feed['title']) ?? '',
    updated: textOf(feed['updated'])?.trim() ?? '',
    ...(author === undefined ? {} : { author }),
    links,
    entries,
  };
}
