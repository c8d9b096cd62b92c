import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/store/store-port.ts';
import type { TestEdge } from '../edge/app/start-test-edge.ts';
import {
  categoryOf, changedResource, countingFetch, deleteResources, demoCategories, demoObjects, makeChild, putResources, startParent, storeState,
  stateSize, type TestChild,
} from './_network-kit.ts';

// One parent, one child, in sequence: the first pull, then changes on the parent, then an idle sync.
describe('a child pulling 1,000 objects from an edge node over loopback', () => {
  const objects = demoObjects(1_000);
  const counter = countingFetch();
  let parent: TestEdge;
  let child: TestChild;

  beforeAll(async () => {
    parent = await startParent();
    await putResources(parent, objects);
    child = await makeChild({ parentBase: parent.base, fetch: counter.fetch });
  });
  afterAll(async () => {
    await parent?.close();
  });

  it('syncOnce() pulls every object and ends with the parent\'s canonical hashes in every category', async () => {
    const summary = await child.syncOnce();
    expect(summary.status, JSON.stringify(summary.error)).toBe('ok');
    expect(summary.pull?.counts).toMatchObject({ applied: 1_000, failed: 0, conflicts: 0 });
    const wanted = await storeState(parent.store);
    expect(stateSize(wanted)).toBe(1_000);
    for (const category of demoCategories) expect(Object.keys(wanted[category] ?? {}).length).toBeGreaterThan(0);
    expect(await storeState(child.store)).toEqual(wanted);
    // Pages of 50 and `_id` searches of 50: a few dozen requests, not one per object.
    expect(counter.requests.length).toBeLessThan(1_000 / 10);
  });

  it('syncOnce() logs each pulled object once with origin parent, so the child can serve them to its own children', async () => {
    const rows = await child.store.changesSince(0);
    expect(rows).toHaveLength(1_000);
    expect(new Set(rows.map((r) => `${r.category}/${r.uuid}`)).size).toBe(1_000);
    expect(rows.every((r) => r.origin === 'parent' && r.action === 'CREATED')).toBe(true);
  });

  it('syncOnce() brings the parent\'s later creates, updates and removals, removals as tombstones', async () => {
    const created = demoObjects(60, { seed: 'registered later' });
    const updated = pickEvery(objects, 37).map(changedResource);
    const removed = objects.filter((_, i) => i % 41 === 5 && i % 37 !== 0);
    await putResources(parent, [...created, ...updated]);
    await deleteResources(parent, removed);

    const summary = await child.syncOnce();
    expect(summary.status, JSON.stringify(summary.error)).toBe('ok');
    expect(summary.pull?.counts).toMatchObject({ applied: created.length + updated.length + removed.length, failed: 0 });
    expect(await storeState(child.store)).toEqual(await storeState(parent.store));
    for (const resource of removed) {
      const tombstone = await child.store.getObject(categoryOf(resource), String(resource['id']));
      expect(tombstone).toMatchObject({ removed: true, body: { id: resource['id'] } });
    }
    const updatedOne = updated[0] as JsonObject;
    const stored = await child.store.getObject(categoryOf(updatedOne), String(updatedOne['id']));
    expect(stored?.body).toMatchObject(withoutMeta(updatedOne));
  });

  it('syncOnce() with nothing new on the parent costs one `recent` poll per category and writes nothing', async () => {
    const before = await child.store.lastSeq();
    counter.reset();
    const summary = await child.syncOnce();
    expect(summary.status, JSON.stringify(summary.error)).toBe('ok');
    expect(summary.pull?.counts).toMatchObject({ entries: 0, applied: 0 });
    expect([...counter.requests].sort()).toEqual(demoCategories.map((c) => `GET ${parent.base}/ws/atomfeed/${c}/recent`).sort());
    expect(await child.store.lastSeq()).toBe(before);
  });
});

function pickEvery<T>(list: readonly T[], step: number): T[] {
  return list.filter((_, i) => i % step === 0);
}

function withoutMeta(resource: JsonObject): JsonObject {
  const { meta: _meta, ...rest } = resource;
  return rest;
}
