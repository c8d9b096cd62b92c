/** Property shared by the Dexie store suites: any run of batches gives the memory store's results and state. */

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import type { BatchPlan, Precondition, SyncStore } from '../../src/core/store/store-port.ts';
import { auditRow, change, marker, obj, snapshot, uuid } from '../core/store/_contract-fixtures.ts';

const categories = ['patient', 'location'] as const;
const keyArb = fc.record({ category: fc.constantFrom(...categories), n: fc.integer({ min: 1, max: 3 }) });
const versionArb = fc.constantFrom('v1', 'v2');

const objectsArb = fc.uniqueArray(
  fc.record({ key: keyArb, version: versionArb, removed: fc.boolean() }),
  { maxLength: 3, selector: (o) => `${o.key.category}/${o.key.n}` },
).map((list) => list.map(({ key, version, removed }) => obj(key.category, key.n, { version, removed })));

const preconditionsArb = fc.array(
  fc.record({ key: keyArb, version: fc.oneof(fc.constant(null), versionArb) }),
  { maxLength: 3 },
).map((list) => list.map(({ key, version }): Precondition => ({ category: key.category, uuid: uuid(key.n), version })));

// Few event ids, so later batches often log one again (a replay).
const changesArb = fc.uniqueArray(
  fc.record({ eventId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'), key: keyArb }),
  { maxLength: 3, selector: (c) => c.eventId },
).map((list) => list.map(({ eventId, key }) => change(eventId, key.category, key.n, { filters: [`<f>${eventId}</f>`] })));

/** A plan whose preconditions often name the plan's own objects, and often must not exist. */
const planArb: fc.Arbitrary<BatchPlan> = fc
  .record({
    objects: objectsArb, extra: preconditionsArb, changes: changesArb, audit: fc.integer({ min: 0, max: 2 }),
    ownConditions: fc.array(fc.oneof(fc.constant(null), versionArb), { maxLength: 3 }), marker: fc.boolean(),
    setting: fc.constantFrom(undefined, 1, 'gone'),
  })
  .map(({ objects, extra, changes, audit, ownConditions, marker: withMarker, setting }) => {
    const own = ownConditions.flatMap((version, i) => {
      const o = objects[i];
      return o ? [{ category: o.category, uuid: o.uuid, version }] : [];
    });
    const plan: BatchPlan = {
      objects, changes, preconditions: [...own, ...extra], audit: Array.from({ length: audit }, (_, i) => auditRow(i + 1, { details: { i } })),
    };
    if (withMarker) plan.markers = [marker('patient')];
    if (setting !== undefined) plan.settings = { s1: setting === 'gone' ? undefined : setting };
    return plan;
  });

/** Each step a new plan or a replay of an earlier one. */
const stepsArb = fc.array(fc.oneof(planArb.map((plan) => ({ plan })), fc.nat().map((replay) => ({ replay }))), { minLength: 1, maxLength: 6 });

/**
 * Registers a property test: a run of batches (new plans and replays, with preconditions that
 * hold or fail and event ids already logged or not) applied to a store from `makeStore` and to
 * the memory store gives equal results, batch by batch, and an equal final state.
 */
export function dexieBatchEquivalence(makeStore: () => Promise<SyncStore>, options: { runs: number }): void {
  it('applyBatch() gives the memory store\'s results and state for runs of batches with replays and preconditions', async () => {
    await fc.assert(fc.asyncProperty(stepsArb, async (steps) => {
      const reference = createMemoryStore();
      const store = await makeStore();
      try {
        const applied: BatchPlan[] = [];
        for (const step of steps) {
          const plan = 'plan' in step ? step.plan : applied[step.replay % Math.max(1, applied.length)] ?? {};
          applied.push(plan);
          expect(await store.applyBatch(plan)).toEqual(await reference.applyBatch(plan));
        }
        expect(await snapshot(store)).toEqual(await snapshot(reference));
      } finally {
        await store.close();
      }
    }), { numRuns: options.runs });
  });
}
