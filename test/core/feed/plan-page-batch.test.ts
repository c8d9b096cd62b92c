import { describe, expect, it } from 'vitest';
import { failedEventId, planFailedEvent } from '../../../src/core/feed/failed-event-policy.ts';
import { planPageBatch } from '../../../src/core/feed/plan-page-batch.ts';
import { applyEntries, startFeedRun } from '../../../src/core/feed/feed-run.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { FailedEvent } from '../../../src/core/store/store-port.ts';
import { rejectionOf } from '../http/_fake-http.ts';
import { entryOf, makeEvents } from './_fake-parent.ts';

const feed = 'patient-feed';
const events = makeEvents(4, { objects: 2 });
const entries = events.map((e) => entryOf(e));
const [e0, e1, e2, e3] = entries as [typeof entries[0], typeof entries[0], typeof entries[0], typeof entries[0]];
const error = { code: 'OBJECT_INVALID', message: 'bad' };
const base = { feed, now: 1_000, random: () => 0.5, instanceId: 'tablet-1' };
const failedFor = (entry: typeof e0): FailedEvent => planFailedEvent(undefined, { feed, entry, error, now: 1, random: () => 0 });

describe('planPageBatch()', () => {
  it('planPageBatch() appends the marker, failed events and audit rows to the handler plan', () => {
    const marker = { feed, lastEntryId: e3.id, pageUrl: 'p/1', updatedAt: 1_000 };
    const handlerAudit = { at: 1, operation: 'pull' as const, outcome: 'ok' as const, instanceId: 'tablet-1' };
    const { plan, put, deleted } = planPageBatch({
      ...base, handed: entries, known: new Map(), marker,
      result: { plan: { changes: [], audit: [handlerAudit] }, failures: [{ entry: e1, error }] },
      warnings: [{ kind: 'marker-entry-missing', message: 'm', details: {} }],
    });
    expect(plan.markers).toEqual([marker]);
    expect(put.map((p) => p.id)).toEqual([failedEventId({ direction: 'pull', feed, entryId: e1.id })]);
    expect(deleted).toEqual([]);
    expect(plan.audit?.map((a) => a.operation)).toEqual(['pull', 'failure', 'warning']);
    expect(plan.audit?.every((a) => a.instanceId === 'tablet-1')).toBe(true);
  });

  it('planPageBatch() counts attempts on from the known record', () => {
    const known = new Map([[failedFor(e1).id, failedFor(e1)]]);
    const { put } = planPageBatch({ ...base, handed: [e1], known, result: { plan: {}, failures: [{ entry: e1, error }] } });
    expect(put[0]?.attempts).toBe(2);
  });

  it('planPageBatch() deletes the records a success settles (same entry or same object), not others', () => {
    // e0 and e2 are about the same object (2 objects over 4 events), as are e1 and e3.
    const known = new Map([e0, e1].map((e) => [failedFor(e).id, failedFor(e)] as const));
    const { plan, deleted } = planPageBatch({ ...base, handed: [e2], known, result: { plan: {} } });
    expect(deleted).toEqual([failedFor(e0).id]);
    expect(plan.failedEvents).toEqual({ put: [], delete: [failedFor(e0).id] });
  });

  it('planPageBatch() never both puts and deletes one id, and puts one record per entry', () => {
    const known = new Map([[failedFor(e0).id, failedFor(e0)]]);
    const { plan } = planPageBatch({
      ...base, handed: [e0, e2], known,
      result: { plan: {}, failures: [{ entry: e0, error }, { entry: e0, error: { code: 'LATER', message: '' } }] },
    });
    expect(plan.failedEvents?.put?.map((p) => p.error.code)).toEqual(['LATER']);
    expect(plan.failedEvents?.delete).toEqual([]);
  });

  it('planPageBatch() leaves the plan alone when there is nothing to add', () => {
    expect(planPageBatch({ ...base, handed: [], known: new Map() }).plan).toEqual({});
  });
});

describe('applyEntries()', () => {
  it('applyEntries() plans again when a precondition fails, and gives up after three tries', async () => {
    const store = createMemoryStore();
    let calls = 0;
    const handle = async () => {
      calls += 1;
      return { plan: { preconditions: [{ category: 'patient', uuid: 'u', version: calls >= 2 ? null : 'v9' }] } };
    };
    const run = await startFeedRun(feed, { store, handle, now: () => 0 });
    await applyEntries(run, [e0], { pageUrl: 'p/1', marker: { feed, updatedAt: 0, pageUrl: 'p/1', lastEntryId: e0.id } });
    expect(calls).toBe(2);
    expect(await store.getMarker(feed)).toMatchObject({ lastEntryId: e0.id });

    const stuck = await startFeedRun(feed, { store, handle: async () => ({ plan: { preconditions: [{ category: 'patient', uuid: 'u', version: 'v9' }] } }), now: () => 0 });
    const error = await rejectionOf(applyEntries(stuck, [e1], { pageUrl: 'p/2', marker: { feed, updatedAt: 0, pageUrl: 'p/2', lastEntryId: e1.id } }));
    expect(error.code).toBe('STORE_BATCH_INVALID');
    expect(error.details).toMatchObject({ reason: 'precondition', attempts: 3 });
    expect((await store.getMarker(feed))?.lastEntryId).toBe(e0.id);
  });
});
