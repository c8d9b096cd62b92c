/** Kit of the push network tests: real edge nodes (startEdgeNode over loopback, memory stores) that pull and push, and helpers to edit, sync, resolve and compare them. */

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { RetryPolicy } from '../../src/core/http/fetch-text.ts';
import type { Sleep } from '../../src/core/http/sleep.ts';
import { type FetchLike, type Logger, type Random, silentLogger } from '../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import type { JsonObject, SyncStore } from '../../src/core/store/store-port.ts';
import { createApp } from '../../src/edge/app/create-app.ts';
import { createUserDirectory, type EdgeUser, hashPassword } from '../../src/edge/app/user-directory.ts';
import { parseEdgeSyncConfig } from '../../src/edge/child/parse-edge-sync-config.ts';
import { startChildSync } from '../../src/edge/child/start-child-sync.ts';
import type { EdgeNode } from '../../src/edge/node/edge-runtime.ts';
import { startEdgeNode } from '../../src/edge/node/start-edge-node.ts';
import { adminAuth, adminPassword, objectStates, testOptions, testRuntime } from '../edge/child/_edge-node-kit.ts';

export { adminAuth, objectStates };

/** A login of a child at its parent. */
export interface Login {
  name: string;
  password: string;
}

export interface StartPushNodeOptions {
  /** A short name for messages, also the login this node uses at its parent. */
  name: string;
  /** The parent (a node, or any base URL the node's fetch reaches); absent for the root. */
  parent?: Pick<PushNode, 'base'>;
  /** The login at the parent. @default loginOf(name) */
  login?: Login;
  /** sync2.json `pull.classes` (categories, preferred clients). @default every category */
  classes?: JsonObject[];
  /** Names of the children that log in here (each with the password `${name}-secret-1`). */
  children?: readonly string[];
  /** Extra CLI flags (e.g. `--seed-patients 4` on the root). */
  argv?: string[];
  /** sync2.json `ts` settings of a child (conflictPolicy, failedEvents, timeoutSeconds…). */
  ts?: JsonObject;
  /** Push enabled on a child. @default true */
  push?: boolean;
  /** Seconds between scheduled runs of a child. @default 3600 */
  scheduleSeconds?: number;
  /** Run on schedule (a run at start, then one per interval). @default false: runs only on POST /sync */
  scheduled?: boolean;
  /** How the child reaches its parent. @default the global fetch */
  fetch?: FetchLike;
  /** @default Date.now */
  now?: () => number;
  store?: SyncStore;
  log?: Logger;
}

/** A JSON answer: the HTTP status and the parsed body. */
export interface Answer {
  status: number;
  body: Record<string, any>;
}

/** A running node and calls on it as its admin (a local user: its writes are local changes). */
export interface PushNode {
  name: string;
  /** The node as startEdgeNode gave it (its `child.runner` runs one direction alone). */
  edge: EdgeNode;
  url: string;
  base: string;
  store: SyncStore;
  /** A FHIR call, `path` relative to the FHIR base. */
  fhir(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  /** A call on the node's own routes, `path` from the origin (`/status`, `/openmrs/ws/rest/sync2/…`). */
  call(path: string, init?: { method?: string; body?: unknown }): Promise<Answer>;
  /** POST /sync: pull, then push. */
  sync(): Promise<Answer>;
  close(): Promise<void>;
}

export function loginOf(name: string): Login {
  return { name, password: `${name}-secret-1` };
}

/** The sync2.json of a node: a root listing its children, or a child of `parent` pulling and pushing. */
export function pushNodeConfig(options: StartPushNodeOptions): Record<string, unknown> {
  const children = (options.children ?? []).map(loginOf);
  if (!options.parent) return { pull: { enabled: false }, push: { enabled: false }, ts: { children } };
  const { name, password } = options.login ?? loginOf(options.name);
  return {
    general: { parentFeedLocation: options.parent.base, clients: { fhir: { login: name, password }, rest: { login: name, password } } },
    pull: { enabled: true, schedule: options.scheduleSeconds ?? 3600, ...(options.classes ? { classes: options.classes } : {}) },
    push: { enabled: options.push ?? true, schedule: options.scheduleSeconds ?? 3600 },
    ts: { ...options.ts, ...(children.length > 0 ? { children } : {}) },
  };
}

/** Starts a real edge node as `options` say; a child runs on POST /sync only, unless `scheduled`. */
export async function startPushNode(options: StartPushNodeOptions): Promise<PushNode> {
  const config = pushNodeConfig(options);
  const runtime = {
    ...testRuntime({
      config, scheduleSync: options.scheduled ?? false, ...(options.store ? { store: options.store } : {}), ...(options.log ? { log: options.log } : {}),
    }),
    ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.now ? { now: options.now } : {}),
  };
  const node = await startEdgeNode(testOptions({ config, ...(options.argv ? { argv: options.argv } : {}) }), runtime);
  return pushNodeOf(options.name, node);
}

/** What a child composed by hand takes besides a node's options: the transport's ports and tuning. */
export interface ComposedChildOptions extends StartPushNodeOptions {
  parent: Pick<PushNode, 'base'>;
  sleep?: Sleep;
  random?: Random;
  transport?: { timeoutMs?: number; retry?: RetryPolicy };
}

/**
 * A child edge node composed from the same parts startEdgeNode uses (createApp, startChildSync) but
 * with the transport's timeout, retry policy and sleep given, which sync2.json cannot make short
 * enough for a fault test. Its admin has the test admin password.
 */
