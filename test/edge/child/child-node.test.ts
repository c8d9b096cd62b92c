// An edge node started with a sync2.json naming a parent: it is a child that pulls on POST /sync and on schedule, and reports it in /status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { adminAuth, basicAuth, childConfig, objectStates, startNode, type TestNode } from './_edge-node-kit.ts';

const hubLogin = { name: 'hub', password: 'hub-secret-1' };
const rootConfig = { pull: { enabled: false }, push: { enabled: false }, ts: { children: [{ ...hubLogin, instanceId: 'hub-1' }] } };
const opened: TestNode[] = [];

async function started(node: Promise<TestNode>): Promise<TestNode> {
  const done = await node;
  opened.push(done);
  return done;
}

let root: TestNode;

beforeAll(async () => {
  root = await started(startNode({ argv: ['--seed-patients', '3'], config: rootConfig }));
});

afterAll(async () => {
  await Promise.all(opened.map((n) => n.close()));
});

describe('an edge node with a parent', () => {
  it('startEdgeNode() with a parent seeds no demo data, then POST /sync pulls the parent\'s objects and answers with the summary', async () => {
    const hub = await started(startNode({ argv: ['--seed-patients', '40'], config: childConfig(root.base, hubLogin) }));
    expect(await hub.store.lastSeq()).toBe(0);
    const { status, body } = await hub.sync();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', direction: 'both', pull: { status: 'ok' } });
    const rootObjects = await objectStates(root.store);
    expect(rootObjects.size).toBeGreaterThan(20);
    expect((body['pull'] as { counts: { applied: number } }).counts.applied).toBe(rootObjects.size);
    expect(await objectStates(hub.store)).toEqual(rootObjects);
    const rows = await hub.store.changesSince(0);
    expect(new Set(rows.map((r) => r.origin))).toEqual(new Set(['parent']));
  });

  it('a child takes its instance id from general.localInstanceId unless --instance-id is given', async () => {
    const config = childConfig(root.base, hubLogin);
    const named = { ...config, general: { ...config.general, localInstanceId: 'hub-kibera' } };
    expect((await started(startNode({ config: named }))).node.instanceId).toBe('hub-kibera');
    expect((await started(startNode({ config: named, argv: ['--instance-id', 'from-cli'] }))).node.instanceId).toBe('from-cli');
  });

  it('/status of a child reports its parent without credentials, the runner\'s state and the last pull', async () => {
    const hub = await started(startNode({ config: childConfig(`${root.base}/`, hubLogin) }));
    const before = await hub.status();
    expect(before).toMatchObject({ role: 'child', parent: root.base, sync: { running: false, phase: 'idle', consecutiveFailures: 0, scheduled: false, scheduleSeconds: 3600 } });
    expect(before['sync']).not.toHaveProperty('lastPull');
    await hub.sync();
    const after = await hub.status() as { sync: { lastPull: { status: string; at: string } } };
    expect(after.sync.lastPull.status).toBe('ok');
    expect(new Date(after.sync.lastPull.at).toISOString()).toBe(after.sync.lastPull.at);
    expect(JSON.stringify(after)).not.toContain(hubLogin.password);
  });

  it('a root node\'s /status says parent: null, and its POST /sync is 409 SYNC_NOT_CONFIGURED', async () => {
    expect(await root.status()).toMatchObject({ role: 'root', parent: null });
    const { status, body } = await root.sync();
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'SYNC_NOT_CONFIGURED' });
  });

  it('POST /sync needs the admin: 401 without or with wrong credentials, 403 for a child user of ts.children', async () => {
    const leaf = { name: 'leaf', password: 'leaf-secret-1' };
    const hub = await started(startNode({ config: childConfig(root.base, hubLogin, { ts: { children: [leaf] } }) }));
    const post = (authorization?: string) => fetch(`${hub.url}/sync`, { method: 'POST', headers: authorization ? { authorization } : {} });
    expect((await post()).status).toBe(401);
    expect((await post(basicAuth('admin', 'wrong-password'))).status).toBe(401);
    const asLeaf = await post(basicAuth(leaf.name, leaf.password));
    expect(asLeaf.status).toBe(403);
    expect(await asLeaf.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(await hub.store.lastSeq()).toBe(0);
    // The same child user may read the hub's FHIR API, as its children do when they pull.
    const read = await fetch(`${hub.base}/ws/fhir2/R4/Patient`, { headers: { authorization: basicAuth(leaf.name, leaf.password) } });
    expect(read.status).toBe(200);
  });

  it('POST /openmrs/ws/rest/sync2/sync is the same route, and two requests at once share one run', async () => {
    const hub = await started(startNode({ config: childConfig(root.base, hubLogin) }));
    const post = (path: string) => fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: adminAuth } })
      .then(async (r) => ({ status: r.status, body: await r.json() as { startedAt: number } }));
    const [a, b] = await Promise.all([post('/sync'), post('/openmrs/ws/rest/sync2/sync')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.startedAt).toBe(b.body.startedAt);
  });

  it('a refused login is a 502 with status unauthorized, and /status keeps the error', async () => {
    const hub = await started(startNode({ config: childConfig(root.base, { name: 'hub', password: 'not-the-password' }) }));
    const { status, body } = await hub.sync();
    expect(status).toBe(502);
    expect(body).toMatchObject({ status: 'unauthorized', error: { code: 'PARENT_UNAUTHORIZED' } });
    expect(await hub.status()).toMatchObject({ sync: { lastPull: { status: 'unauthorized' }, lastError: { code: 'PARENT_UNAUTHORIZED' }, consecutiveFailures: 1 } });
  });

  it('a child whose run lock is held by another instance answers 409 busy and pulls nothing', async () => {
    const store = Object.assign(createMemoryStore(), { withRunLock: async () => ({ acquired: false as const }) });
    const hub = await started(startNode({ config: childConfig(root.base, hubLogin), store }));
    const { status, body } = await hub.sync();
    expect(status).toBe(409);
    expect(body).toMatchObject({ status: 'busy' });
    expect(await store.lastSeq()).toBe(0);
  });

  it('a child pulls on its schedule by itself: a run at start', async () => {
    const hub = await started(startNode({ config: childConfig(root.base, hubLogin), scheduleSync: true }));
    const deadline = Date.now() + 20_000;
    let status = await hub.status() as { sync: { lastPull?: { status: string }; nextRunAt?: string } };
    while ((status.sync.lastPull === undefined || status.sync.nextRunAt === undefined) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await hub.status() as typeof status;
    }
    expect(status.sync).toMatchObject({ scheduled: true, running: false, lastPull: { status: 'ok' } });
    // The next run is one interval (3600 s) after this one.
    expect(Date.parse(status.sync.nextRunAt ?? '') - Date.now()).toBeGreaterThan(3_000_000);
    expect(await objectStates(hub.store)).toEqual(await objectStates(root.store));
  });
});
