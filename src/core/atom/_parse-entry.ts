/** Reads one Atom `<entry>` of an OpenMRS feed page into a FeedEntry. */

import { type FeedAction, feedActions } from '../categories/category-table.ts';
import { SyncError } from '../errors/sync-error.ts';
import type { FeedEntry, FeedFilter } from './feed-page.ts';
import { isFeedFilterTerm, parseFeedFilterTerm } from './feed-filter-term.ts';
import { attrOf, listOf, nodeOf, textOf } from './_xml-values.ts';

/** Prefix OpenMRS puts before every event uuid. */
export const eventIdPrefix = 'tag:atomfeed.ict4h.org:';

const actions: ReadonlySet<string> = new Set(feedActions);

/** Parsed feedFilter terms by raw term: a page repeats the same few filters many times. */
export type FilterCache = Map<string, FeedFilter>;

function malformed(message: string, details: Record<string, unknown>): SyncError {
  return new SyncError('FEED_MALFORMED', { message, details });
}

function readTerms(value: unknown, entryId: string): string[] {
  return listOf(value).map((category) => {
    const node = nodeOf(category);
    const term = node === undefined ? undefined : attrOf(node, 'term');
    if (term === undefined) throw malformed('An entry category has no term', { entryId });
    return term;
  });
}

interface Terms { category: string; action: FeedAction; filters: FeedFilter[] }

/** Sorts an entry's terms, which come in no fixed order, into category, action and filters. */
function classifyTerms(terms: string[], entryId: string, cache: FilterCache): Terms {
  const plain: string[] = [];
  const found: string[] = [];
  const filters: FeedFilter[] = [];
  for (const raw of terms) {
    if (isFeedFilterTerm(raw)) {
      let filter = cache.get(raw);
      if (filter === undefined) cache.set(raw, (filter = parseFeedFilterTerm(raw, { entryId })));
      filters.push(filter);
    } else if (actions.has(raw.trim())) found.push(raw.trim());
    else plain.push(raw.trim());
  }
  const [action] = found;
  if (action === undefined || found.length > 1) {
    const unknown = plain.filter((t) => /^[A-Z_]+$/.test(t));
    const message = found.length > 1 ? 'An entry has several action terms'
      : unknown.length > 0 ? `An entry has an unknown action term "${unknown[0]}"` : 'An entry has no action term';
    throw malformed(message, { entryId, terms: [...found, ...plain] });
  }
  const [category] = plain;
  if (category === undefined || category === '' || plain.length > 1) {
    throw malformed('An entry needs exactly one category term besides its action and filters', { entryId, terms: plain });
  }
  return { category, action: action as FeedAction, filters: filters.map((f) => ({ ...f })) };
}

/** The content's JSON map of client name → path; anything else is FEED_CONTENT_NOT_JSON. */
function readLinks(content: unknown, entryId: string): Record<string, string> {
  const json = textOf(content, { entryId });
  let value: unknown;
  try {
    value = json === undefined ? undefined : JSON.parse(json);
  } catch (cause) {
    throw new SyncError('FEED_CONTENT_NOT_JSON', { details: { entryId }, cause });
  }
  const isMap = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isMap || !Object.values(value as object).every((v) => typeof v === 'string')) {
    throw new SyncError('FEED_CONTENT_NOT_JSON', { details: { entryId } });
  }
  return value as Record<string, string>;
}

/** Reads one entry; `index` names it in errors when it has no id. Throws SyncError, never returns half an entry. */
export function parseEntry(value: unknown, index: number, cache: FilterCache): FeedEntry {
  const node = nodeOf(value);
  const rawId = textOf(node?.['id'], { entryIndex: index })?.trim() ?? '';
  const id = rawId.startsWith(eventIdPrefix) ? rawId.slice(eventIdPrefix.length) : rawId;
  if (node === undefined || id === '') throw malformed('An entry has no id', { entryIndex: index });
  const terms = classifyTerms(readTerms(node['category'], id), id, cache);
  return {
    id,
    title: textOf(node['title'], { entryId: id }) ?? '',
    updated: textOf(node['updated'], { entryId: id })?.trim() ?? '',
    published: textOf(node['published'], { entryId: id })?.trim() ?? '',
    ...terms,
    links: readLinks(node['content'], id),
  };
}
