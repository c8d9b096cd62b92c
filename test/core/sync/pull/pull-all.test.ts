import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../../src/core/errors/sync-error.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import { pullAll, pullOrder } from '../../../../src/core/sync/pull/pull-all.ts';
import { createFakeNetwork } from './_fake-network.ts';
import { childState, parentState, pullOptions } from './_pull-kit.ts';

const classes = [
  { category: 'patient', enabled: true },
  { category: 'location', enabled: true },
  { category: 'visit', enabled: false },
  { category: 'observation', enabled: true },
];

function threeFeeds() {
  const network = createFakeNetwork({ categories: ['location', 'patient', 'observation'] });
  network.create('observation', 'o1');
  network.create('patient', 'p1');
  network.create('location', 'l1');
  return network;
}

describe('pullAll()', () => {
  it('pullOrder() keeps the enabled categories in configured order, each once', () => {
    expect(pullOrder(classes)).toEqual(['patient', 'location', 'observation']);
    expect(pullOrder([{ category: 'patient', enabled: true }, { category: 'location', enabled: true }, { category: 'patient', enabled: true }]))
      .toEqual(['patient', 'location']);
  });

  it('pullAll() pulls the enabled categories in configured order and sums their counts', async () => {
    const network = threeFeeds();
    const store = createMemoryStore();
    const summary = await pullAll({ ...pullOptions(network, createMemoryStore()), store, classes });
    expect(summary.status).toBe('ok');
    expect(summary.categories.map((c) => [c.category, c.status])).toEqual([['patient', 'ok'], ['location', 'ok'], ['observation', 'ok']]);
    expect(network.resourceManager.calls.map((call) => call[0]?.category)).toEqual(['patient', 'location', 'observation']);
    expect(network.feedRequests.some((r) => r.startsWith('visit/'))).toBe(false);
    expect(summary.counts.applied).toBe(3);
    for (const category of ['location', 'patient', 'observation']) expect(await childState(store, category)).toEqual(parentState(network, category));
  });

  it('pullAll() is partial, not ok, when every object of a category failed while its feed was read', async () => {
    const network = threeFeeds();
    network.resourceManager.fail = (request) => (request.category === 'patient' ? { code: 'HTTP_TIMEOUT', message: 'slow' } : undefined);
    const summary = await pullAll({ ...pullOptions(network, createMemoryStore()), classes });
    expect(summary.status).toBe('partial');
    expect(summary.categories.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(summary.counts).toMatchObject({ applied: 2, failed: 1 });
  });

  it('pullAll() stops the run on PARENT_UNAUTHORIZED and skips the categories after it', async () => {
    const network = threeFeeds();
    network.resourceManager.throwing = (requests) =>
      requests[0]?.category === 'location' ? new SyncError('PARENT_UNAUTHORIZED', { details: { status: 401 } }) : undefined;
    const summary = await pullAll({ ...pullOptions(network, createMemoryStore()), classes });
    expect(summary.status).toBe('unauthorized');
    expect(summary.error?.code).toBe('PARENT_UNAUTHORIZED');
    expect(summary.categories.map((c) => c.status)).toEqual(['ok', 'failed', 'skipped']);
    expect(network.feedRequests.some((r) => r.startsWith('observation/'))).toBe(false);
  });

  it('pullAll() records another category failure and goes on with the next category', async () => {
    const network = threeFeeds();
    network.feeds.delete('location');
    const store = createMemoryStore();
    const summary = await pullAll({ ...pullOptions(network, store), classes, retry: { retries: 0 } });
    expect(summary.status).toBe('partial');
    expect(summary.categories.map((c) => c.status)).toEqual(['ok', 'failed', 'ok']);
    expect(summary.categories[1]).toMatchObject({ category: 'location', status: 'failed', error: { code: 'HTTP_ERROR' } });
    expect(await childState(store, 'observation')).toEqual(parentState(network, 'observation'));
  });

  it('pullAll() answers aborted when its signal is cancelled, without touching later categories', async () => {
    const network = threeFeeds();
    const controller = new AbortController();
    network.resourceManager.gate = async () => controller.abort();
    const store = createMemoryStore();
    const summary = await pullAll({ ...pullOptions(network, store), classes, signal: controller.signal });
    expect(summary.status).toBe('aborted');
    expect(summary.categories.map((c) => c.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(await store.listObjects({ category: 'patient' })).toEqual([]);
    expect(await store.listMarkers()).toEqual([]);
  });
});
