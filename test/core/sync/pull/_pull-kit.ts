/** Shared pieces of the pull tests: options with fake ports, and the parent's and child's objects in comparable form. */

import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import type { SyncStore } from '../../../../src/core/store/store-port.ts';
import type { PullCategoryOptions } from '../../../../src/core/sync/pull/pull-category.ts';
import { instantSleep } from '../../http/_fake-http.ts';
import { childBase, type FakeNetwork } from './_fake-network.ts';

/** A settable fake clock. */
export function fakeClock(start = 1_000_000): { now: () => number; advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; }, set: (ms) => { t = ms; } };
}

/** pullCategory/pullAll options against the fake network with fake clock, random and sleep. */
export function pullOptions(network: FakeNetwork, store: SyncStore, extra: Partial<PullCategoryOptions> = {}): PullCategoryOptions {
  return {
    base: childBase, store, resourceManager: network.resourceManager, fetch: network.fetch,
    now: () => 1_000_000, random: () => 0.5, sleep: instantSleep().sleep, instanceId: 'child-1', ...extra,
  };
}

/** uuid → removed flag and, for live objects, canonical hash. */
export type ObjectState = Record<string, { removed: boolean; hash?: string }>;

/** What the parent holds in `category`. */
export function parentState(network: FakeNetwork, category = 'patient'): ObjectState {
  const state: ObjectState = {};
  for (const [key, object] of network.objects) {
    const [cat, uuid] = key.split('/') as [string, string];
    if (cat !== category) continue;
    state[uuid] = object.removed ? { removed: true } : { removed: false, hash: canonicalHash(object.body) };
  }
  return state;
}

/** What the child holds in `category`, in the same form. */
export async function childState(store: SyncStore, category = 'patient'): Promise<ObjectState> {
  const state: ObjectState = {};
  for (const object of await store.listObjects({ category, includeRemoved: true })) {
    state[object.uuid] = object.removed ? { removed: true } : { removed: false, hash: object.hash };
  }
  return state;
}
