// A bad sync2.json stops the edge node before anything starts: one error per field, exit code 2.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEdgeNode } from '../../../src/edge/node/start-edge-node.ts';
import { startFailureExit } from '../../../src/edge/node/start-failure-exit.ts';
import { testOptions, testRuntime } from './_edge-node-kit.ts';

const badConfig = { general: { parentFeedLocation: 'http://user:pw@hub.example/openmrs' }, pull: { schedule: 'hourly' }, ts: { children: [{ name: 'x' }] } };

async function startFailure(config: unknown, files?: Record<string, string>) {
  let opened = 0;
  const runtime = testRuntime({ config, onOpenStore: () => { opened += 1; } });
  if (files) runtime.readFile = async (path) => (path in files ? new TextEncoder().encode(files[path]) : undefined);
  const error = await startEdgeNode(testOptions({ config }), runtime).then(() => undefined, (e: unknown) => e);
  return { error, opened };
}

describe('an invalid sync2.json', () => {
  it('startEdgeNode() fails with CONFIG_INVALID listing every bad field, before the store is opened', async () => {
    const { error, opened } = await startFailure(badConfig);
    expect(opened).toBe(0);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', details: { file: 'sync2.json' } });
    const paths = ((error as { details: { errors: { path: string }[] } }).details.errors).map((e) => e.path).sort();
    expect(paths).toEqual(['general.parentFeedLocation', 'pull.schedule', 'ts.children[0].password']);
  });

  it('startEdgeNode() reports a file that is not JSON, or is missing, as one error on the whole file', async () => {
    const notJson = await startFailure({}, { 'sync2.json': '{ "general": ' });
    expect(notJson.error).toMatchObject({ code: 'CONFIG_INVALID', details: { errors: [{ path: '$' }] } });
    const missing = await startFailure({}, {});
    expect(missing.error).toMatchObject({ code: 'CONFIG_INVALID', details: { errors: [{ path: '$', message: 'the file does not exist' }] } });
    expect(notJson.opened + missing.opened).toBe(0);
  });

  it('startFailureExit() is 2 with one line per field for CONFIG_INVALID, 1 for anything else', async () => {
    const { error } = await startFailure(badConfig);
    const exit = startFailureExit(error);
    expect(exit.code).toBe(2);
    expect(exit.lines).toHaveLength(3);
    expect(exit.lines).toContain('error: sync2.json: pull.schedule: must be a whole number from 1 to 31536000');
    expect(startFailureExit(new Error('EADDRINUSE'))).toEqual({ code: 1, lines: [] });
  });

  it('worker/edge.node.ts exits 2 and prints each bad field of its --config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edge-config-'));
    try {
      const file = join(dir, 'sync2.json');
      await writeFile(file, JSON.stringify(badConfig));
      const root = join(import.meta.dirname, '..', '..', '..');
      const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['worker/edge.node.ts', '--config', file, '--data', join(dir, 'data'), '--port', '0'], {
        cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toContain(`error: ${file}: general.parentFeedLocation: must not hold a user name or password`);
      expect(stderr).toContain(`error: ${file}: ts.children[0].password: is required (or passwordHash)`);
      expect(stderr).not.toContain(':pw@');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
