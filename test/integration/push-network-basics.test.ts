// Push over a three-level network of real edge nodes (root ← hub ← leaf, loopback HTTP): local writes reach the root with their ids, disjoint edits merge, overlapping ones wait for a person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/store/store-port.ts';
import {
  livePatients, openConflicts, patientBody, type PushNode, resolveConflictOn, startPushNode, stateOf, syncOk,
} from './_push-network-kit.ts';

let root: PushNode;
let hub: PushNode;
let leaf: PushNode;
let patients: JsonObject[];

/** Syncs up (leaf, hub), then down (hub, leaf): a change made anywhere reaches every node. */
async function roundTrip(): Promise<void> {
  await syncOk(leaf, hub, hub, leaf);
}

async function expectAllAgree(): Promise<Record<string, string>> {
  const [atRoot, atHub, atLeaf] = await Promise.all([root, hub, leaf].map(stateOf));
  expect(atHub).toEqual(atRoot);
  expect(atLeaf).toEqual(atRoot);
  return atRoot as Record<string, string>;
}

async function bodyAt(node: PushNode, uuid: string): Promise<JsonObject | null | undefined> {
  return (await node.store.getObject('patient', uuid))?.body;
}

beforeAll(async () => {
  root = await startPushNode({ name: 'root', argv: ['--seed-patients', '6'], children: ['hub'] });
  hub = await startPushNode({ name: 'hub', parent: root, children: ['leaf', 'tablet', 'kiosk'] });
  leaf = await startPushNode({ name: 'leaf', parent: hub });
  await syncOk(hub, leaf);
  patients = await livePatients(leaf, 6);
});

afterAll(async () => {
  await Promise.all([leaf, hub, root].filter(Boolean).map((n) => n.close()));
});

describe('local writes on the leaf', () => {
  it('creates, updates and removals made through the leaf\'s FHIR API reach the root with their ids', async () => {
    const [toUpdate, toRemove] = patients as [JsonObject, JsonObject];
    const posted = await leaf.fhir('Patient', { method: 'POST', body: patientBody('ignored', { gender: 'female', birthDate: '2001-05-06' }) });
    expect(posted.status).toBe(201);
    const postedId = String(posted.body['id']);
    const chosenId = crypto.randomUUID();
    expect((await leaf.fhir(`Patient/${chosenId}`, { method: 'PUT', body: patientBody(chosenId, { gender: 'male' }) })).status).toBe(201);
    expect((await leaf.fhir(`Patient/${toUpdate['id']}`, { method: 'PUT', body: { ...toUpdate, birthDate: '1970-07-07' } })).status).toBe(200);
    expect((await leaf.fhir(`Patient/${toRemove['id']}`, { method: 'DELETE' })).status).toBe(204);
    const pending = (await leaf.call('/status')).body['push'];
    expect(pending).toMatchObject({ enabled: true, conflictPolicy: 'manual', pending: { objects: 4, capped: false } });

    await syncOk(leaf, hub);
    for (const id of [postedId, chosenId]) {
      expect(await bodyAt(root, id), id).toMatchObject({ id, resourceType: 'Patient' });
      expect((await root.fhir(`Patient/${id}`)).status).toBe(200);
    }
    expect(await bodyAt(root, String(toUpdate['id']))).toMatchObject({ birthDate: '1970-07-07' });
    expect((await root.fhir(`Patient/${toRemove['id']}`)).status).toBe(410);
    // Each level logged the writes as its child's: the hub under the leaf's instance id, the root under the hub's.
    const rootRows = (await root.store.changesSince(0)).filter((r) => [postedId, chosenId].includes(r.uuid));
    expect(rootRows.map((r) => [r.origin, r.originId, r.action])).toEqual([['child', 'hub', 'CREATED'], ['child', 'hub', 'CREATED']]);
    const hubRow = (await hub.store.changesSince(0)).find((r) => r.uuid === postedId);
    expect(hubRow).toMatchObject({ origin: 'child', originId: 'leaf' });
    expect((await leaf.call('/status')).body['push']['pending']).toEqual({ changes: 0, objects: 0, capped: false });

    await syncOk(hub, leaf);
    const states = await expectAllAgree();
    expect(states[`patient/${toRemove['id']}`]).toBe('removed');
  });
});

