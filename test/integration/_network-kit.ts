/** Helpers of the network tests: a parent edge node fed through its FHIR batch API, demo objects, counting fetch, comparable store states. */

import { createResourceManager, type ResourceManagerOptions } from '../../src/core/clients/create-resource-manager.ts';
import type { ResourceManager } from '../../src/core/clients/resource-manager.ts';
import { parseSyncConfig } from '../../src/core/config/parse-sync-config.ts';
import { preferredClients, resolveParentCredentials } from '../../src/core/config/resolve-parent.ts';
import { type Sleep, throwIfAborted } from '../../src/core/http/sleep.ts';
import type { Clock, FetchLike } from '../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import type { JsonObject, SyncStore } from '../../src/core/store/store-port.ts';
import { createSyncRunner } from '../../src/core/sync/runner/create-sync-runner.ts';
import { runnerConfigOf } from '../../src/core/sync/runner/runner-config-of.ts';
import type { RunSummary, SyncRunner, SyncRunnerConfig } from '../../src/core/sync/runner/runner-types.ts';
import { generateDemoData } from '../../src/edge/seed/generate-demo-data.ts';
import { createSeededRandom } from '../../src/edge/seed/seeded-random.ts';
import { adminAuth, childCredentials, startTestEdge, type StartTestEdgeOptions, type TestEdge } from '../edge/app/start-test-edge.ts';

/** The categories of the demo data, in pull order. */
export const demoCategories = ['location', 'patient', 'visit', 'encounter', 'observation'] as const;

/** The clock time demo data is dated back from, fixed so runs are repeatable. */
export const demoNow = Date.UTC(2026, 2, 2, 8, 0, 0);

/** Starts a parent edge node over loopback (memory store, page size 50 unless told). */
export function startParent(options: StartTestEdgeOptions = {}): Promise<TestEdge> {
  return startTestEdge({ pageSize: 50, ...options });
}

/**
 * `count` demo FHIR resources (clinics, patients, visits, Vitals encounters, vital signs), in
 * category order; the cut falls in the last patients' observations.
 */
export function demoObjects(count: number, options: { seed?: string } = {}): JsonObject[] {
  for (let patients = Math.ceil(count / 25) + 1; ; patients += Math.ceil(patients / 4)) {
    const data = generateDemoData({ patients, now: demoNow, ...(options.seed ? { seed: options.seed } : {}) });
    const all = [...data.locations, ...data.patients, ...data.visits, ...data.encounters, ...data.observations];
    if (all.length >= count) return all.slice(0, count);
  }
}

/** The category a demo resource lands in on the edge node. */
export function categoryOf(resource: JsonObject): string {
  const type = resource['resourceType'];
  if (type !== 'Encounter') return String(type).toLowerCase();
  return JSON.stringify(resource['meta'] ?? {}).includes('"code":"visit"') ? 'visit' : 'encounter';
}

/** The resource with a change a clinician could make: a corrected name, a re-measured value, a new status. */
export function changedResource(resource: JsonObject): JsonObject {
  const copy = structuredClone(resource);
  if (copy['resourceType'] === 'Patient') copy['name'] = [{ family: 'Corrected', given: ['Name'] }];
  else if (copy['resourceType'] === 'Observation') copy['valueQuantity'] = { value: 99, unit: '%', system: 'http://unitsofmeasure.org', code: '%' };
  else copy['status'] = copy['resourceType'] === 'Location' ? 'suspended' : 'cancelled';
  return copy;
}

/** Sends batch Bundles to the parent's FHIR base as the admin, `chunk` entries each; throws unless every entry is 2xx. */
export async function sendBatch(parent: TestEdge, entries: readonly JsonObject[], chunk = 100): Promise<void> {
  for (let start = 0; start < entries.length; start += chunk) {
    const response = await fetch(`${parent.base}/ws/fhir2/R4`, {
      method: 'POST',
      headers: { authorization: adminAuth, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: entries.slice(start, start + chunk) }),
    });
    const bundle = (await response.json()) as { entry?: { response: { status: string } }[] };
    const bad = (bundle.entry ?? []).map((e) => e.response.status).filter((s) => !/^2\d\d/.test(s));
    if (!response.ok || bad.length > 0) throw new Error(`batch failed: HTTP ${response.status}, entries ${bad.join(', ')}`);
  }
}

/** Creates or updates `resources` on the parent (PUT with their ids: the edge node creates with the client's id). */
export function putResources(parent: TestEdge, resources: readonly JsonObject[]): Promise<void> {
  return sendBatch(parent, resources.map((resource) => ({
    resource, request: { method: 'PUT', url: `${String(resource['resourceType'])}/${String(resource['id'])}` },
  })));
}

/** Removes `resources` on the parent (DELETE: a tombstone and a VOIDED/RETIRED event). */
export function deleteResources(parent: TestEdge, resources: readonly JsonObject[]): Promise<void> {
  return sendBatch(parent, resources.map((resource) => ({
    request: { method: 'DELETE', url: `${String(resource['resourceType'])}/${String(resource['id'])}` },
  })));
}

