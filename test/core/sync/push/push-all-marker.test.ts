import { describe, expect, it } from 'vitest';
import type { SyncStore } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { pushAll } from '../../../../src/core/sync/push/push-all.ts';
import { pushFeed } from '../../../../src/core/sync/push/push-marker.ts';
import { objectRequests, parentAndChild, patient, stateOf, uuidOf, withPulledPatient } from './_push-kit.ts';

describe('pushAll() and the push marker', () => {
  it('pushAll() walks the log in windows and moves the marker past rows pulled from the parent', async () => {
    const { parent, child } = await parentAndChild();
    for (const n of [1, 2, 3]) await parent.admin('PUT', `/ws/fhir2/R4/Patient/${uuidOf(n)}`, patient(uuidOf(n)));
    await child.pull();
    for (const n of [4, 5, 6, 7]) await child.write('patient', uuidOf(n), patient(uuidOf(n)));
    const summary = await child.push({ windowSize: 2 });
    expect(summary.counts).toMatchObject({ pushed: 4, objects: 4 });
    expect(summary.markerSeq).toBe(7);
    expect((await child.store.getMarker(pushFeed))?.lastSeq).toBe(7);
    for (const n of [4, 5, 6, 7]) expect(await stateOf(parent.store, 'patient', uuidOf(n))).toBe(await stateOf(child.store, 'patient', uuidOf(n)));
  });

  it('pushAll() stops when the parent stops answering: the object is recorded, the rest stays unpushed behind the marker', async () => {
    const { clock, parent, child } = await parentAndChild();
    const [a, b, c] = [uuidOf(1), uuidOf(2), uuidOf(3)];
    for (const uuid of [a, b, c]) await child.write('patient', uuid, patient(uuid));
    let down = false;
    parent.intercept = (request) => {
      if (request.url.includes(b)) down = true;
      return down ? Promise.reject(new TypeError('fetch failed: connection refused')) : undefined;
    };
    const first = await child.push();
    expect(first).toMatchObject({ status: 'partial', counts: { pushed: 1, failed: 1 }, error: { code: 'PARENT_UNREACHABLE' } });
    expect(first.markerSeq).toBe(2);
    const third = await child.store.getObject('patient', c);
    expect(third && hasUnpushedChange(third)).toBe(true);
    expect(await parent.store.getObject('patient', c)).toBeUndefined();

    down = false;
    parent.intercept = undefined;
    const second = await child.push();
    expect(second.counts).toMatchObject({ pushed: 1 });
    expect(await stateOf(parent.store, 'patient', c)).toBe(await stateOf(child.store, 'patient', c));
    clock.advance(3_600_000);
    expect((await child.push()).counts).toMatchObject({ pushed: 1 });
    expect(await stateOf(parent.store, 'patient', b)).toBe(await stateOf(child.store, 'patient', b));
  });

  it('pushAll() converges without a duplicate when the child dies between the parent\'s yes and its own commit', async () => {
    const { clock, parent, child, a } = await withPulledPatient();
    await child.write('patient', a, patient(a, { gender: 'other' }));
    let crashed = false;
    const crashing: SyncStore = {
      ...child.store,
      applyBatch: async (plan) => {
        if (!crashed && plan.audit?.some((row) => row.operation === 'push' && row.outcome === 'ok')) {
          crashed = true;
          throw new Error('killed');
        }
        return await child.store.applyBatch(plan);
      },
    };
    const killed = await pushAll({ store: crashing, resourceManager: child.manager, now: clock.now, instanceId: 'child-1', random: () => 0.5 });
    expect(killed).toMatchObject({ status: 'failed', error: { message: 'killed' } });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other' });
    const before = (await parent.store.changesSince(0)).length;
    parent.requests.length = 0;
    const after = await child.push();
    expect(after.counts).toMatchObject({ already: 1, pushed: 0 });
    expect(objectRequests(parent)).toEqual([`PUT /ws/fhir2/R4/Patient/${a}`, `GET /ws/fhir2/R4/Patient/${a}`]);
    expect((await parent.store.changesSince(0)).length).toBe(before);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
  });
});
