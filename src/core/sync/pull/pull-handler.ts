/** The feed handler of a pull: coalesce a page, fetch its objects in one call, read what is stored, plan the batch. */

import type { FeedEntry } from '../../atom/feed-page.ts';
import type { CategoryInfo } from '../../categories/category-table.ts';
import type { FetchOutcome, ResourceManager } from '../../clients/resource-manager.ts';
import type { FeedHandler, FeedLookAhead } from '../../feed/read-feed-types.ts';
import type { Clock } from '../../ports/ports.ts';
import type { ConflictRecord, StoredObject, SyncStore } from '../../store/store-port.ts';
import { type CoalescedObject, coalesceEntries, objectKey } from './coalesce-entries.ts';
import { createEarlyFetches } from './_early-fetches.ts';
import { planPullPage } from './plan-pull-page.ts';
import { addCounts, emptyCounts, type PullCounts } from './pull-types.ts';

export interface PullHandlerOptions {
  store: SyncStore;
  resourceManager: ResourceManager;
  now: Clock;
  /** Written on audit rows. @default '' */
  instanceId?: string;
  categories?: readonly CategoryInfo[];
}

/** A handler for readFeed and retryFailedEvents, and what it planned so far. */
export interface PullHandler {
  handle: FeedHandler;
  /** The reader's look-ahead: starts fetching the next page's objects while this one is applied. */
  lookAhead: FeedLookAhead;
  /** The tallies of the batches planned (a batch planned again after a failed precondition counts once). */
  counts(): PullCounts;
}

/**
 * A pull handler: per call it coalesces the entries, asks the resource manager for the objects
 * that need a fetch in one `fetchObjects` call (the facade groups them into requests), reads the
 * stored objects and their open conflicts, and returns `planPullPage`'s
 * plan and failures. Calls with an empty page URL (failed-event retries) audit as `retry`.
 *
 * @example
 * ```ts
 * const pull = createPullHandler({ store, resourceManager, now: Date.now, instanceId });
 * await readFeed({ feedUrl, base, fetch, store, now: Date.now, handle: pull.handle });
 * pull.counts().applied;
 * ```
 */
export function createPullHandler(options: PullHandlerOptions): PullHandler {
  const { store, resourceManager, now, instanceId = '' } = options;
  const tallies = new Map<string, PullCounts>();
  const early = createEarlyFetches(resourceManager);
  const handle: FeedHandler = async (entries, context) => {
    const { objects, unnamed } = coalesceEntries(entries);
    const fetched = await early.fetch(objects.filter((o) => o.fetch), context);
    const stored = await readStored(store, objects);
    const result = planPullPage({
      objects, unnamed, outcomes: byObject(fetched), stored, conflicts: await readConflicts(store, stored),
      now: now(), instanceId, operation: context.pageUrl === '' ? 'retry' : 'pull',
      ...(options.categories ? { categories: options.categories } : {}),
    });
    tallies.set(batchKey(entries, context.pageUrl), result.counts);
    return { plan: result.plan, failures: result.failures };
  };
  return { handle, lookAhead: early.start, counts: () => [...tallies.values()].reduce(addCounts, emptyCounts()) };
}

function byObject(outcomes: readonly FetchOutcome[]): Map<string, FetchOutcome> {
  return new Map(outcomes.map((outcome) => [objectKey(outcome.request.category, outcome.request.uuid), outcome] as const));
}

/** The stored objects of the page, one `getObjects` per category. */
async function readStored(store: SyncStore, objects: readonly CoalescedObject[]): Promise<Map<string, StoredObject>> {
  const uuids = new Map<string, string[]>();
  for (const o of objects) {
    const list = uuids.get(o.category);
    if (list) list.push(o.uuid);
    else uuids.set(o.category, [o.uuid]);
  }
  const found = await Promise.all([...uuids].map(([category, list]) => store.getObjects(category, list)));
  return new Map(found.flat().map((object) => [objectKey(object.category, object.uuid), object] as const));
}

/** The open conflict records of the page's stored objects (a decision may refresh or close them). */
async function readConflicts(store: SyncStore, stored: ReadonlyMap<string, StoredObject>): Promise<Map<string, ConflictRecord>> {
  if (stored.size === 0) return new Map();
  const open = await store.listConflicts({ open: true });
  return new Map(open.filter((r) => stored.has(r.id)).map((r) => [r.id, r] as const));
}

function batchKey(entries: readonly FeedEntry[], pageUrl: string): string {
  return `${pageUrl}\u0000${entries[0]?.id ?? ''}\u0000${entries.at(-1)?.id ?? ''}\u0000${entries.length}`;
}
