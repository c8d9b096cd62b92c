// A three-level network of real edge nodes over loopback (root ← hub ← leaf): what changes on the root reaches the leaf two levels down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/store/store-port.ts';
import { childConfig, fhirCall, objectStates, startNode, type TestNode } from '../edge/child/_edge-node-kit.ts';

const hubLogin = { name: 'hub', password: 'hub-secret-1' };
const leafLogin = { name: 'leaf', password: 'leaf-secret-1' };
let root: TestNode;
let hub: TestNode;
let leaf: TestNode;

/** Syncs the hub, then the leaf; both runs must end ok. */
async function syncDown(): Promise<void> {
  for (const node of [hub, leaf]) {
    const { status, body } = await node.sync();
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body['status']).toBe('ok');
  }
}

async function expectSameEverywhere(): Promise<Map<string, { hash: string; removed: boolean }>> {
  const [atRoot, atHub, atLeaf] = await Promise.all([root, hub, leaf].map((n) => objectStates(n.store)));
  expect(atHub).toEqual(atRoot);
  expect(atLeaf).toEqual(atRoot);
  return atRoot as Map<string, { hash: string; removed: boolean }>;
}

beforeAll(async () => {
  // The root lists the hub as its child user; the hub lists the leaf: each logs in to its own parent only.
  root = await startNode({ argv: ['--seed-patients', '4'], config: { pull: { enabled: false }, push: { enabled: false }, ts: { children: [hubLogin] } } });
  hub = await startNode({ config: childConfig(root.base, hubLogin, { ts: { children: [leafLogin] } }) });
  leaf = await startNode({ config: childConfig(hub.base, leafLogin) });
});

afterAll(async () => {
  await Promise.all([leaf, hub, root].filter(Boolean).map((n) => n.close()));
});

describe('root ← hub ← leaf', () => {
  it('the leaf ends with the root\'s objects and canonical hashes after the hub and the leaf sync', async () => {
    await syncDown();
    const states = await expectSameEverywhere();
    expect(states.size).toBeGreaterThan(30);
    const hubRows = await hub.store.changesSince(0);
    const leafRows = await leaf.store.changesSince(0);
    expect(hubRows.length).toBe(states.size);
    expect(leafRows.length).toBe(states.size);
    expect(new Set([...hubRows, ...leafRows].map((r) => r.origin))).toEqual(new Set(['parent']));
  });

  it('creates, updates and removals made through the root\'s FHIR API reach the leaf; the tombstone arrives as removed', async () => {
    const patients = (await fhirCall(root, 'Patient?_count=10')).body?.['entry'] as { resource: JsonObject }[];
    const [toUpdate, toRemove] = patients.map((e) => e.resource);
    const created = await fhirCall(root, 'Patient', { method: 'POST', body: { resourceType: 'Patient', gender: 'female', name: [{ family: 'Wanjiru', given: ['Amina'] }] } });
    expect(created.status).toBe(201);
    const createdId = String(created.body?.['id']);
    const updated = await fhirCall(root, `Patient/${toUpdate?.['id']}`, { method: 'PUT', body: { ...toUpdate, gender: 'other', birthDate: '1990-01-02' } });
    expect(updated.status).toBe(200);
    expect((await fhirCall(root, `Patient/${toRemove?.['id']}`, { method: 'DELETE' })).status).toBe(204);

    await syncDown();
    const states = await expectSameEverywhere();
    expect(states.get(`patient/${createdId}`)?.removed).toBe(false);
    expect(states.get(`patient/${toRemove?.['id']}`)?.removed).toBe(true);
    expect((await leaf.store.getObject('patient', String(toUpdate?.['id'])))?.body).toMatchObject({ gender: 'other', birthDate: '1990-01-02' });
    const removal = (await leaf.store.changesSince(0)).filter((r) => r.uuid === toRemove?.['id']).at(-1);
    expect(removal).toMatchObject({ action: 'VOIDED', origin: 'parent' });
    // The leaf serves what it pulled: the removed patient reads as gone, the new one as it is on the root.
    expect((await fhirCall(leaf, `Patient/${toRemove?.['id']}`)).status).toBe(410);
    expect((await fhirCall(leaf, `Patient/${createdId}`)).body).toMatchObject({ name: [{ family: 'Wanjiru', given: ['Amina'] }] });
  });

  it('a sync with nothing new on the root changes nothing down the network', async () => {
    const before = await Promise.all([hub, leaf].map((n) => n.store.lastSeq()));
    await syncDown();
    expect(await Promise.all([hub, leaf].map((n) => n.store.lastSeq()))).toEqual(before);
    await expectSameEverywhere();
  });
});
