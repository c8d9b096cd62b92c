import { describe, expect, it } from 'vitest';
import type { FeedAction } from '../../../../src/core/categories/category-table.ts';
import { SyncError } from '../../../../src/core/errors/sync-error.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { JsonObject } from '../../../../src/core/store/store-port.ts';
import { pullAll } from '../../../../src/core/sync/pull/pull-all.ts';
import { pullCategory } from '../../../../src/core/sync/pull/pull-category.ts';
import { createPullHandler } from '../../../../src/core/sync/pull/pull-handler.ts';
import { entryOf } from '../../feed/_fake-parent.ts';
import { rejectionOf } from '../../http/_fake-http.ts';
import { childBase, createFakeNetwork, type FakeNetwork, patientBody, uuidOf } from './_fake-network.ts';
import { childState, parentState, pullOptions } from './_pull-kit.ts';

const pageUrl = (n: number): string => `${childBase}/ws/atomfeed/patient/${n}`;
const uuids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => uuidOf(from + i));

/** Lets other tasks run (a macrotask at a time) until `done()` holds, at most `ticks` times. */
async function until(done: () => boolean, ticks = 200): Promise<void> {
  for (let i = 0; i < ticks && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Lets pending fetches answer. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const callUuids = (network: FakeNetwork): string[][] => network.resourceManager.calls.map((call) => call.map((r) => r.uuid));
const entry = (id: string, uuid: string, action: FeedAction = 'UPDATED') => entryOf({ id, uuid, action });
const givenName = (body: JsonObject | null | undefined): unknown => (body?.['name'] as { given: string[] }[] | undefined)?.[0]?.given[0];

describe('pullCategory() with early fetches', () => {
  it('pullCategory() asks the resource manager once per object on a multi-page pull, and converges', async () => {
    const network = createFakeNetwork({ pageSize: 4 });
    for (let i = 0; i < 14; i += 1) network.create('patient', uuidOf(i), patientBody(uuidOf(i), `p${i}`)); // pages of 4, 4, 4, 2
    const store = createMemoryStore();
    const summary = await pullCategory('patient', pullOptions(network, store));
    expect(callUuids(network)).toEqual([uuids(0, 3), uuids(4, 7), uuids(8, 11), uuids(12, 13)]);
    expect(summary.counts).toMatchObject({ entries: 14, applied: 14, failed: 0 });
    expect(await childState(store)).toEqual(parentState(network));
  });

  it('pullAll() stops a category whose early fetch fails with PARENT_UNREACHABLE, writing nothing of that page', async () => {
    const network = createFakeNetwork({ categories: ['patient', 'location'], pageSize: 4 });
    for (let i = 0; i < 12; i += 1) network.create('patient', uuidOf(i));
    network.create('location', 'l1');
    const page2 = uuids(4, 7);
    network.resourceManager.throwing = (requests) =>
      requests.some((r) => page2.includes(r.uuid)) ? new SyncError('PARENT_UNREACHABLE', { details: { url: 'http://parent' } }) : undefined;
    const store = createMemoryStore();
    const classes = [{ category: 'patient', enabled: true }, { category: 'location', enabled: true }];
    const summary = await pullAll({ ...pullOptions(network, store), classes });

    expect(summary.categories.map((c) => c.status)).toEqual(['failed', 'ok']);
    expect(summary.categories[0]).toMatchObject({ category: 'patient', error: { code: 'PARENT_UNREACHABLE' } });
    // Page 2's objects were asked for once, ahead of its handling: the failure came from the early fetch.
    expect(callUuids(network).filter((call) => call.some((u) => page2.includes(u)))).toEqual([page2]);
    expect(Object.keys(await childState(store)).sort()).toEqual(uuids(0, 3));
    expect((await store.listMarkers()).find((m) => m.feed.includes('/patient/'))?.pageUrl).toBe(pageUrl(1));
    expect(await store.listFailedEvents()).toEqual([]);
    expect(await childState(store, 'location')).toEqual(parentState(network, 'location'));

    network.resourceManager.throwing = undefined;
    await pullCategory('patient', pullOptions(network, store));
    expect(await childState(store)).toEqual(parentState(network));
  });

  it('pullCategory() aborts the early fetches still in flight when the read ends', async () => {
    const network = createFakeNetwork({ pageSize: 4 });
    for (let i = 0; i < 12; i += 1) network.create('patient', uuidOf(i));
    const [page2, page3] = [uuids(4, 7), uuids(8, 11)];
    const rm = network.resourceManager;
    let page3Signal: AbortSignal | undefined;
    rm.gate = async (signal) => {
      const asked = rm.calls.at(-1)?.map((r) => r.uuid) ?? [];
      if (asked.some((u) => page3.includes(u))) {
        page3Signal = signal;
        await until(() => signal?.aborted === true, 500); // held open until aborted (boundedly)
      }
      if (asked.some((u) => page2.includes(u))) await until(() => page3Signal !== undefined); // fail page 2 once page 3 is in flight
    };
    rm.throwing = (requests) => (requests.some((r) => page2.includes(r.uuid)) ? new SyncError('PARENT_UNREACHABLE') : undefined);
    const store = createMemoryStore();
    const error = await rejectionOf(pullCategory('patient', pullOptions(network, store, { retryFailed: false })));
    expect(error.code).toBe('PARENT_UNREACHABLE');
    expect(page3Signal?.aborted).toBe(true);
    expect(Object.keys(await childState(store)).sort()).toEqual(uuids(0, 3));
  });
});

describe('createPullHandler() early fetches', () => {
  function setUp() {
    const network = createFakeNetwork();
    const ids = {
      a: network.create('patient', 'a', patientBody('a', 'A1')),
      b: network.create('patient', 'b', patientBody('b', 'B1')),
    };
    const pull = createPullHandler({ store: createMemoryStore(), resourceManager: network.resourceManager, now: () => 5 });
    return { network, ids, pull, signal: new AbortController().signal };
  }
  const bodyOf = (plan: { objects?: { uuid: string; body: JsonObject | null }[] }, uuid: string) =>
    givenName(plan.objects?.find((o) => o.uuid === uuid)?.body);

  it('handle() uses the early outcome of an object asked for at the same entry and fetches the others then', async () => {
    const { network, ids, pull, signal } = setUp();
    pull.lookAhead([entry(ids.a, 'a', 'CREATED'), entry(ids.b, 'b', 'CREATED')], { pageUrl: pageUrl(2), signal });
    await settle(); // the early fetch answers
    (network.objects.get('patient/a') as { body: JsonObject }).body = patientBody('a', 'A-later'); // no event: the early answer stands
    const idB2 = network.update('patient', 'b', patientBody('b', 'B2'));
    const idC = network.create('patient', 'c', patientBody('c', 'C1'));

    const { plan } = await pull.handle(
      [entry(ids.a, 'a', 'CREATED'), entry(ids.b, 'b', 'CREATED'), entry(idB2, 'b'), entry(idC, 'c', 'CREATED')],
      { feed: 'patient', pageUrl: pageUrl(2) },
    );
    expect(callUuids(network)).toEqual([['a', 'b'], ['b', 'c']]);
    expect([bodyOf(plan, 'a'), bodyOf(plan, 'b'), bodyOf(plan, 'c')]).toEqual(['A1', 'B2', 'C1']);
  });

  it('handle() fetches again for another page URL, and uses a page\'s early outcomes once', async () => {
    const { network, ids, pull, signal } = setUp();
    const entries = [entry(ids.a, 'a', 'CREATED')];
    pull.lookAhead(entries, { pageUrl: pageUrl(2), signal });
    await pull.handle(entries, { feed: 'patient', pageUrl: pageUrl(3) });
    expect(callUuids(network)).toEqual([['a'], ['a']]);
    await pull.handle(entries, { feed: 'patient', pageUrl: pageUrl(2) });
    expect(callUuids(network)).toHaveLength(2);
    await pull.handle(entries, { feed: 'patient', pageUrl: pageUrl(2) });
    await pull.handle(entries, { feed: 'patient', pageUrl: '' }); // a failed-event retry
    expect(callUuids(network)).toHaveLength(4);
  });

  it('lookAhead() asks for nothing when every object of the page is a removal', async () => {
    const { network, pull, signal } = setUp();
    const id = network.remove('patient', 'a', { single: true });
    pull.lookAhead([entry(id, 'a', 'VOIDED')], { pageUrl: pageUrl(2), signal });
    expect(network.resourceManager.calls).toEqual([]);
  });

  it('handle() fails with what the early fetch threw, as it fails when its own fetch throws', async () => {
    const late = setUp();
    late.network.resourceManager.throwing = () => new SyncError('PARENT_UNREACHABLE');
    const entries = [entry(late.ids.a, 'a', 'CREATED')];
    const plain = await rejectionOf(late.pull.handle(entries, { feed: 'patient', pageUrl: pageUrl(2) }));

    const early = setUp();
    early.network.resourceManager.throwing = () => new SyncError('PARENT_UNREACHABLE');
    early.pull.lookAhead(entries, { pageUrl: pageUrl(2), signal: early.signal });
    await settle();
    early.network.resourceManager.throwing = undefined; // a fetch at handle time would succeed now
    const error = await rejectionOf(early.pull.handle(entries, { feed: 'patient', pageUrl: pageUrl(2) }));
    expect([error.code, plain.code]).toEqual(['PARENT_UNREACHABLE', 'PARENT_UNREACHABLE']);
    expect(early.network.resourceManager.calls).toHaveLength(1);
  });
});
