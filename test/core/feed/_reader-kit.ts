/** Shared pieces of the feed reader tests: a handler that writes objects and change rows, options with fake ports, snapshots. */

import type { FeedEntry } from '../../../src/core/atom/feed-page.ts';
import { isRemovalAction } from '../../../src/core/categories/category-table.ts';
import { canonicalHash } from '../../../src/core/hash/canonical-hash.ts';
import type { FeedHandler, FeedHandlerContext, ReadFeedOptions } from '../../../src/core/feed/read-feed-types.ts';
import { objectRefOfEntry } from '../../../src/core/feed/object-ref.ts';
import type { FetchLike } from '../../../src/core/ports/ports.ts';
import type { NewChange, SerializedFailure, StoredObject, SyncStore } from '../../../src/core/store/store-port.ts';
import { instantSleep } from '../http/_fake-http.ts';
import { childBase } from './_fake-parent.ts';

/** A handler that records its calls and plans, per entry, the object and a change row keyed by event id. */
export interface RecordingHandler {
  handle: FeedHandler;
  calls: { ids: string[]; context: FeedHandlerContext }[];
  /** Every entry id handed, in order. */
  handed(): string[];
}

export function objectWritingHandler(options: {
  fail?: (entry: FeedEntry) => SerializedFailure | undefined;
  during?: (entries: FeedEntry[], context: FeedHandlerContext) => void | Promise<void>;
} = {}): RecordingHandler {
  const calls: RecordingHandler['calls'] = [];
  const handle: FeedHandler = async (entries, context) => {
    calls.push({ ids: entries.map((e) => e.id), context });
    await options.during?.(entries, context);
    const objects = new Map<string, StoredObject>();
    const changes: NewChange[] = [];
    const failures: { entry: FeedEntry; error: SerializedFailure }[] = [];
    for (const entry of entries) {
      const error = options.fail?.(entry);
      if (error) { failures.push({ entry, error }); continue; }
      const ref = objectRefOfEntry(entry);
      if (!ref) throw new Error(`entry ${entry.id} has no object`);
      const body = { uuid: ref.uuid, lastEvent: entry.id, action: entry.action };
      const hash = canonicalHash(body);
      objects.set(ref.uuid, {
        category: ref.category, uuid: ref.uuid, representation: 'rest', body, hash, version: entry.id,
        removed: isRemovalAction(entry.action), updatedAt: 0,
      });
      changes.push({ eventId: entry.id, category: ref.category, uuid: ref.uuid, action: entry.action, origin: 'parent', hash, at: 0 });
    }
    return { plan: { objects: [...objects.values()], changes }, failures };
  };
  return { handle, calls, handed: () => calls.flatMap((c) => c.ids) };
}

/** readFeed options against the child base with fake clock, random and sleep. */
export function readOptions(
  parent: { fetch: FetchLike; recentUrl?: string },
  store: SyncStore,
  handler: RecordingHandler,
  extra: Partial<ReadFeedOptions> = {},
): ReadFeedOptions {
  return {
    feedUrl: parent.recentUrl ?? `${childBase}/ws/atomfeed/patient/recent`,
    base: childBase, fetch: parent.fetch, store, handle: handler.handle,
    now: () => 1_000, random: () => 0.5, sleep: instantSleep().sleep, ...extra,
  };
}

/** Objects, change rows and markers: what must be the same after a replay. */
export async function stateOf(store: SyncStore, categories: string[] = ['patient']) {
  return {
    objects: (await Promise.all(categories.map((category) => store.listObjects({ category, includeRemoved: true })))).flat(),
    changes: await store.changesSince(0),
    markers: await store.listMarkers(),
  };
}
