// A three-level network of real edge nodes (root ← hub ← two leaves) converges after hundreds of seeded random edits on every node; every overlapping edit shows up as a conflict, and resolving them all makes every node agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/core/store/store-port.ts';
import { createSeededRandom, type SeededRandom } from '../../src/edge/seed/seeded-random.ts';
import { liveStateOf, openConflicts, patientBody, type PushNode, resolveConflictOn, startPushNode, stateOf, syncOk } from './_push-network-kit.ts';

/** Edit rounds, and edits per node per round: 4 × 50 = 200 edits on each of the four nodes. */
const rounds = 4;
const editsPerRound = 50;
/** Top-level Patient fields the edits set; each edit writes a value no other edit writes. */
const fields = ['birthDate', 'name', 'telecom', 'address', 'maritalStatus', 'multipleBirthInteger'] as const;
type Field = (typeof fields)[number];

let root: PushNode;
let hub: PushNode;
let leafA: PushNode;
let leafB: PushNode;
let all: PushNode[];
const random = createSeededRandom('push-network-random');
let serial = 0;

/** A value of `field` that no other edit of the test writes. */
function uniqueValue(field: Field, node: string): JsonObject[string] {
  serial += 1;
  const tag = `${node}-${serial}`;
  switch (field) {
    case 'birthDate': return new Date(Date.UTC(1900, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
    case 'name': return [{ family: tag, given: ['Random'] }];
    case 'telecom': return [{ system: 'phone', value: `+254-${serial}` }];
    case 'address': return [{ city: tag, country: 'Kenya' }];
    case 'maritalStatus': return { text: tag };
    case 'multipleBirthInteger': return serial;
  }
}

/** What one node did to one object in a round: the fields it set, or a removal. */
type Touch = { fields: Set<Field>; removed: boolean };
type RoundTouches = Map<string, Map<string, Touch>>;

/** One random edit on `node` through its FHIR API (as its admin, a local user): create 15 %, remove 10 %, else update 1–2 fields. */
async function randomEdit(node: PushNode, touches: RoundTouches, rnd: SeededRandom): Promise<void> {
  const live = await node.store.listObjects({ category: 'patient' });
  const roll = rnd.next();
  if (roll < 0.15 || live.length < 5) {
    const id = rnd.uuid();
    const body = patientBody(id, { gender: rnd.pick(['male', 'female']), birthDate: String(uniqueValue('birthDate', node.name)) });
    expect((await node.fhir(`Patient/${id}`, { method: 'PUT', body })).status).toBe(201);
    return;
  }
  const target = rnd.pick(live);
  const touch = touchOf(touches, target.uuid, node.name);
  if (roll < 0.25) {
    expect((await node.fhir(`Patient/${target.uuid}`, { method: 'DELETE' })).status).toBe(204);
    touch.removed = true;
    return;
  }
  const body = { ...(target.body as JsonObject) };
  for (const field of new Set([rnd.pick(fields), ...(rnd.chance(0.4) ? [rnd.pick(fields)] : [])])) {
    body[field] = uniqueValue(field, node.name);
    touch.fields.add(field);
  }
  expect((await node.fhir(`Patient/${target.uuid}`, { method: 'PUT', body })).status).toBe(200);
}

function touchOf(touches: RoundTouches, uuid: string, node: string): Touch {
  const byNode = touches.get(uuid) ?? new Map<string, Touch>();
  touches.set(uuid, byNode);
  const touch = byNode.get(node) ?? { fields: new Set<Field>(), removed: false };
  byNode.set(node, touch);
  return touch;
}

/** Objects two nodes changed incompatibly in the round: the same field, or a removal against an edit. */
function overlapping(touches: RoundTouches): string[] {
  const out: string[] = [];
  for (const [uuid, byNode] of touches) {
    const list = [...byNode.values()];
    const clash = list.some((a, i) => list.slice(i + 1).some((b) =>
      a.removed !== b.removed ? (a.removed ? b.fields.size > 0 : a.fields.size > 0) : !a.removed && [...a.fields].some((f) => b.fields.has(f))));
    if (clash) out.push(uuid);
  }
  return out.sort();
}

/** Sync passes (leaves push up, the hub pulls and pushes, the leaves pull down) until a whole pass writes nothing. */
async function syncUntilQuiet(maxPasses = 8): Promise<number> {
  for (let pass = 1; pass <= maxPasses; pass += 1) {
    const before = await Promise.all(all.map((n) => n.store.lastSeq()));
    await syncOk(leafA, leafB, hub, leafA, leafB);
    const after = await Promise.all(all.map((n) => n.store.lastSeq()));
    if (after.every((seq, i) => seq === before[i])) return pass;
  }
  throw new Error(`the network did not settle in ${maxPasses} passes`);
}

/** Uuids of conflicts recorded since `since` on any node. */
async function conflictsSince(since: number): Promise<string[]> {
  const records = (await Promise.all(all.map((n) => n.store.listConflicts()))).flat();
  return [...new Set(records.filter((r) => r.createdAt >= since).map((r) => r.uuid))].sort();
}

/** Resolves every open conflict, leaves first: a side, or a side per field, drawn from the seeded random. */
async function resolveAll(rnd: SeededRandom): Promise<number> {
  let resolved = 0;
  for (const node of [leafA, leafB, hub]) {
    for (const conflict of await openConflicts(node)) {
      const byField = conflict['reason'] === 'overlap' && rnd.chance(0.4);
      const choice = byField
        ? { fields: Object.fromEntries((conflict['fields'] as string[]).map((f) => [f, rnd.pick(['local', 'parent'])])) }
        : { take: rnd.pick(['local', 'parent']) };
      const answer = await resolveConflictOn(node, String(conflict['id']), choice);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      resolved += 1;
    }
  }
  return resolved;
}

beforeAll(async () => {
  root = await startPushNode({ name: 'root', argv: ['--seed-patients', '12'], children: ['hub'] });
  hub = await startPushNode({ name: 'hub', parent: root, children: ['leafA', 'leafB'] });
  leafA = await startPushNode({ name: 'leafA', parent: hub });
  leafB = await startPushNode({ name: 'leafB', parent: hub });
  all = [root, hub, leafA, leafB];
  await syncOk(hub, leafA, leafB);
});

afterAll(async () => {
  await Promise.all([leafA, leafB, hub, root].filter(Boolean).map((n) => n.close()));
});

describe('root ← hub ← leafA, leafB under random edits', () => {
  it(`converges after ${rounds} rounds of ${editsPerRound} random edits on every node, each overlap a conflict`, async () => {
    let overlaps = 0;
    let conflicts = 0;
    for (let round = 0; round < rounds; round += 1) {
      const since = Date.now();
      const touches: RoundTouches = new Map();
      // Interleaved, as clinics and the hub would edit at the same time.
      for (let i = 0; i < editsPerRound; i += 1) for (const node of all) await randomEdit(node, touches, random);
      await syncUntilQuiet();
      const expected = overlapping(touches);
      const found = await conflictsSince(since);
      // Every overlapping edit is a conflict somewhere, and nothing else is.
      expect(found, `round ${round}`).toEqual(expected);
      overlaps += expected.length;
      for (let attempt = 0; ; attempt += 1) {
        const resolved = await resolveAll(random);
        conflicts += resolved;
        await syncUntilQuiet();
        if (resolved === 0) break;
        expect(attempt, 'conflicts kept coming back').toBeLessThan(5);
      }
      const states = await Promise.all(all.map(liveStateOf));
      for (const [i, node] of all.entries()) expect(states[i], `${node.name} after round ${round}`).toEqual(states[0]);
      // What the root removed is removed everywhere (tombstones, not absences).
      const removed = Object.entries(await stateOf(root)).filter(([, h]) => h === 'removed').map(([k]) => k);
      for (const node of all) {
        const at = await stateOf(node);
        expect(removed.filter((k) => at[k] !== 'removed'), node.name).toEqual([]);
      }
    }
    expect(overlaps).toBeGreaterThan(10);
    expect(conflicts).toBeGreaterThanOrEqual(overlaps);
    for (const node of [hub, leafA, leafB]) {
      const status = (await node.call('/status')).body;
      expect(status['push']['pending'], node.name).toMatchObject({ changes: 0 });
      expect(status['conflicts'], node.name).toEqual({ open: 0 });
      expect(status['failedEvents']['total'], node.name).toBe(0);
    }
  });
});
