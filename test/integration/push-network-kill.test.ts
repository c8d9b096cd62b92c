// A child edge node killed between its parent's acknowledgement of a push and its own commit converges after a restart, without duplicates on the parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncError } from '../../src/core/errors/sync-error.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import type { BatchPlan, JsonObject, SyncStore } from '../../src/core/store/store-port.ts';
import { liveStateOf, livePatients, patientBody, type PushNode, startPushNode, stateOf, syncOk } from './_push-network-kit.ts';

/**
 * The child's store as a process sees it: `crashOn(uuid)` makes the next commit of a successful
 * push of that object throw (the parent has answered yes; the child dies before writing it), and
 * `close()` leaves the data in place, as a database outlives its process.
 */
function crashableStore(inner: SyncStore) {
  let armed: string | undefined;
  let crashes = 0;
  const acked = (plan: BatchPlan) => plan.audit?.some((a) => a.operation === 'push' && a.outcome === 'ok' && a.uuid === armed) ?? false;
  const store: SyncStore = {
    ...inner,
    applyBatch: async (plan) => {
      if (armed !== undefined && acked(plan)) {
        armed = undefined;
        crashes += 1;
        throw new SyncError('STORE_UNAVAILABLE', { message: 'killed before the commit' });
      }
      return await inner.applyBatch(plan);
    },
    close: async () => undefined,
  };
  return { store, crashOn: (uuid: string) => { armed = uuid; }, crashes: () => crashes };
}

const data = createMemoryStore();
const crashable = crashableStore(data);
let root: PushNode;
let child: PushNode;
let pulled: JsonObject[];

/** Kills the child (closes it; its data stays) and starts a fresh one over the same data, as a restarted process. */
async function restartChild(): Promise<void> {
  await child.close();
  child = await startPushNode({ name: 'clinic', parent: root, store: crashable.store });
}

/** Rows the root logged for `uuid` from its child's pushes. */
async function pushedRows(uuid: string): Promise<string[]> {
  return (await root.store.changesSince(0)).filter((r) => r.uuid === uuid && r.origin === 'child').map((r) => r.action);
}

beforeAll(async () => {
  root = await startPushNode({ name: 'root', argv: ['--seed-patients', '6'], children: ['clinic'] });
  child = await startPushNode({ name: 'clinic', parent: root, store: crashable.store });
  await syncOk(child);
  pulled = await livePatients(child, 6);
});

afterAll(async () => {
  await Promise.all([child, root].filter(Boolean).map((n) => n.close()));
  await data.close();
});

describe('a child killed after the parent acknowledged a push', () => {
  const cases: { action: string; write: () => Promise<string> }[] = [
    {
      action: 'CREATED',
      write: async () => {
        const id = crypto.randomUUID();
        expect((await child.fhir(`Patient/${id}`, { method: 'PUT', body: patientBody(id, { gender: 'female' }) })).status).toBe(201);
        return id;
      },
    },
    {
      action: 'UPDATED',
      write: async () => {
        const p = pulled[0] as JsonObject;
        expect((await child.fhir(`Patient/${p['id']}`, { method: 'PUT', body: { ...p, birthDate: '1944-04-04' } })).status).toBe(200);
        return String(p['id']);
      },
    },
    {
      action: 'VOIDED',
      write: async () => {
        const p = pulled[1] as JsonObject;
        expect((await child.fhir(`Patient/${p['id']}`, { method: 'DELETE' })).status).toBe(204);
        return String(p['id']);
      },
    },
  ];

  it.each(cases)('a $action push whose commit was lost is found on the parent after a restart and settled without a second write', async ({ action, write }) => {
    // Other local changes around it, so the crash falls in the middle of a run.
    const others = await Promise.all([0, 1, 2].map(async (i) => {
      const id = crypto.randomUUID();
      expect((await child.fhir(`Patient/${id}`, { method: 'PUT', body: patientBody(id, { gender: 'other', birthDate: `200${i}-01-01` }) })).status).toBe(201);
      return id;
    }));
    const uuid = await write();
    crashable.crashOn(uuid);
    const before = crashable.crashes();
    const crashed = await child.sync();
    expect(crashable.crashes()).toBe(before + 1);
    expect(crashed.body['status'], JSON.stringify(crashed.body['push'])).not.toBe('ok');
    // The parent holds the write; the child does not know it.
    expect(await pushedRows(uuid)).toEqual([action]);
    expect((await child.call('/status')).body['push']['pending']['changes']).toBeGreaterThan(0);

    await restartChild();
    // Push alone first, so the push service (not the pull of its own echo) meets the lost acknowledgement.
    const pushed = await (child.edge.child as NonNullable<typeof child.edge.child>).runner.syncOnce({ direction: 'push' });
    expect(pushed.status, JSON.stringify(pushed.push)).toBe('ok');
    expect(pushed.push?.['counts']).toMatchObject({ already: 1, failed: 0, conflicts: 0 });
    // One write per object on the parent: the retry found its own body there.
    expect(await pushedRows(uuid)).toEqual([action]);
    for (const id of others) expect(await pushedRows(id)).toEqual(['CREATED']);
    expect(await liveStateOf(child)).toEqual(await liveStateOf(root));
    expect((await child.call('/status')).body['push']['pending']).toMatchObject({ changes: 0 });
    await syncOk(child);
    expect(await stateOf(child)).toEqual(await stateOf(root));
  });
});
