// Tests of the edge node start-up over a memory store and a fake server: password once, instance id kept, seeding, static files.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../src/core/store/store-port.ts';
import { parseEdgeOptions } from '../../../src/edge/cli/parse-edge-options.ts';
import type { EdgeOptions } from '../../../src/edge/cli/edge-options.ts';
import type { EdgeHandler, EdgeRuntime, ServeOptions } from '../../../src/edge/node/edge-runtime.ts';
import { startEdgeNode } from '../../../src/edge/node/start-edge-node.ts';

function options(argv: string[]): EdgeOptions {
  const parsed = parseEdgeOptions(['--seed-patients', '2', '--static', 'www', ...argv], {});
  if (!('ok' in parsed) || !parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.options;
}

/** A runtime over in-memory files and one store that survives `close()`, so restarts see the same data. */
function fakeRuntime(files: Record<string, string> = {}) {
  const inner = createMemoryStore();
  const state = { printed: [] as string[], handler: undefined as EdgeHandler | undefined, serveOptions: undefined as ServeOptions | undefined, closed: 0 };
  const store: SyncStore = Object.assign(Object.create(inner) as SyncStore, { close: async () => { state.closed += 1; } });
  const all: Record<string, string> = { 'www/index.html': '<h1>The edge node is running</h1>', ...files };
  const runtime: EdgeRuntime = {
    async serve(handler, serveOptions) {
      state.handler = handler;
      state.serveOptions = serveOptions;
      return { url: 'http://edge.test:8080', close: async () => undefined };
    },
    readFile: async (path) => (path in all ? new TextEncoder().encode(all[path]) : undefined),
    log: silentLogger,
    print: (line) => state.printed.push(line),
    now: () => Date.UTC(2026, 2, 2),
    openStore: async () => store,
  };
  const get = async (path: string, init?: RequestInit) => (state.handler as EdgeHandler)(new Request(`http://edge.test:8080${path}`, init));
  return { runtime, state, store: inner, get };
}

describe('startEdgeNode()', () => {
  it('startEdgeNode() prints a generated password once, seeds a root node, and serves the app and static files', async () => {
    const { runtime, state, get } = fakeRuntime();
    const node = await startEdgeNode(options([]), runtime);
    const passwordLine = state.printed.find((l) => l.includes('admin password:')) ?? '';
    expect(passwordLine).toMatch(/admin password: \S+ \(shown once; stored hashed\)/);
    expect((await get('/health')).status).toBe(200);
    const feed = await (await get('/openmrs/ws/atomfeed/patient/recent')).text();
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(await (await get('/')).text()).toContain('The edge node is running');
    const password = /admin password: (\S+)/.exec(passwordLine)?.[1] ?? '';
    const status = await get('/status', { headers: { authorization: `Basic ${btoa(`admin:${password}`)}` } });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ instanceId: node.instanceId, role: 'root', parent: null });
    await node.close();
    await node.close();
    expect(state.closed).toBe(1);
  });

  it('startEdgeNode() reuses the data on a second start: same instance id, no password, no new rows', async () => {
    const { runtime, state, store } = fakeRuntime();
    const first = await startEdgeNode(options([]), runtime);
    await first.close();
    const rows = await store.lastSeq();
    state.printed.length = 0;
    const second = await startEdgeNode(options([]), runtime);
    expect(second.instanceId).toBe(first.instanceId);
    expect(state.printed).toEqual([]);
    expect(await store.lastSeq()).toBe(rows);
    expect(await store.getSetting('edge.feedPageSize')).toBe(100);
  });

  it('startEdgeNode() seeds nothing into a child node or with 0 patients, and prints no given password', async () => {
    const sync2 = { general: { parentFeedLocation: 'https://hub.example/openmrs/', clients: { rest: { login: 'sync', password: 'secret' } } } };
    const child = fakeRuntime({ 'sync2.json': JSON.stringify(sync2) });
    child.runtime.scheduleSync = false;
    await startEdgeNode(options(['--config', 'sync2.json', '--admin-password', 'Admin123']), child.runtime);
    expect(await child.store.lastSeq()).toBe(0);
    expect(child.state.printed).toEqual([]);
    const status = await child.get('/status', { headers: { authorization: `Basic ${btoa('admin:Admin123')}` } });
    expect(await status.json()).toMatchObject({ role: 'child', parent: 'https://hub.example/openmrs' });
    const empty = fakeRuntime();
    await startEdgeNode(options(['--seed-patients', '0', '--instance-id', 'hub-1']), empty.runtime);
    expect(await empty.store.lastSeq()).toBe(0);
    expect(await empty.store.getSetting('instanceId')).toBeUndefined();
  });

  it('startEdgeNode() passes the TLS certificate and key as PEM text, and the host and port', async () => {
    const { runtime, state } = fakeRuntime({ 'c.pem': 'CERT', 'k.pem': 'KEY' });
    await startEdgeNode(options(['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--port', '8443', '--host', '0.0.0.0']), runtime);
    expect(state.serveOptions).toEqual({ port: 8443, hostname: '0.0.0.0', tls: { cert: 'CERT', key: 'KEY' } });
  });

  it('startEdgeNode() fails with CONFIG_INVALID, before opening the store, for missing TLS or configuration files', async () => {
    const tls = fakeRuntime({ 'c.pem': 'CERT' });
    await expect(startEdgeNode(options(['--tls-cert', 'c.pem', '--tls-key', 'missing.pem']), tls.runtime)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    const config = fakeRuntime({ 'bad.json': '{ not json' });
    await expect(startEdgeNode(options(['--config', 'bad.json']), config.runtime)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(tls.state.handler).toBeUndefined();
    expect(await tls.store.lastSeq()).toBe(0);
  });

  it('startEdgeNode() closes the store when listening fails', async () => {
    const { runtime, state } = fakeRuntime();
    runtime.serve = async () => { throw new Error('EADDRINUSE'); };
    await expect(startEdgeNode(options([]), runtime)).rejects.toThrow('EADDRINUSE');
    expect(state.closed).toBe(1);
  });
});