describe('concurrent edits', () => {
  it('disjoint edits made on the root, the hub and the leaf merge into one version on every level', async () => {
    const p = patients[2] as JsonObject;
    const id = String(p['id']);
    expect((await root.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, birthDate: '1955-01-01' } })).status).toBe(200);
    expect((await hub.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, gender: 'other' } })).status).toBe(200);
    expect((await leaf.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, name: [{ family: 'Merged', given: ['Leaf'] }] } })).status).toBe(200);

    await roundTrip();
    const merged = { birthDate: '1955-01-01', gender: 'other', name: [{ family: 'Merged', given: ['Leaf'] }] };
    for (const node of [root, hub, leaf]) expect(await bodyAt(node, id), node.name).toMatchObject(merged);
    for (const node of [root, hub, leaf]) expect(await openConflicts(node), node.name).toEqual([]);
    await expectAllAgree();
    // The leaf merged the hub's edit with its own, the hub the root's with the leaf's.
    for (const node of [hub, leaf]) expect((await node.store.listAudit({ operation: 'merge', uuid: id })).length, node.name).toBeGreaterThan(0);
  });

  it('overlapping edits end in the leaf\'s conflict queue with both versions, and neither side is overwritten', async () => {
    const p = patients[3] as JsonObject;
    const id = String(p['id']);
    expect((await root.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, gender: 'other', birthDate: '1960-06-06' } })).status).toBe(200);
    expect((await leaf.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, gender: 'unknown' } })).status).toBe(200);

    // The root's edit comes down first: the leaf finds it when it pulls, against its own unpushed edit.
    await syncOk(hub, leaf);
    await roundTrip();
    const queue = await openConflicts(leaf);
    expect(queue).toMatchObject([{ id: `patient/${id}`, reason: 'overlap', fields: ['gender'] }]);
    const record = (await leaf.call(`/openmrs/ws/rest/sync2/conflicts/patient/${id}`)).body;
    expect(record['local']).toMatchObject({ gender: 'unknown' });
    expect(record['parent']).toMatchObject({ gender: 'other', birthDate: '1960-06-06' });
    expect(await bodyAt(leaf, id)).toMatchObject({ gender: 'unknown' });
    for (const node of [root, hub]) expect(await bodyAt(node, id), node.name).toMatchObject({ gender: 'other' });
    expect((await leaf.call('/status')).body['conflicts']).toEqual({ open: 1 });
  });

  it('resolving it through the leaf\'s conflict endpoint makes every level agree on the chosen version', async () => {
    const [conflict] = await openConflicts(leaf);
    const id = String(conflict?.['uuid']);
    const resolved = await resolveConflictOn(leaf, String(conflict?.['id']), { fields: { gender: 'local' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ open: false, resolution: 'merged', object: { body: { gender: 'unknown', birthDate: '1960-06-06' } } });

    await roundTrip();
    for (const node of [root, hub, leaf]) expect(await bodyAt(node, id), node.name).toMatchObject({ gender: 'unknown', birthDate: '1960-06-06' });
    for (const node of [root, hub, leaf]) expect(await openConflicts(node), node.name).toEqual([]);
    await expectAllAgree();
    const [audit] = await leaf.store.listAudit({ operation: 'resolve', uuid: id, limit: 1 });
    expect(audit).toMatchObject({ outcome: 'ok', details: { by: 'admin', resolution: 'merged' } });
  });

  it('a round trip with nothing new writes nothing anywhere', async () => {
    const before = await Promise.all([root, hub, leaf].map((n) => n.store.lastSeq()));
    await roundTrip();
    expect(await Promise.all([root, hub, leaf].map((n) => n.store.lastSeq()))).toEqual(before);
  });
});

describe('on schedule', () => {
  it('a child running on its schedule pushes a local change without being asked', async () => {
    const tablet = await startPushNode({ name: 'tablet', parent: hub, scheduled: true, scheduleSeconds: 1 });
    try {
      const id = crypto.randomUUID();
      expect((await tablet.fhir(`Patient/${id}`, { method: 'PUT', body: patientBody(id, { gender: 'female' }) })).status).toBe(201);
      // Wait for a scheduled run to carry it up (a deadline against a hang, not a speed check).
      const deadline = Date.now() + 15_000;
      while (!(await hub.store.getObject('patient', id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await bodyAt(hub, id)).toMatchObject({ id, gender: 'female' });
      expect((await hub.store.changesSince(0)).find((r) => r.uuid === id)).toMatchObject({ origin: 'child', originId: 'tablet' });
    } finally {
      await tablet.close();
    }
  });
});

describe('ts.conflictPolicy', () => {
  it('child-wins settles an overlap met by a push without a person: the child\'s version is written, audited as resolved by policy', async () => {
    const kiosk = await startPushNode({ name: 'kiosk', parent: hub, ts: { conflictPolicy: 'child-wins' } });
    try {
      const id = crypto.randomUUID();
      const p = patientBody(id, { gender: 'female' });
      expect((await hub.fhir(`Patient/${id}`, { method: 'PUT', body: p })).status).toBe(201);
      await syncOk(kiosk);
      expect((await kiosk.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, gender: 'unknown' } })).status).toBe(200);
      expect((await hub.fhir(`Patient/${id}`, { method: 'PUT', body: { ...p, gender: 'other' } })).status).toBe(200);
      // Push alone: the push (not a pull) meets the hub's change, and the policy decides.
      const run = await (kiosk.edge.child as NonNullable<typeof kiosk.edge.child>).runner.syncOnce({ direction: 'push' });
      expect(run.status).toBe('ok');
      expect(await bodyAt(hub, id)).toMatchObject({ gender: 'unknown' });
      expect(await openConflicts(kiosk)).toEqual([]);
      const [audit] = await kiosk.store.listAudit({ operation: 'resolve', uuid: id, limit: 1 });
      expect(audit?.details).toMatchObject({ by: 'policy' });
      expect((await kiosk.call('/status')).body['push']).toMatchObject({ conflictPolicy: 'child-wins', pending: { changes: 0 } });
    } finally {
      await kiosk.close();
    }
  });
});