/** A fetch that records every request (`METHOD url`) before passing it on. */
export interface CountingFetch {
  fetch: FetchLike;
  requests: string[];
  reset(): void;
}

/** Wraps `inner` (default: the global fetch) to count its requests. */
export function countingFetch(inner: FetchLike = globalThis.fetch.bind(globalThis)): CountingFetch {
  const requests: string[] = [];
  const fetch: FetchLike = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requests.push(`${(init?.method ?? 'GET').toUpperCase()} ${url}`);
    return inner(input, init);
  };
  return { fetch, requests, reset: () => { requests.length = 0; } };
}

/** Per category, uuid → removed flag and, for live objects, canonical hash. */
export type StoreState = Record<string, Record<string, { removed: boolean; hash?: string }>>;

/**
 * What a store holds in `categories`, comparable across nodes: live objects by canonical hash
 * (which ignores FHIR `meta`, so the parent's stored body and the child's served copy agree),
 * removed ones by their flag only (a child that never saw an object whole keeps a null body).
 */
export async function storeState(store: SyncStore, categories: readonly string[] = demoCategories): Promise<StoreState> {
  const state: StoreState = {};
  for (const category of categories) {
    const objects: StoreState[string] = {};
    for (const o of await store.listObjects({ category, includeRemoved: true })) {
      objects[o.uuid] = o.removed ? { removed: true } : { removed: false, hash: o.hash };
    }
    state[category] = objects;
  }
  return state;
}

/** Number of objects in a state, removed ones included. */
export function stateSize(state: StoreState): number {
  return Object.values(state).reduce((sum, objects) => sum + Object.keys(objects).length, 0);
}

/** A sleep that only yields to the event loop: retries and backoffs cost no wall time in tests. */
export const yieldingSleep: Sleep = async (_ms, signal) => {
  throwIfAborted(signal);
  await new Promise((resolve) => setTimeout(resolve, 0));
  throwIfAborted(signal);
};

/** How to compose a child; everything but the parent base has a default. */
export interface TestChildOptions {
  parentBase: string;
  /** Used for feed pages and object reads alike. @default the global fetch */
  fetch?: FetchLike;
  /** @default a fresh memory store */
  store?: SyncStore;
  /** The pull classes, in order. @default demoCategories */
  categories?: readonly string[];
  /** @default Date.now */
  now?: Clock;
  /** sync2.json `ts` settings (catchment, batchSize, failedEvents…) over the defaults. */
  ts?: Record<string, unknown>;
  /** Preferred client per category (sync2 `classes[].preferredClient`). */
  preferredClient?: Record<string, string>;
  /** Runner settings set after the sync2.json is mapped (retry, timeoutMs…). */
  config?: Partial<SyncRunnerConfig>;
  /** Resource manager settings over those taken from the configuration. */
  manager?: Partial<ResourceManagerOptions>;
  /** @default the edge test child user */
  credentials?: { username: string; password: string };
}

/** A child composed in-process: its store, runner and resource manager. */
export interface TestChild {
  store: SyncStore;
  runner: SyncRunner;
  manager: ResourceManager;
  config: SyncRunnerConfig;
  syncOnce(): Promise<RunSummary>;
}

/**
 * A child of `options.parentBase` as a node would build one: a sync2.json (with our `ts`
 * extension) parsed and mapped by runnerConfigOf, a resource manager over the same fetch with
 * the configured credentials, preferred clients, batch size and concurrency, and a runner.
 * Retries sleep no wall time and draw their jitter from a seeded random.
 */
export async function makeChild(options: TestChildOptions): Promise<TestChild> {
  const { username, password } = options.credentials ?? { username: childCredentials.name, password: childCredentials.password };
  const classes = (options.categories ?? demoCategories).map((category) => ({
    category, enabled: true, ...(options.preferredClient?.[category] ? { preferredClient: options.preferredClient[category] } : {}),
  }));
  const parsed = parseSyncConfig({
    general: { parentFeedLocation: options.parentBase, localInstanceId: 'child-1', clients: { fhir: { login: username, password } } },
    pull: { enabled: true, schedule: 60, classes },
    push: { enabled: false, schedule: 60, classes: [] },
    ts: options.ts ?? {},
  });
  if (!parsed.ok) throw new Error(`bad test configuration: ${JSON.stringify(parsed.errors)}`);
  const config: SyncRunnerConfig = { ...runnerConfigOf(parsed.config), ...options.config };
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const random = createSeededRandom('network-kit').next;
  const credentials = resolveParentCredentials(parsed.config);
  const manager = createResourceManager({
    base: config.parentBase, fetch, preferredClient: preferredClients(parsed.config, 'pull'),
    concurrency: parsed.config.ts.concurrency, groupSize: parsed.config.ts.batchSize, sleep: yieldingSleep, random, now,
    ...(credentials ? { credentials } : {}), ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.retry ? { retry: config.retry } : {}), ...options.manager,
  });
  const store = options.store ?? createMemoryStore();
  const runner = await createSyncRunner({ store, resourceManager: manager, config, fetch, now, random, sleep: yieldingSleep, instanceId: 'child-1' });
  return { store, runner, manager, config, syncOnce: () => runner.syncOnce() };
}
