import { describe, expect, it } from 'vitest';
import { failedEventId } from '../../../../src/core/feed/failed-event-policy.ts';
import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { JsonObject, StoredObject } from '../../../../src/core/store/store-port.ts';
import { categoryFeedUrl, pullCategory } from '../../../../src/core/sync/pull/pull-category.ts';
import type { PullProgress } from '../../../../src/core/sync/pull/pull-types.ts';
import { childBase, createFakeNetwork, patientBody, uuidOf } from './_fake-network.ts';
import { childState, fakeClock, parentState, pullOptions } from './_pull-kit.ts';

const feed = categoryFeedUrl(childBase, 'patient');

describe('pullCategory()', () => {
  it('pullCategory() creates, updates and removes objects until the child holds what the parent holds', async () => {
    const network = createFakeNetwork();
    for (let i = 0; i < 7; i += 1) network.create('patient', uuidOf(i), patientBody(uuidOf(i), `p${i}`));
    network.update('patient', uuidOf(1), patientBody(uuidOf(1), 'changed'));
    network.remove('patient', uuidOf(2));
    const store = createMemoryStore();
    const summary = await pullCategory('patient', pullOptions(network, store));
    expect(await childState(store)).toEqual(parentState(network));
    expect(summary.counts).toMatchObject({ entries: 10, applied: 7, removed: 1, failed: 0, conflicts: 0 });
    expect(summary.read.marker?.lastEntryId).toBe(network.feeds.get('patient')?.events.at(-1)?.id);

    network.update('patient', uuidOf(3), patientBody(uuidOf(3), 'later'));
    network.remove('patient', uuidOf(4), { single: true });
    network.restore('patient', uuidOf(2));
    await pullCategory('patient', pullOptions(network, store));
    expect(await childState(store)).toEqual(parentState(network));
    expect((await store.getObject('patient', uuidOf(4)))?.body).toEqual(patientBody(uuidOf(4), 'p4'));
  });

  it('pullCategory() logs origin parent change rows in the order of the parent feed', async () => {
    const network = createFakeNetwork({ pageSize: 3 });
    for (let i = 0; i < 5; i += 1) network.create('patient', uuidOf(i));
    network.update('patient', uuidOf(0), patientBody(uuidOf(0), 'x'));
    network.remove('patient', uuidOf(3));
    const store = createMemoryStore();
    await pullCategory('patient', pullOptions(network, store));
    const rows = await store.feedChanges('patient', { from: 0, limit: 100 });
    const feedIds = network.feeds.get('patient')?.events.map((e) => e.id) ?? [];
    expect(rows.every((r) => r.origin === 'parent')).toBe(true);
    const positions = rows.map((r) => feedIds.indexOf(r.eventId));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(rows.map((r) => r.action)).toContain('VOIDED');
  });

  it('pullCategory() coalesces events per page: one fetch call per page, one request per object', async () => {
    const network = createFakeNetwork({ pageSize: 5 });
    network.create('patient', 'a');
    network.update('patient', 'a', patientBody('a', 'x'));
    network.update('patient', 'a', patientBody('a', 'y'));
    network.create('patient', 'b');
    network.remove('patient', 'b', { single: true });
    await pullCategory('patient', pullOptions(network, createMemoryStore()));
    expect(network.resourceManager.calls.map((call) => call.map((r) => r.uuid))).toEqual([['a']]);
  });

  it('pullCategory() writes nothing but an audit row when the parent event changed nothing', async () => {
    const network = createFakeNetwork();
    network.create('patient', 'a', patientBody('a', 'Amina'));
    const store = createMemoryStore();
    await pullCategory('patient', pullOptions(network, store));
    const before = { changes: await store.changesSince(0), object: await store.getObject('patient', 'a') };
    network.publish('patient', 'a', 'UPDATED');
    const summary = await pullCategory('patient', pullOptions(network, store));
    expect(summary.counts).toMatchObject({ noop: 1, applied: 0 });
    expect(await store.changesSince(0)).toEqual(before.changes);
    expect(await store.getObject('patient', 'a')).toEqual(before.object);
    expect((await store.listAudit({ limit: 1 }))[0]).toMatchObject({ operation: 'pull', outcome: 'noop', uuid: 'a' });
  });

  it('pullCategory() refreshes a stale base without a change row', async () => {
    const network = createFakeNetwork();
    network.create('patient', 'a', patientBody('a', 'Amina'));
    const store = createMemoryStore();
    await pullCategory('patient', pullOptions(network, store));
    const parentObject = network.objects.get('patient/a');
    if (parentObject) parentObject.version += 5;
    network.publish('patient', 'a', 'UPDATED');
    await pullCategory('patient', pullOptions(network, store));
    const object = await store.getObject('patient', 'a');
    expect(object).toMatchObject({ version: '1', base: { version: String(parentObject?.version) } });
    expect(await store.countChanges('patient')).toBe(1);
  });

  it('pullCategory() keeps an unpushed local change, records the conflict once, and replays idempotently', async () => {
    const network = createFakeNetwork();
    network.create('patient', 'a', patientBody('a', 'Amina'));
    const store = createMemoryStore();
    const clock = fakeClock();
    await pullCategory('patient', pullOptions(network, store, { now: clock.now }));
    const local = await editLocally(store, 'a', patientBody('a', 'Amina', { gender: 'female' }));
    network.update('patient', 'a', patientBody('a', 'Amina', { gender: 'male' }));
    clock.advance(1_000);
    await pullCategory('patient', pullOptions(network, store, { now: clock.now }));
    const first = await store.listConflicts({ open: true });
    expect(first).toEqual([expect.objectContaining({
      id: 'patient/a', reason: 'overlap', fields: ['gender'], local: local.body, parent: patientBody('a', 'Amina', { gender: 'male' }),
      base: patientBody('a', 'Amina'),
    })]);
    expect(await store.getObject('patient', 'a')).toEqual(local);

    // Replay the whole feed (marker reset): still one conflict, same record, object untouched.
    await store.applyBatch({ markers: [{ feed, updatedAt: 0 }] });
    clock.advance(1_000);
    await pullCategory('patient', pullOptions(network, store, { now: clock.now }));
    expect(await store.listConflicts()).toEqual(first);
    expect(await store.getObject('patient', 'a')).toEqual(local);
    expect(await store.listAudit({ operation: 'conflict' })).toHaveLength(2);
    expect(await store.listAudit({ operation: 'pull', outcome: 'conflict' })).toHaveLength(2);
  });

  it('pullCategory() never overwrites a local write made while the page was being fetched', async () => {
    const network = createFakeNetwork();
    network.create('patient', 'a', patientBody('a', 'Amina'));
    const store = createMemoryStore();
    await pullCategory('patient', pullOptions(network, store));
    network.update('patient', 'a', patientBody('a', 'Baraka'));
    // The local write lands after the pull read the object and before it applies its batch.
    let edited: StoredObject | undefined;
    const racing = {
      ...store,
      getObjects: async (category: string, uuids: readonly string[]) => {
        const found = await store.getObjects(category, uuids);
        edited ??= await editLocally(store, 'a', patientBody('a', 'Chege'));
        return found;
      },
    };
    await pullCategory('patient', pullOptions(network, racing));
    expect(await store.getObject('patient', 'a')).toEqual(edited);
    expect(await store.listConflicts()).toEqual([expect.objectContaining({ id: 'patient/a', reason: 'overlap' })]);
    expect(network.resourceManager.calls).toHaveLength(3);
  });

  it('pullCategory() sends a failed fetch to the failed events, goes on, and a later retry succeeds', async () => {
    const network = createFakeNetwork();
    for (const uuid of ['a', 'b', 'c']) network.create('patient', uuid);
    network.resourceManager.fail = (r) => (r.uuid === 'b' ? { code: 'HTTP_ERROR', message: '500', details: { status: 500 } } : undefined);
    const store = createMemoryStore();
    const clock = fakeClock();
    const options = () => pullOptions(network, store, { now: clock.now, failurePolicy: { baseDelayMs: 1_000 } });
    const first = await pullCategory('patient', options());
    expect(first.counts).toMatchObject({ applied: 2, failed: 1 });
    const id = failedEventId({ direction: 'pull', feed, entryId: network.feeds.get('patient')?.events[1]?.id as string });
    expect(await store.getFailedEvent(id)).toMatchObject({ attempts: 1, uuid: 'b', dead: false });
    expect(await store.getObject('patient', 'b')).toBeUndefined();
    expect(first.read.marker?.lastEntryId).toBe(network.feeds.get('patient')?.events[2]?.id);

    network.resourceManager.fail = undefined;
    clock.advance(10_000);
    const second = await pullCategory('patient', options());
    expect(second.retry).toMatchObject({ retried: 1, succeeded: 1 });
    expect(await store.listFailedEvents()).toEqual([]);
    expect(await childState(store)).toEqual(parentState(network));
    expect((await store.listAudit({ operation: 'retry' }))[0]).toMatchObject({ outcome: 'ok', uuid: 'b', client: 'fhir' });
  });

  it('pullCategory() drops the events catchment filters exclude', async () => {
    const network = createFakeNetwork();
    const place = (value: string) => [{ bean: 'atomfeed.locationFeedFilterStrategy', value }];
    network.create('patient', 'a');
    network.create('patient', 'b');
    const events = network.feeds.get('patient')?.events ?? [];
    events[0] = { ...(events[0] as (typeof events)[number]), filters: place('Kenya%Nairobi%null%Kibera%00100') };
    events[1] = { ...(events[1] as (typeof events)[number]), filters: place('Kenya%Mombasa%null%Nyali%80100') };
    const store = createMemoryStore();
    const summary = await pullCategory('patient', pullOptions(network, store, { catchment: { 'atomfeed.locationFeedFilterStrategy': 'Kenya%Nairobi%*%*%*' } }));
    expect(Object.keys(await childState(store))).toEqual(['a']);
    expect(summary.read.entriesFiltered).toBe(1);
    expect((await store.feedChanges('patient', { from: 0, limit: 5 }))[0]?.filters).toEqual([expect.stringContaining('Kenya%Nairobi')]);
  });

  it('pullCategory() reports entries done and an estimated total per page', async () => {
    const network = createFakeNetwork({ pageSize: 4 });
    for (let i = 0; i < 10; i += 1) network.create('patient', uuidOf(i));
    const seen: PullProgress[] = [];
    await pullCategory('patient', { ...pullOptions(network, createMemoryStore()), onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => [p.done, p.total, p.currentPage, p.lastPage])).toEqual([[4, 12, 1, 3], [8, 12, 2, 3], [10, 10, 3, 3]]);
  });
});

/** A local edit, as planLocalWrite would make it: new body and version, same base. */
async function editLocally(store: ReturnType<typeof createMemoryStore>, uuid: string, body: JsonObject): Promise<StoredObject> {
  const current = await store.getObject('patient', uuid);
  if (!current) throw new Error('no object');
  const edited: StoredObject = { ...current, body, hash: canonicalHash(body), version: String(Number(current.version) + 1) };
  await store.applyBatch({ objects: [edited] });
  return edited;
}