export async function startComposedChild(options: ComposedChildOptions): Promise<PushNode> {
  const parsed = parseEdgeSyncConfig(pushNodeConfig(options));
  if (!parsed.ok) throw new Error(`bad test configuration: ${JSON.stringify(parsed.errors)}`);
  const store = options.store ?? createMemoryStore();
  const now = options.now ?? Date.now;
  const child = await startChildSync(parsed.config, {
    store, now, log: options.log ?? silentLogger, instanceId: options.name, fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    ...(options.sleep ? { sleep: options.sleep } : {}), ...(options.random ? { random: options.random } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  adminUsers ??= hashPassword(adminPassword, { iterations: 1000 }).then((passwordHash) => [{ name: 'admin', role: 'admin' as const, passwordHash }]);
  const app = createApp({ store, now, instanceId: options.name, users: createUserDirectory(await adminUsers), status: child.statusFields, syncNow: child.syncNow });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    await child.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await store.close();
  };
  return pushNodeOf(options.name, { url, instanceId: options.name, store, child, close });
}

let adminUsers: Promise<EdgeUser[]> | undefined;

/** The calls of the kit on a started node. */
function pushNodeOf(name: string, node: EdgeNode): PushNode {
  const call = async (url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { authorization: adminAuth, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : JSON.parse(text) as Record<string, any> };
  };
  return {
    name, edge: node, url: node.url, base: `${node.url}/openmrs`, store: node.store,
    fhir: (path, init) => call(`${node.url}/openmrs/ws/fhir2/R4/${path}`, init),
    call: (path, init) => call(`${node.url}${path}`, init),
    sync: () => call(`${node.url}/sync`, { method: 'POST' }),
    close: () => node.close(),
  };
}

/** POST /sync on each node in turn; each must answer 200 with status `ok`. */
export async function syncOk(...nodes: PushNode[]): Promise<void> {
  for (const node of nodes) {
    const { status, body } = await node.sync();
    if (status !== 200 || body['status'] !== 'ok') throw new Error(`${node.name}: sync answered ${status} ${JSON.stringify(body)}`);
  }
}

/** Per `category/uuid` the canonical hash and removed flag, as a plain sorted object (easy to diff). */
export async function stateOf(node: PushNode): Promise<Record<string, string>> {
  const states = await objectStates(node.store);
  const out: Record<string, string> = {};
  for (const key of [...states.keys()].sort()) {
    const s = states.get(key) as { hash: string; removed: boolean };
    out[key] = s.removed ? 'removed' : s.hash;
  }
  return out;
}

/**
 * The live objects of a node by canonical hash. Removed ones are left out: an object created and
 * removed here before any push never reaches the parent, so only this node keeps its tombstone.
 */
export async function liveStateOf(node: PushNode): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await stateOf(node)).filter(([, hash]) => hash !== 'removed'));
}

/** The open conflicts of a node, through its conflict endpoint. */
export async function openConflicts(node: PushNode): Promise<Record<string, any>[]> {
  const { status, body } = await node.call('/openmrs/ws/rest/sync2/conflicts');
  if (status !== 200) throw new Error(`${node.name}: conflicts answered ${status}`);
  return body['results'] as Record<string, any>[];
}

/** Resolves conflict `id` on `node` through its endpoint. */
export function resolveConflictOn(node: PushNode, id: string, choice: unknown): Promise<Answer> {
  return node.call(`/openmrs/ws/rest/sync2/conflicts/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: choice });
}

/** A FHIR Patient body. */
export function patientBody(id: string, fields: JsonObject = {}): JsonObject {
  return { resourceType: 'Patient', id, gender: 'unknown', name: [{ family: 'Test', given: [id.slice(0, 8)] }], ...fields };
}

/** The live patients of a node (first `count`, by uuid), through its store. */
export async function livePatients(node: PushNode, count?: number): Promise<JsonObject[]> {
  const objects = await node.store.listObjects({ category: 'patient' });
  return objects.slice(0, count ?? objects.length).map((o) => o.body as JsonObject);
}

/** Sends batch Bundle entries to a node's FHIR base as its admin, `chunk` at a time; throws unless every entry is 2xx. */
export async function fhirBatch(node: PushNode, entries: readonly JsonObject[], chunk = 100): Promise<void> {
  for (let start = 0; start < entries.length; start += chunk) {
    const { status, body } = await node.call('/openmrs/ws/fhir2/R4', { method: 'POST', body: { resourceType: 'Bundle', type: 'batch', entry: entries.slice(start, start + chunk) } });
    const bad = ((body['entry'] ?? []) as { response: { status: string } }[]).map((e) => e.response.status).filter((s) => !/^2\d\d/.test(s));
    if (status !== 200 || bad.length > 0) throw new Error(`${node.name}: batch answered ${status}, entries ${bad.join(', ')}`);
  }
}

/** A batch entry putting `resource` under its id. */
export function putEntry(resource: JsonObject): JsonObject {
  return { resource, request: { method: 'PUT', url: `${String(resource['resourceType'])}/${String(resource['id'])}` } };
}

/** A batch entry removing `resource`. */
export function deleteEntry(resource: JsonObject): JsonObject {
  return { request: { method: 'DELETE', url: `${String(resource['resourceType'])}/${String(resource['id'])}` } };
}
