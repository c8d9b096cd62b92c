// A child edge node KILLED mid-pull (a real process on PGlite) resumes on restart without losing or duplicating anything.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlStore } from '../../src/edge/sql-store/open-sql-store.ts';
import { adminAuth, adminPassword, childConfig, objectStates, startNode, type TestNode } from '../edge/child/_edge-node-kit.ts';

const repo = join(import.meta.dirname, '..', '..');
const clinicLogin = { name: 'clinic', password: 'clinic-secret-1' };
const processes: ChildProcess[] = [];
let root: TestNode;
let dir: string;

interface Running {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts `worker/edge.node.ts` on the child's config and data dir; resolves once it listens. */
function startChildProcess(): Promise<Running> {
  const args = ['worker/edge.node.ts', '--config', join(dir, 'sync2.json'), '--data', join(dir, 'data'), '--port', '0',
    '--admin-password', adminPassword, '--static', 'no-static', '--log-level', 'info'];
  const child = spawn(join(repo, 'node_modules', '.bin', 'tsx'), args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  processes.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /edge node listening url=(\S+)/.exec(output);
      if (match) resolve({ process: child, url: match[1] as string, exited, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the child exited with ${code} before listening:\n${output}`)));
  });
}

async function adminGet(url: string): Promise<Record<string, unknown>> {
  return await (await fetch(url, { headers: { authorization: adminAuth } })).json() as Record<string, unknown>;
}

async function postSync(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/sync`, { method: 'POST', headers: { authorization: adminAuth } });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

interface NodeStatus {
  objects: Record<string, { live: number }>;
  sync: { running: boolean; phase: string; progress?: { category?: string; done: number; total?: number } };
}

/** The node's /status, and the live objects it holds. */
async function readStatus(url: string): Promise<{ status: NodeStatus; live: number }> {
  const status = await adminGet(`${url}/status`) as unknown as NodeStatus;
  return { status, live: Object.values(status.objects).reduce((sum, c) => sum + c.live, 0) };
}

beforeAll(async () => {
  root = await startNode({ argv: ['--seed-patients', '120'], config: { pull: { enabled: false }, push: { enabled: false }, ts: { children: [clinicLogin] } } });
  dir = await mkdtemp(join(tmpdir(), 'network-resume-'));
  await writeFile(join(dir, 'sync2.json'), JSON.stringify(childConfig(root.base, clinicLogin)));
});

afterAll(async () => {
  for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await root?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a child killed mid-pull', () => {
  it('resumes after a restart on the same data dir and ends with the parent\'s objects, each logged once', async () => {
    const parent = await objectStates(root.store);
    const total = parent.size;
    expect(total).toBeGreaterThan(2000);

    const first = await startChildProcess();
    void postSync(first.url).catch(() => undefined); // joins the run the schedule started; cut off by the kill
    // Kill it about half way: past the small categories, inside a large one.
    let seen = 0;
    let status: NodeStatus | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      ({ status, live: seen } = await readStatus(first.url));
      if (seen >= total / 2) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.process.kill('SIGKILL');
    await first.exited;
    expect(seen, first.output()).toBeGreaterThan(0);
    expect(seen, 'killed after the pull had ended').toBeLessThan(total);
    expect(status?.sync).toMatchObject({ running: true, phase: 'pull', progress: { category: expect.any(String) } });

    const second = await startChildProcess();
    const resumed = await postSync(second.url); // joins the run the restart began
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    // It went on from the marker: at most one page (100 entries) read again, not the whole feed.
    const counts = (resumed.body as { pull: { counts: { entries: number } } }).pull.counts;
    expect(counts.entries).toBeLessThanOrEqual(total - seen + 100);
    const again = await postSync(second.url);
    expect(again.body).toMatchObject({ status: 'ok', pull: { counts: { applied: 0, failed: 0 } } });
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const store = await openSqlStore({ dataDir: join(dir, 'data') });
    try {
      expect(await objectStates(store)).toEqual(parent);
      const rows = await store.changesSince(0);
      const eventIds = new Set(rows.map((r) => r.eventId));
      const objects = new Set(rows.map((r) => `${r.category}/${r.uuid}`));
      expect(eventIds.size).toBe(rows.length);
      expect(objects.size).toBe(rows.length);
      expect(rows.length).toBe(total);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    } finally {
      await store.close();
    }
  }, 90_000);
});
