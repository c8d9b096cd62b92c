import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import { listConflicts } from '../../../../src/core/sync/conflict/resolve-conflict.ts';
import { createPushPhase } from '../../../../src/core/sync/push/create-push-phase.ts';
import { pushFeed } from '../../../../src/core/sync/push/push-marker.ts';
import { createSyncRunner } from '../../../../src/core/sync/runner/create-sync-runner.ts';
import type { SyncProgress, SyncRunnerConfig } from '../../../../src/core/sync/runner/runner-types.ts';
import { createFakeResourceManager } from '../pull/_fake-network.ts';
import { objectRequests, parentAndChild, parentBase, patient, stateOf, uuidOf, withPulledPatient } from './_push-kit.ts';

const config: SyncRunnerConfig = {
  parentBase, pull: { enabled: true }, push: { enabled: true }, scheduleSeconds: 60,
  classes: [{ category: 'patient', enabled: true }], retry: { retries: 0 },
};

async function overlapping(policy: 'child-wins' | 'parent-wins') {
  const { parent, child, a } = await withPulledPatient();
  await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'male' }));
  await child.write('patient', a, patient(a, { gender: 'other' }));
  return { parent, child, a, summary: await child.push({ policy }) };
}

describe('createPushPhase()', () => {
  it('createPushPhase() plugs into the runner: a run pulls, then pushes, with push progress', async () => {
    const { clock, parent, child } = await parentAndChild();
    const [a, b] = [uuidOf(1), uuidOf(2)];
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a));
    await child.write('patient', b, patient(b));
    const runner = await createSyncRunner({
      store: child.store, resourceManager: child.manager, config, fetch: parent.fetch, now: clock.now, instanceId: 'child-1',
      sleep: async () => {}, random: () => 0.5, push: createPushPhase({ random: () => 0.5 }),
    });
    const events: SyncProgress[] = [];
    runner.onProgress((event) => events.push(event));
    const summary = await runner.syncOnce();
    expect(summary).toMatchObject({ status: 'ok', pull: { status: 'ok' }, push: { status: 'ok', counts: { pushed: 1 } } });
    expect(await stateOf(parent.store, 'patient', b)).toBe(await stateOf(child.store, 'patient', b));
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect(events.filter((e) => e.phase === 'push')).toEqual([{ phase: 'push', category: 'patient', done: 1, total: 1 }]);
    // The pulled row and the pushed object are both behind the marker now.
    expect((await child.store.getMarker(pushFeed))?.lastSeq).toBe(await child.store.lastSeq());
  });

  it('createPushPhase() fails with CLIENT_UNAVAILABLE over a manager that cannot write', async () => {
    const phase = createPushPhase();
    const summary = await phase({
      store: createMemoryStore(), resourceManager: createFakeResourceManager(() => undefined), config, signal: new AbortController().signal,
      now: () => 0, log: { debug() {}, info() {}, warn() {}, error() {} }, instanceId: 'c', onProgress() {},
    });
    expect(summary).toMatchObject({ status: 'failed', error: { code: 'CLIENT_UNAVAILABLE' } });
  });
});

describe('pushAll() conflict policies', () => {
  it('pushAll() with child-wins writes the local version over an overlap, with If-Match on the version read', async () => {
    const { parent, child, a, summary } = await overlapping('child-wins');
    expect(summary.counts).toMatchObject({ pushed: 1, conflicts: 0 });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other' });
    expect(await child.store.listAudit({ operation: 'resolve' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ by: 'policy', take: 'local' }) })]);
    expect(await listConflicts(child.store)).toEqual([]);
  });

  it('pushAll() with parent-wins takes the parent version and logs it for this node\'s children only', async () => {
    const { parent, child, a, summary } = await overlapping('parent-wins');
    expect(summary.counts).toMatchObject({ tookParent: 1, pushed: 0 });
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    const rows = await child.store.changesSince(0);
    expect(rows.at(-1)).toMatchObject({ origin: 'parent', uuid: a });
  });

  it('pushAll() with last-write-wins compares the parent\'s clock only: its write before our last acknowledged push loses, after it wins', async () => {
    const { clock, parent, child } = await parentAndChild();
    const [a, b, c] = [uuidOf(1), uuidOf(2), uuidOf(3)];
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a));
    await child.pull();
    clock.advance(1_000);
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'male' }));
    clock.advance(1_000);
    await child.write('patient', b, patient(b));
    expect((await child.push({ policy: 'last-write-wins' })).counts).toMatchObject({ pushed: 1 });
    clock.advance(1_000);
    await child.write('patient', a, patient(a, { gender: 'other' }));
    const localWins = await child.push({ policy: 'last-write-wins' });
    expect(localWins.counts).toMatchObject({ pushed: 1 });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other' });

    await child.write('patient', c, patient(c));
    clock.advance(1_000);
    await child.push({ policy: 'last-write-wins' });
    clock.advance(1_000);
    await child.write('patient', a, patient(a, { gender: 'unknown' }));
    clock.advance(1_000);
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'female' }));
    parent.requests.length = 0;
    const parentWins = await child.push({ policy: 'last-write-wins' });
    expect(parentWins.counts).toMatchObject({ tookParent: 1, pushed: 0 });
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect(objectRequests(parent)).toEqual([`PUT /ws/fhir2/R4/Patient/${a}`, `GET /ws/fhir2/R4/Patient/${a}`]);
  });
});
