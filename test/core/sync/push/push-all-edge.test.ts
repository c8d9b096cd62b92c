import { describe, expect, it } from 'vitest';
import { hasUnpushedChange } from '../../../../src/core/sync/conflict/object-state.ts';
import { listConflicts, resolveConflict } from '../../../../src/core/sync/conflict/resolve-conflict.ts';
import { objectRequests, parentAndChild, patient, stateOf, uuidOf, withPulledPatient } from './_push-kit.ts';

const newId = (() => { let n = 0; return () => `${String(++n).padStart(8, '0')}-0000-4000-8000-0000000000dd`; })();

describe('pushAll() against an edge node', () => {
  it('pushAll() sends local creates, updates and deletes with their ids, then has nothing left to send', async () => {
    const { parent, child } = await parentAndChild();
    const [a, b] = [uuidOf(1), uuidOf(2)];
    await child.write('patient', a, patient(a));
    await child.write('patient', b, patient(b));
    const first = await child.push();
    expect(first).toMatchObject({ status: 'ok', counts: { pushed: 2, failed: 0, conflicts: 0 } });
    expect(await stateOf(parent.store, 'patient', a)).toBe(await stateOf(child.store, 'patient', a));
    expect((await parent.store.getObject('patient', b))?.uuid).toBe(b);
    // Creates read first (404), then PUT with the client's id; no POST that would mint a new id.
    expect(objectRequests(parent)).toEqual([`GET /ws/fhir2/R4/Patient/${a}`, `PUT /ws/fhir2/R4/Patient/${a}`, `GET /ws/fhir2/R4/Patient/${b}`, `PUT /ws/fhir2/R4/Patient/${b}`]);
    expect(hasUnpushedChange((await child.store.getObject('patient', a))!)).toBe(false);

    parent.requests.length = 0;
    await child.write('patient', a, patient(a, { gender: 'male' }));
    await child.write('patient', b, null);
    const second = await child.push();
    expect(second.counts).toMatchObject({ pushed: 2 });
    // Updates and deletes go at once with If-Match on the base version: one request each.
    expect(objectRequests(parent)).toEqual([`PUT /ws/fhir2/R4/Patient/${a}`, `DELETE /ws/fhir2/R4/Patient/${b}`]);
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'male' });
    expect((await parent.store.getObject('patient', b))?.removed).toBe(true);
    expect((await parent.store.changesSince(0)).every((row) => row.origin === 'child' && row.originId === 'child-1')).toBe(true);

    parent.requests.length = 0;
    const third = await child.push();
    expect(third.counts).toMatchObject({ objects: 0, pushed: 0 });
    expect(objectRequests(parent)).toEqual([]);
    expect(third.markerSeq).toBe(await child.store.lastSeq());
  });

  it('pushAll() and pull merge concurrent disjoint edits, and both sides end equal', async () => {
    const { parent, child, a } = await withPulledPatient();
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { birthDate: '1990-01-01' }));
    await child.write('patient', a, patient(a, { gender: 'other' }));
    parent.requests.length = 0;
    const summary = await child.push();
    expect(summary.counts).toMatchObject({ pushed: 1, merged: 1, conflicts: 0 });
    // The If-Match write was stale (412): read, merge, write with If-Match on what was read.
    expect(objectRequests(parent)).toEqual([`PUT /ws/fhir2/R4/Patient/${a}`, `GET /ws/fhir2/R4/Patient/${a}`, `PUT /ws/fhir2/R4/Patient/${a}`]);
    const held = (await parent.store.getObject('patient', a))?.body;
    expect(held).toMatchObject({ gender: 'other', birthDate: '1990-01-01' });
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect(await child.store.listAudit({ operation: 'merge' })).toHaveLength(1);
  });

  it('pull merges disjoint edits into a local change that the next push sends', async () => {
    const { parent, child, a } = await withPulledPatient();
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { birthDate: '1990-01-01' }));
    await child.write('patient', a, patient(a, { gender: 'other' }));
    await child.pull();
    const merged = await child.store.getObject('patient', a);
    expect(merged?.body).toMatchObject({ gender: 'other', birthDate: '1990-01-01' });
    expect(merged && hasUnpushedChange(merged)).toBe(true);
    parent.requests.length = 0;
    expect((await child.push()).counts).toMatchObject({ pushed: 1 });
    expect(objectRequests(parent)).toEqual([`PUT /ws/fhir2/R4/Patient/${a}`]);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    await child.pull();
    expect(await listConflicts(child.store)).toEqual([]);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
  });

  it('pushAll() queues overlapping edits as a conflict and overwrites neither side; resolving makes them agree', async () => {
    const { parent, child, clock, a } = await withPulledPatient();
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'male' }));
    const local = await child.write('patient', a, patient(a, { gender: 'other' }));
    const summary = await child.push();
    expect(summary).toMatchObject({ status: 'ok', counts: { conflicts: 1, pushed: 0 } });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'male' });
    expect(await child.store.getObject('patient', a)).toEqual(local);
    const [conflict] = await listConflicts(child.store);
    expect(conflict).toMatchObject({ id: `patient/${a}`, reason: 'overlap', fields: ['gender'], local: local.body, parent: { gender: 'male' } });
    expect(await child.store.listAudit({ operation: 'conflict' })).toHaveLength(1);

    // Queued: later runs leave it alone until a person decides.
    parent.requests.length = 0;
    expect((await child.push()).counts).toMatchObject({ skipped: 0, objects: 0 });
    expect(objectRequests(parent)).toEqual([]);

    clock.advance(1_000);
    const resolved = await resolveConflict(child.store, `patient/${a}`, { take: 'local' }, { now: clock.now(), newId, instanceId: 'child-1', by: 'nurse' });
    expect(resolved).toMatchObject({ ok: true, resolution: 'local' });
    expect((await child.push()).counts).toMatchObject({ pushed: 1, conflicts: 0 });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other' });
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect(await listConflicts(child.store)).toEqual([]);
    expect(await child.store.listAudit({ operation: 'resolve' })).toEqual([expect.objectContaining({ details: expect.objectContaining({ by: 'nurse' }) })]);
  });

  it('resolveConflict() taking the parent version settles both sides without a push', async () => {
    const { parent, child, clock, a } = await withPulledPatient();
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'male' }));
    await child.write('patient', a, patient(a, { gender: 'other' }));
    await child.pull();
    expect(await listConflicts(child.store)).toHaveLength(1);
    const id = `patient/${a}`;
    expect(await resolveConflict(child.store, 'patient/none', { take: 'parent' }, { now: clock.now(), newId, instanceId: 'c' })).toEqual({ ok: false, reason: 'not-found' });
    expect(await resolveConflict(child.store, id, { take: 'parent' }, { now: clock.now(), newId, instanceId: 'c' })).toMatchObject({ ok: true });
    expect(await resolveConflict(child.store, id, { take: 'local' }, { now: clock.now(), newId, instanceId: 'c' })).toEqual({ ok: false, reason: 'resolved' });
    parent.requests.length = 0;
    expect((await child.push()).counts).toMatchObject({ pushed: 0, conflicts: 0 });
    expect(objectRequests(parent)).toEqual([]);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
    expect(await listConflicts(child.store, { state: 'resolved' })).toEqual([expect.objectContaining({ id, resolution: 'parent' })]);
  });

  it('pushAll() queues a local edit against a removal on the parent as removed-on-parent', async () => {
    const { parent, child, a } = await withPulledPatient();
    await parent.admin('DELETE', `/ws/fhir2/R4/Patient/${a}`);
    await child.write('patient', a, patient(a, { gender: 'other' }));
    expect((await child.push()).counts).toMatchObject({ conflicts: 1 });
    expect(await listConflicts(child.store)).toEqual([expect.objectContaining({ reason: 'removed-on-parent', parent: null })]);
    expect((await parent.store.getObject('patient', a))?.removed).toBe(true);
  });

  it('pushAll() settles a queued conflict once the local side moved back to the base: the parent version is taken and the record closed', async () => {
    const { parent, child, a } = await withPulledPatient();
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'male' }));
    await child.write('patient', a, patient(a, { gender: 'other' }));
    await child.pull();
    expect(await listConflicts(child.store)).toHaveLength(1);
    await child.write('patient', a, patient(a));
    expect((await child.push()).counts).toMatchObject({ tookParent: 1 });
    expect(await listConflicts(child.store)).toEqual([]);
    expect(await listConflicts(child.store, { state: 'resolved' })).toEqual([expect.objectContaining({ resolution: 'parent' })]);
    expect(await stateOf(child.store, 'patient', a)).toBe(await stateOf(parent.store, 'patient', a));
  });

  it('pull closes a queued conflict when the parent goes back to the base, and logs the local change again for push', async () => {
    const { parent, child, a } = await withPulledPatient();
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a, { gender: 'male' }));
    await child.write('patient', a, patient(a, { gender: 'other' }));
    await child.pull();
    await child.push();
    expect(await listConflicts(child.store)).toHaveLength(1);
    await parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a));
    await child.pull();
    expect(await listConflicts(child.store)).toEqual([]);
    expect((await child.store.changesSince(0)).at(-1)).toMatchObject({ origin: 'local', uuid: a });
    expect((await child.push()).counts).toMatchObject({ pushed: 1 });
    expect((await parent.store.getObject('patient', a))?.body).toMatchObject({ gender: 'other' });
  });
});
