// Smoke test of the edge node entries: start under Node (tsx) and Deno, fetch /health and a feed page, stop with SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const started: ChildProcess[] = [];
const tempDirs: string[] = [];

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Spawns an entry and waits (with a deadline) for its "edge node listening url=…" line. */
function startEntry(command: string, args: string[], deadlineMs: number): Promise<Running> {
  const child = spawn(command, args, {
    cwd: root,
    // STATIC_DIR: the repository root holds the app's index.html before any build.
    env: { ...process.env, SEED_PATIENTS: '3', LOG_LEVEL: 'info', ADMIN_PASSWORD: 'smoke-test-pw', STATIC_DIR: '.' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within ${deadlineMs} ms:\n${output}`)), deadlineMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /edge node listening url=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string, output: () => output, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
}

/** Polls `url` until it answers 200, or fails at the deadline. */
async function waitForHealth(url: string, deadlineMs: number): Promise<Response> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return response;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`/health did not answer 200 within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function checkRunningNode(node: Running): Promise<void> {
  expect(await (await waitForHealth(node.url, 10_000)).json()).toEqual({ status: 'ok' });
  const response = await fetch(`${node.url}/openmrs/ws/atomfeed/patient/recent`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('atom+xml');
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, isArray: (n) => n === 'entry' });
  const feed = parser.parse(await response.text()).feed as { entry?: unknown[] };
  expect(feed.entry).toHaveLength(3);
  const page = await fetch(`${node.url}/`);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('<title>OpenMRS Sync</title>');
  node.child.kill('SIGTERM');
  expect(await node.exited).toBe(0);
  expect(node.output()).toContain('stopped');
}

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('edge node runtime entries', () => {
  it.concurrent('worker/edge.node.ts starts under Node with a data dir, serves health and the feed, stops on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'edge-smoke-'));
    tempDirs.push(dataDir);
    const node = await startEntry(bin('tsx'), ['worker/edge.node.ts', '--port', '0', '--data', dataDir], 40_000);
    await checkRunningNode(node);
  }, 60_000);

  it.concurrent('worker/edge.deno.ts starts under Deno in memory, serves health and the feed, stops on SIGTERM', async () => {
    const node = await startEntry(bin('deno'), ['run', '-A', 'worker/edge.deno.ts', '--port', '0', '--data', 'memory'], 40_000);
    await checkRunningNode(node);
  }, 60_000);
});
