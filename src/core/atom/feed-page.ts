/** The typed value of one Atom feed page, as the OpenMRS atomfeed module writes it. */

import type { FeedAction } from '../categories/category-table.ts';

/** Links of a page; absent ones are undefined. `self` and `via` are absolute URLs. */
export interface FeedLinks {
  self?: string;
  via?: string;
  prevArchive?: string;
  nextArchive?: string;
}

/** A catchment filter term: bean name and a `country%state%county%city%postal` value. */
export interface FeedFilter {
  bean: string;
  value: string;
}

export interface FeedEntry {
  /** Event id: the uuid after `tag:atomfeed.ict4h.org:` (the raw id when it has no such prefix). */
  id: string;
  title: string;
  updated: string;
  published: string;
  /** The feed category term (e.g. `patient`). */
  category: string;
  action: FeedAction;
  filters: FeedFilter[];
  /** Client name → path relative to the base (e.g. `fhir` → `/ws/fhir2/R4/Patient/…`). */
  links: Record<string, string>;
}

export interface FeedPage {
  /** Feed id (`{uuid}+{n}`), kept as a string. */
  feedId: string;
  title: string;
  updated: string;
  /** The feed author's name (`<author><name>`); absent when the page has none. */
  author?: string;
  links: FeedLinks;
  /** Entries oldest first, as on the page. */
  entries: FeedEntry[];
}
