// Test kit: real edge nodes (startEdgeNode over loopback HTTP, memory stores by default) and helpers to sync and compare them.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Logger, silentLogger } from '../../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { JsonObject, SyncStore } from '../../../src/core/store/store-port.ts';
import { parseEdgeOptions } from '../../../src/edge/cli/parse-edge-options.ts';
import type { EdgeNode, EdgeRuntime, RunningServer } from '../../../src/edge/node/edge-runtime.ts';
import { startEdgeNode } from '../../../src/edge/node/start-edge-node.ts';

/** The admin password of every test node. */
export const adminPassword = 'Admin-pass-1';
export const adminAuth = basicAuth('admin', adminPassword);

export function basicAuth(name: string, password: string): string {
  return `Basic ${btoa(`${name}:${password}`)}`;
}

/** Serves a handler on 127.0.0.1 with a free port, as the Node entry does. */
async function serveLoopback(handler: (request: Request) => Promise<Response>): Promise<RunningServer> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    }),
  };
}

export interface StartNodeOptions {
  /** Extra CLI flags, e.g. `['--seed-patients', '5']`. */
  argv?: string[];
  /** A sync2.json, written as `sync2.json` and passed with `--config`. */
  config?: unknown;
  store?: SyncStore;
  /** Sync on schedule; default false (tests call POST /sync). */
  scheduleSync?: boolean;
  log?: Logger;
  /** Counts store opens (to prove a bad config opens nothing). */
  onOpenStore?: () => void;
}

export interface TestNode {
  node: EdgeNode;
  url: string;
  /** `url + '/openmrs'` */
  base: string;
  store: SyncStore;
  /** POST /sync as the admin: the HTTP status and the summary. */
  sync(): Promise<{ status: number; body: Record<string, unknown> }>;
  /** GET /status as the admin. */
  status(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The runtime of a test node: loopback HTTP, files in memory, a memory store unless one is given. */
export function testRuntime(options: StartNodeOptions = {}): EdgeRuntime {
  const files: Record<string, string> = options.config === undefined ? {} : { 'sync2.json': JSON.stringify(options.config) };
  return {
    serve: (handler) => serveLoopback(handler),
    readFile: async (path) => (path in files ? new TextEncoder().encode(files[path]) : undefined),
    log: options.log ?? silentLogger,
    print: () => undefined,
    now: Date.now,
    openStore: async () => {
      options.onOpenStore?.();
      return options.store ?? createMemoryStore();
    },
    scheduleSync: options.scheduleSync ?? false,
  };
}

/** Parsed CLI options of a test node: loopback, free port, known admin password, no demo data unless asked. */
export function testOptions(options: StartNodeOptions = {}) {
  const argv = ['--port', '0', '--admin-password', adminPassword, '--seed-patients', '0', '--static', 'no-static', ...(options.argv ?? [])];
  if (options.config !== undefined) argv.push('--config', 'sync2.json');
  const parsed = parseEdgeOptions(argv, {});
  if (!('ok' in parsed) || !parsed.ok) throw new Error(`bad test options: ${JSON.stringify(parsed)}`);
  return parsed.options;
}

/** Starts a real edge node (startEdgeNode) on loopback. */
export async function startNode(options: StartNodeOptions = {}): Promise<TestNode> {
  const node = await startEdgeNode(testOptions(options), testRuntime(options));
  const call = (path: string, method: string) => fetch(`${node.url}${path}`, { method, headers: { authorization: adminAuth } });
  return {
    node,
    url: node.url,
    base: `${node.url}/openmrs`,
    store: node.store,
    async sync() {
      const response = await call('/sync', 'POST');
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    },
    async status() {
      return await (await call('/status', 'GET')).json() as Record<string, unknown>;
    },
    close: () => node.close(),
  };
}

/** A sync2.json for a child of `parentBase` logging in as `login`/`password`; push off (not built yet). */
export function childConfig(parentBase: string, login: { name: string; password: string }, extra: { ts?: JsonObject; schedule?: number } = {}) {
  return {
    general: { parentFeedLocation: parentBase, clients: { fhir: { login: login.name, password: login.password }, rest: { login: login.name, password: login.password } } },
    pull: { enabled: true, schedule: extra.schedule ?? 3600 },
    push: { enabled: false },
    ...(extra.ts ? { ts: extra.ts } : {}),
  };
}

/** Per `category/uuid`: the canonical hash and removed flag of every stored object. */
export async function objectStates(store: SyncStore): Promise<Map<string, { hash: string; removed: boolean }>> {
  const states = new Map<string, { hash: string; removed: boolean }>();
  for (const category of Object.keys(await store.countObjects())) {
    for (const o of await store.listObjects({ category, includeRemoved: true })) {
      states.set(`${category}/${o.uuid}`, { hash: o.hash, removed: o.removed });
    }
  }
  return states;
}

/** Every change-log row of a store, in seq order. */
export async function allChanges(store: SyncStore) {
  return await store.changesSince(0);
}

/** The FHIR base of a node. */
export function fhirOf(node: { base: string }): string {
  return `${node.base}/ws/fhir2/R4`;
}

/** A FHIR call as the admin; the JSON body (or undefined) and the status. */
export async function fhirCall(node: { base: string }, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${fhirOf(node)}/${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: adminAuth, ...(init.body !== undefined ? { 'content-type': 'application/fhir+json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) as JsonObject };
}
