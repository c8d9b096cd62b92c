import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { BatchPlan, JsonObject, StoredObject, SyncStore } from '../../../../src/core/store/store-port.ts';
import { hasUnpushedChange, objectKey } from '../../../../src/core/sync/conflict/object-state.ts';
import { planResolution } from '../../../../src/core/sync/conflict/plan-resolution.ts';
import { planLocalWrite } from '../../../../src/core/sync/plan-local-write.ts';
import { decidePush, type ParentNow, type PushWrite } from '../../../../src/core/sync/push/decide-push.ts';
import { planPushNoWrite } from '../../../../src/core/sync/push/plan-push-no-write.ts';
import { ackOfParent, type PushAck, planPushSuccess } from '../../../../src/core/sync/push/plan-push-success.ts';
import { pushMarker, pushMarkerSeq } from '../../../../src/core/sync/push/push-marker.ts';
import { selectPushRows } from '../../../../src/core/sync/push/select-push-rows.ts';
import { edited, patientUuid, restBody } from '../conflict/_bodies.ts';

/** An OpenMRS-like parent in memory: no If-Match, a fresh auditInfo on every write, and a switch to lose the next acknowledgement. */
class FakeParent {
  readonly objects = new Map<string, { body: JsonObject | null; version: number }>();
  writes = 0;
  loseNextAck = false;
  read(uuid: string): ParentNow {
    const o = this.objects.get(uuid);
    if (!o) return { missing: true };
    return o.body === null ? { removed: true, version: String(o.version) } : { body: o.body, version: String(o.version) };
  }
  write(uuid: string, w: PushWrite): PushAck {
    this.writes += 1;
    const version = (this.objects.get(uuid)?.version ?? 0) + 1;
    const body = w.body === null ? null : edited(w.body, (b) => { b.auditInfo = { dateChanged: `t${version}` }; });
    this.objects.set(uuid, { body, version });
    if (this.loseNextAck) { this.loseNextAck = false; throw new Error('connection reset after the parent committed'); }
    return body === null ? { removed: true, version: String(version) } : { body, version: String(version) };
  }
}

let store: SyncStore;
let parent: FakeParent;
let now = 1_000;
let events = 0;
const ctx = () => ({ now: (now += 1), instanceId: 'tablet-1', eventId: `ev-${(events += 1)}` });

/** One push run, as the driver will do it: select, read, decide, write, plan, apply; the marker moves past settled objects. */
async function pushOnce(): Promise<void> {
  const after = (await store.getMarker('push'))?.lastSeq ?? 0;
  const rows = await store.changesSince(after);
  const settled = new Set<string>();
  for (const item of selectPushRows(rows)) {
    const stored = (await store.getObject(item.category, item.uuid)) as StoredObject;
    const parentNow = parent.read(item.uuid);
    const decision = decidePush(stored, parentNow);
    let plan: BatchPlan;
    if (decision.kind === 'write') {
      let ack: PushAck;
      try { ack = parent.write(item.uuid, decision); } catch { continue; }
      plan = planPushSuccess(stored, ack, { ...ctx(), decision, item }).plan;
    } else if (decision.kind === 'already') {
      plan = planPushSuccess(stored, ackOfParent(parentNow), { ...ctx(), decision, item }).plan;
    } else {
      plan = planPushNoWrite(stored, decision, { ...ctx(), item, existingConflict: await store.getConflict(objectKey(item.category, item.uuid)) }).plan;
    }
    expect(await store.applyBatch(plan)).toMatchObject({ ok: true });
    settled.add(objectKey(item.category, item.uuid));
  }
  await store.applyBatch({ markers: [pushMarker(pushMarkerSeq(rows, (k) => settled.has(k), after), now)] });
}

async function writeLocally(body: JsonObject | null): Promise<void> {
  const current = await store.getObject('patient', patientUuid);
  const change = { category: 'patient', uuid: patientUuid, representation: 'rest' as const, body: body ?? current?.body ?? null, removed: body === null };
  expect(await store.applyBatch(planLocalWrite(current, change, { origin: 'local', ...ctx() }).plan)).toMatchObject({ ok: true });
}

const local = async () => (await store.getObject('patient', patientUuid)) as StoredObject;
const onParent = () => parent.objects.get(patientUuid)?.body;

beforeEach(() => { store = createMemoryStore(); parent = new FakeParent(); });

describe('push pieces composed into a run', () => {
  it('a local create, update and removal reach the parent with the uuid, the first two coalesced into one write', async () => {
    await writeLocally(restBody());
    await writeLocally(edited(restBody(), (b) => { b.person.gender = 'M'; }));
    await pushOnce();
    expect(parent.writes).toBe(1);
    expect(onParent()).toMatchObject({ uuid: patientUuid, person: { gender: 'M' } });
    expect(hasUnpushedChange(await local())).toBe(false);
    await writeLocally(null);
    await pushOnce();
    expect(parent.objects.get(patientUuid)?.body).toBeNull();
    expect(parent.writes).toBe(2);
    await pushOnce();
    expect(parent.writes).toBe(2);
  });

  it('a lost acknowledgement is found on the retry as already there: no second write, no duplicate', async () => {
    await writeLocally(restBody());
    parent.loseNextAck = true;
    await pushOnce();
    expect(parent.writes).toBe(1);
    expect((await store.getMarker('push'))?.lastSeq).toBe(0);
    await pushOnce();
    expect(parent.writes).toBe(1);
    expect((await local()).base?.hash).toBe(canonicalHash(onParent() ?? null));
    expect(await store.listAudit({ operation: 'push', outcome: 'noop' })).toHaveLength(1);
  });

  it('concurrent disjoint edits merge, and both sides end equal', async () => {
    await writeLocally(restBody());
    await pushOnce();
    parent.objects.set(patientUuid, { body: edited(onParent() as JsonObject, (b) => { b.person.addresses[0].cityVillage = 'Mathare'; }), version: 7 });
    await writeLocally(edited(restBody(), (b) => { b.person.names[0].middleName = 'W.'; }));
    await pushOnce();
    expect(onParent()).toMatchObject({ person: { addresses: [{ cityVillage: 'Mathare' }], names: [{ middleName: 'W.' }] } });
    expect((await local()).hash).toBe(canonicalHash(onParent() ?? null));
    expect(await store.listAudit({ operation: 'merge' })).toHaveLength(1);
  });

  it('overlapping edits are queued, neither side overwritten, and the resolution is pushed', async () => {
    await writeLocally(restBody());
    await pushOnce();
    const theirs = edited(onParent() as JsonObject, (b) => { b.person.gender = 'O'; b.person.birthdateEstimated = true; });
    parent.objects.set(patientUuid, { body: theirs, version: 7 });
    const mine = edited(restBody(), (b) => { b.person.gender = 'M'; });
    await writeLocally(mine);
    await pushOnce();
    expect(onParent()).toEqual(theirs);
    expect((await local()).body).toEqual(mine);
    const [conflict] = await store.listConflicts({ open: true });
    expect(conflict).toMatchObject({ reason: 'overlap', fields: ['person'] });
    const resolved = planResolution(conflict as NonNullable<typeof conflict>, { take: 'merged', body: edited(theirs, (b) => { b.person.gender = 'M'; }) }, { stored: await local(), ...ctx() });
    if (!resolved.ok) throw new Error(resolved.reason);
    await store.applyBatch(resolved.plan);
    await pushOnce();
    expect(onParent()).toMatchObject({ person: { gender: 'M', birthdateEstimated: true } });
    expect(hasUnpushedChange(await local())).toBe(false);
    expect(await store.listConflicts({ open: true })).toEqual([]);
  });
});
