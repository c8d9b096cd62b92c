import { describe, expect, it } from 'vitest';
import type { ObjectRequest } from '../../../../src/core/clients/resource-manager.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import { pullCategory } from '../../../../src/core/sync/pull/pull-category.ts';
import { childBase } from '../../feed/_fake-parent.ts';
import { createFixtureParent } from '../../feed/_fixture-parent.ts';
import { instantSleep } from '../../http/_fake-http.ts';
import { createFakeResourceManager, patientBody } from './_fake-network.ts';

const voided = 'bf5bd690-a9ef-4402-8252-b70f9e21e741';
const twiceUpdated = '32af3a10-ebc9-49e8-b59a-8e4a48354c3c';
const filtered = 'b79dc6d8-849f-49e2-aff3-0abb3adb378f';
const bean = 'atomfeed.locationFeedFilterStrategy';

async function pullFixtures(catchment?: Record<string, string>) {
  const parent = await createFixtureParent();
  const rm = createFakeResourceManager((r: ObjectRequest) => ({ body: patientBody(r.uuid, r.uuid.slice(0, 4)), removed: false, version: 1 }));
  const store = createMemoryStore();
  const summary = await pullCategory('patient', {
    base: childBase, store, resourceManager: rm, fetch: parent.fetch, now: () => 1, random: () => 0.5, sleep: instantSleep().sleep,
    ...(catchment ? { catchment } : {}),
  });
  return { parent, rm, store, summary };
}

describe('pullCategory() on the real OpenMRS fixture feed', () => {
  it('pullCategory() reads the 12 events of 3 pages of 5 and fetches 8 objects in 3 calls', async () => {
    const { rm, store, summary, parent } = await pullFixtures();
    expect(parent.requests).toEqual(['patient/recent', 'patient/1', 'patient/2']);
    expect(summary.read.entriesSeen).toBe(12);
    expect(rm.calls.map((call) => call.length)).toEqual([5, 2, 1]);
    expect(rm.calls[2]?.[0]?.uuid).toBe(twiceUpdated);
    expect(rm.calls.flat().some((r) => r.uuid === voided && r.action !== 'CREATED')).toBe(false);
    const objects = await store.listObjects({ category: 'patient', includeRemoved: true });
    expect(objects).toHaveLength(6);
    expect(objects.filter((o) => o.removed).map((o) => o.uuid)).toEqual([voided]);
    expect(summary.counts).toMatchObject({ entries: 12, objects: 9, fetched: 8, applied: 7, removed: 1, noop: 2 });
  });

  it('pullCategory() keeps the voided patient\'s body and logs the void with both event ids in the audit', async () => {
    const { store } = await pullFixtures();
    const object = await store.getObject('patient', voided);
    expect(object).toMatchObject({ removed: true, body: patientBody(voided, voided.slice(0, 4)) });
    const [row] = await store.listAudit({ uuid: voided, outcome: 'ok', limit: 1 });
    expect(row).toMatchObject({ action: 'VOIDED', details: { eventIds: [expect.any(String), expect.any(String), expect.any(String)], removed: true } });
    const changes = await store.feedChanges('patient', { from: 0, limit: 20 });
    expect(changes.filter((c) => c.uuid === voided).map((c) => c.action)).toEqual(['CREATED', 'VOIDED']);
  });

  it('pullCategory() leaves out the fixture events of another catchment', async () => {
    const { store, summary } = await pullFixtures({ [bean]: 'Kenya%Mombasa%*%*%*' });
    expect(summary.read.entriesFiltered).toBe(3);
    expect((await store.getObject('patient', voided))?.removed).toBe(false);
    const changes = await store.feedChanges('patient', { from: 0, limit: 20 });
    expect(changes.filter((c) => c.uuid === filtered).map((c) => c.action)).toEqual(['CREATED']);
  });
});
