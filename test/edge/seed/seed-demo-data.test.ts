// Tests of seeding demo data into a store: batches, order, origin, idempotence and resuming.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { BatchPlan, SyncStore } from '../../../src/core/store/store-port.ts';
import { generateDemoData } from '../../../src/edge/seed/generate-demo-data.ts';
import { seedDemoData, type SeedDemoDataOptions } from '../../../src/edge/seed/seed-demo-data.ts';

const t0 = Date.UTC(2026, 2, 2, 9, 30);
const categoryOrder = ['location', 'patient', 'visit', 'encounter', 'observation'];

function options(patients: number, now = t0): SeedDemoDataOptions {
  let n = 0;
  return { patients, now: () => now, instanceId: 'hub-test', newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
}

/** A store that counts batches and can fail the one numbered `failAt` (1-based) as a crash would. */
function countingStore(inner: SyncStore, failAt?: number): SyncStore & { batches: BatchPlan[] } {
  const batches: BatchPlan[] = [];
  return Object.assign(Object.create(inner) as SyncStore, {
    batches,
    async applyBatch(plan: BatchPlan) {
      batches.push(plan);
      if (batches.length === failAt) throw new Error('simulated crash');
      return inner.applyBatch(plan);
    },
  });
}

describe('seedDemoData()', () => {
  it('seedDemoData() writes every demo object once, as local CREATED rows, in category order', async () => {
    const store = createMemoryStore();
    const result = await seedDemoData(store, options(10));
    const data = generateDemoData({ patients: 10, now: t0 });
    const expected = { location: data.locations.length, patient: 10, visit: data.visits.length, encounter: data.encounters.length, observation: data.observations.length };
    expect(result).toEqual({ seeded: true, counts: expected });
    const counts = await store.countObjects();
    for (const [category, n] of Object.entries(expected)) expect(counts[category]).toEqual({ live: n, removed: 0 });
    const rows = await store.changesSince(0);
    expect(rows).toHaveLength(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(rows.every((r) => r.origin === 'local' && r.action === 'CREATED')).toBe(true);
    const order = rows.map((r) => categoryOrder.indexOf(r.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const first = data.patients[0] as { id: string };
    expect((await store.getObject('patient', first.id))?.body).toEqual(first);
  });

  it('seedDemoData() writes about 200 objects per batch', async () => {
    const store = countingStore(createMemoryStore());
    await seedDemoData(store, options(40));
    const total = await store.lastSeq();
    expect(store.batches).toHaveLength(Math.ceil(total / 200));
    expect(store.batches.every((b) => (b.objects?.length ?? 0) <= 200)).toBe(true);
  });

  it('seedDemoData() does nothing on a second call or a later start', async () => {
    const store = createMemoryStore();
    await seedDemoData(store, options(5));
    const seq = await store.lastSeq();
    expect(await seedDemoData(store, options(5, t0 + 3_600_000))).toEqual({ seeded: false, counts: {} });
    expect(await store.lastSeq()).toBe(seq);
  });

  it('seedDemoData() leaves a store that already holds objects alone', async () => {
    const store = createMemoryStore();
    await store.applyBatch({
      objects: [{ category: 'patient', uuid: 'p1', representation: 'fhir', body: { resourceType: 'Patient', id: 'p1' }, hash: 'h', version: '1', removed: false, updatedAt: 1 }],
    });
    expect((await seedDemoData(store, options(5))).seeded).toBe(false);
    expect(await store.lastSeq()).toBe(0);
  });

  it('seedDemoData() seeds nothing for 0 patients', async () => {
    const store = createMemoryStore();
    expect((await seedDemoData(store, options(0))).seeded).toBe(false);
    expect(await store.countObjects()).toEqual({});
  });

  it('seedDemoData() finishes an interrupted seeding with the same data and no duplicate rows', async () => {
    const inner = createMemoryStore();
    await expect(seedDemoData(countingStore(inner, 3), options(40))).rejects.toThrow('simulated crash');
    const partial = await inner.lastSeq();
    expect(partial).toBe(400);
    const later = t0 + 86_400_000;
    expect((await seedDemoData(inner, options(40, later))).seeded).toBe(true);
    const rows = await inner.changesSince(0);
    const keys = rows.map((r) => `${r.category}/${r.uuid}`);
    expect(new Set(keys).size).toBe(keys.length);
    const data = generateDemoData({ patients: 40, now: t0 });
    expect(rows).toHaveLength(Object.values(data).reduce((a, list) => a + list.length, 0));
    const lastObs = data.observations.at(-1) as { id: string };
    expect((await inner.getObject('observation', lastObs.id))?.body).toEqual(lastObs);
    expect((await seedDemoData(inner, options(40, later))).seeded).toBe(false);
  });

  it('seedDemoData() stops without error when another writer seeded the same objects first', async () => {
    const store = createMemoryStore();
    const racing = countingStore(store);
    // The other writer wins between our emptiness check and our first batch.
    const original = racing.applyBatch.bind(racing);
    racing.applyBatch = async (plan) => {
      if (racing.batches.length === 0) await seedDemoData(store, options(3));
      return original(plan);
    };
    const result = await seedDemoData(racing, options(3));
    expect(result.seeded).toBe(false);
    expect(await store.lastSeq()).toBe(Object.values(generateDemoData({ patients: 3, now: t0 })).reduce((a, l) => a + l.length, 0));
  });
});

describe('seedDemoData() settings', () => {
  it('seedDemoData() writes the given settings with the first batch of a new seeding only', async () => {
    const store = countingStore(createMemoryStore());
    await seedDemoData(store, { ...options(5), batchSize: 20, firstBatchSettings: { 'edge.feedPageSize': 25 } });
    expect(store.batches.length).toBeGreaterThan(1);
    expect(store.batches[0]?.settings?.['edge.feedPageSize']).toBe(25);
    expect(store.batches.slice(1).every((b) => b.settings?.['edge.feedPageSize'] === undefined)).toBe(true);
    expect(await store.getSetting('edge.feedPageSize')).toBe(25);
  });
});
