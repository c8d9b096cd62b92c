import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSyncError } from '../../../../src/core/errors/sync-error.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../../src/core/store/store-port.ts';
import { pullCategory } from '../../../../src/core/sync/pull/pull-category.ts';
import { createFakeNetwork, type FakeNetwork, patientBody, uuidOf } from './_fake-network.ts';
import { childState, fakeClock, parentState, pullOptions } from './_pull-kit.ts';

/**
 * Pulls, aborting when the resource manager is called for the `abortAt`-th time (1-based) or first
 * asked for the object `abortOn`; true when it completed.
 */
async function interruptedPull(
  network: FakeNetwork,
  store: SyncStore,
  options: { abortAt?: number; abortOn?: string; now?: () => number } = {},
): Promise<boolean> {
  const controller = new AbortController();
  const callsBefore = network.resourceManager.calls.length;
  network.resourceManager.gate = async () => {
    const calls = network.resourceManager.calls;
    if (calls.length - callsBefore === options.abortAt || calls.at(-1)?.[0]?.uuid === options.abortOn) controller.abort();
  };
  try {
    await pullCategory('patient', pullOptions(network, store, {
      // Two pages ahead, as the cut points below assume.
      signal: controller.signal, prefetch: 2, failurePolicy: { baseDelayMs: 10, maxAttempts: 1_000 }, ...(options.now ? { now: options.now } : {}),
    }));
    return true;
  } catch (error) {
    if (!isSyncError(error, 'ABORTED')) throw error;
    return false;
  } finally {
    network.resourceManager.gate = undefined;
  }
}

describe('pullCategory() interrupted', () => {
  it('pullCategory() cancelled mid-page leaves that page unwritten, and the next run resumes without loss or duplicates', async () => {
    const network = createFakeNetwork({ pageSize: 4 });
    for (let i = 0; i < 14; i += 1) network.create('patient', uuidOf(i));
    const store = createMemoryStore();
    // Pages 2 and 3 are looked ahead at while page 1 is applied; page 4 only once page 2 is taken,
    // before page 2 is applied: asking for its objects cancels in the middle of page 2.
    expect(await interruptedPull(network, store, { abortOn: uuidOf(12) })).toBe(false);
    expect(Object.keys(await childState(store))).toEqual([0, 1, 2, 3].map(uuidOf));
    expect((await store.listMarkers())[0]?.pageUrl).toMatch(/\/patient\/1$/);
    expect(await store.countChanges('patient')).toBe(4);

    expect(await interruptedPull(network, store)).toBe(true);
    expect(await childState(store)).toEqual(parentState(network));
    const rows = await store.changesSince(0);
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(14);
    // Each page's objects asked for once per run that reached it, in one call; page 1 only by the first run.
    const asked = network.resourceManager.calls.map((c) => c[0]?.uuid ?? '').sort();
    expect(asked).toEqual([0, 4, 4, 8, 8, 12, 12].map(uuidOf).sort());
  });

  it('pullCategory() converges: after random parent changes pulled in random, interrupted chunks, the child holds what the parent holds', async () => {
    const op = fc.record({
      kind: fc.constantFrom('create-or-update', 'create-or-update', 'remove', 'remove-single', 'restore', 'touch'),
      object: fc.integer({ min: 0, max: 5 }),
      name: fc.constantFrom('Amina', 'Baraka', 'Chege', 'Dalia'),
    });
    const chunk = fc.record({
      ops: fc.array(op, { maxLength: 8 }),
      abortAt: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      failing: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
    });
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(chunk, { minLength: 1, maxLength: 6 }), async (pageSize, chunks) => {
      const network = createFakeNetwork({ pageSize });
      const store = createMemoryStore();
      const clock = fakeClock();
      for (const { ops, abortAt, failing } of chunks) {
        for (const o of ops) apply(network, o.kind, uuidOf(o.object), o.name);
        network.resourceManager.fail = (r) => (failing.map(uuidOf).includes(r.uuid) ? { code: 'HTTP_TIMEOUT', message: 'slow' } : undefined);
        await interruptedPull(network, store, { ...(abortAt !== undefined ? { abortAt } : {}), now: clock.now });
        clock.advance(60_000);
      }
      network.resourceManager.fail = undefined;
      clock.advance(1e9);
      expect(await interruptedPull(network, store, { now: clock.now })).toBe(true);
      expect(await childState(store)).toEqual(parentState(network));
      expect(await store.listFailedEvents()).toEqual([]);
    }), { numRuns: 60 });
  });
});

/** One parent-side change, mapped onto what the object's state allows. */
function apply(network: FakeNetwork, kind: string, uuid: string, name: string): void {
  const held = network.objects.get(`patient/${uuid}`);
  if (kind === 'create-or-update' || !held) {
    if (held) network.update('patient', uuid, patientBody(uuid, name));
    else network.create('patient', uuid, patientBody(uuid, name));
  } else if (kind === 'remove' || kind === 'remove-single') {
    if (!held.removed) network.remove('patient', uuid, { single: kind === 'remove-single' });
  } else if (kind === 'restore') {
    if (held.removed) network.restore('patient', uuid);
  } else {
    network.publish('patient', uuid, 'UPDATED');
  }
}
