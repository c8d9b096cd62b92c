/** Where a feed read starts, from the stored marker and the feed's last page number. */

import type { FeedMarker } from '../store/store-port.ts';
import type { FeedWarning } from './feed-warning.ts';
import { pageNumberOf } from './feed-page-url.ts';

/** The first page to read, the entry to skip up to on it, and a warning when the marker is unusable. */
export interface ReadStart {
  page: number;
  afterEntryId?: string;
  warning?: FeedWarning;
}

/**
 * Without a marker (or with a reset one, holding no page): page 1. With one: its page, after its
 * last entry. A marker whose page number is unreadable or past `lastPage` starts again at page 1
 * with a warning: the replay is idempotent, stopping forever is not an option.
 *
 * @example
 * ```ts
 * planReadStart({ feed, pageUrl: `${root}/2`, lastEntryId: 'e7', updatedAt: 0 }, 3); // { page: 2, afterEntryId: 'e7' }
 * ```
 */
export function planReadStart(marker: FeedMarker | undefined, lastPage: number): ReadStart {
  if (marker?.pageUrl === undefined) return { page: 1 };
  const markerPage = pageNumberOf(marker.pageUrl);
  const details = { markerPage: marker.pageUrl, lastEntryId: marker.lastEntryId, lastPage };
  if (markerPage === undefined) {
    return { page: 1, warning: { kind: 'marker-unreadable', message: 'The marker page URL has no page number; replaying from page 1', details } };
  }
  if (markerPage > lastPage) {
    return {
      page: 1,
      warning: { kind: 'marker-page-gone', message: `The marker page ${markerPage} is past the last page ${lastPage}; replaying from page 1`, details },
    };
  }
  return marker.lastEntryId === undefined ? { page: markerPage } : { page: markerPage, afterEntryId: marker.lastEntryId };
}
