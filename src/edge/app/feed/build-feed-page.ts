/** Builds one page of a category's feed from change-log rows, in the shape openmrs-module-atomfeed serves. */

import type { FeedEntry, FeedFilter, FeedPage } from '../../../core/atom/feed-page.ts';
import { parseFeedFilterTerm } from '../../../core/atom/feed-filter-term.ts';
import type { CategoryInfo } from '../../../core/categories/category-table.ts';
import type { ChangeRow, StoredObject } from '../../../core/store/store-port.ts';
import { contentLinks } from './content-links.ts';

export const feedTitle = 'OpenMRS Feed Publisher for Sync2.0';
export const feedAuthor = 'OpenMRS Sync 2.0 edge node';

export interface FeedPageInput {
  category: string;
  /** Page number; 0 for the `recent` page of an empty feed. */
  number: number;
  /** Number of the last page (0 for an empty feed). */
  last: number;
  /** Absolute URL the page was asked under. */
  self: string;
  /** Absolute URL of the feed, without the page: `{origin}/openmrs/ws/atomfeed/{category}`. */
  feedUrl: string;
  instanceId: string;
  /** The page's rows, oldest first. */
  rows: readonly ChangeRow[];
  /** Objects of the rows by uuid (those this node holds). */
  objects: ReadonlyMap<string, StoredObject>;
  categories: readonly CategoryInfo[];
  /** Clock time shown as `updated` of a page without entries. */
  emptyUpdated: number;
}

/** Atom time as OpenMRS writes it: seconds, UTC, `Z`. */
export function atomTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The page as a value for `writeFeedPage`: id `{instanceId}+{n}`, links `self`, `via` (`/{n}`),
 * `prev-archive` (n > 1) and `next-archive` (n < last), entries with id = event id, category and
 * action terms, the row's catchment filters and the content links of {@linkcode contentLinks}.
 *
 * @example The recent page of an empty feed
 * ```ts
 * buildFeedPage({ ...input, number: 0, last: 0, rows: [] }).links.via; // '…/atomfeed/patient/0'
 * ```
 */
export function buildFeedPage(input: FeedPageInput): FeedPage {
  const { number, last, feedUrl } = input;
  const links: FeedPage['links'] = { self: input.self, via: `${feedUrl}/${number}` };
  if (number > 1) links.prevArchive = `${feedUrl}/${number - 1}`;
  if (number >= 1 && number < last) links.nextArchive = `${feedUrl}/${number + 1}`;
  const lastRow = input.rows.at(-1);
  return {
    feedId: `${input.instanceId}+${number}`,
    title: feedTitle,
    updated: atomTime(lastRow ? lastRow.at : input.emptyUpdated),
    author: feedAuthor,
    links,
    entries: input.rows.map((row) => entryOf(row, input)),
  };
}

function entryOf(row: ChangeRow, input: FeedPageInput): FeedEntry {
  const time = atomTime(row.at);
  return {
    id: row.eventId,
    title: titleOf(row.category),
    updated: time,
    published: time,
    category: row.category,
    action: row.action,
    filters: filtersOf(row.filters),
    links: contentLinks(row.category, row.uuid, input.objects.get(row.uuid), input.categories),
  };
}

/** `person_name` → `Person Name`, as OpenMRS titles entries by object type. */
function titleOf(category: string): string {
  return category.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

// Terms were logged as raw feedFilter XML; one that cannot be read cannot be served either.
function filtersOf(terms: readonly string[] | undefined): FeedFilter[] {
  const filters: FeedFilter[] = [];
  for (const term of terms ?? []) {
    try {
      filters.push(parseFeedFilterTerm(term));
    } catch {
      // left out: a malformed term would make the page unreadable for every child
    }
  }
  return filters;
}
