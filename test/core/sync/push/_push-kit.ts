/** Push test kit: an in-process edge node as the parent (its app.fetch as the FetchLike, faults injectable) and a child store that pulls from and pushes to it. */

import { createResourceManager } from '../../../../src/core/clients/create-resource-manager.ts';
import type { WritableResourceManager } from '../../../../src/core/clients/resource-manager.ts';
import { canonicalHash } from '../../../../src/core/hash/canonical-hash.ts';
import type { FetchLike } from '../../../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { JsonObject, Representation, StoredObject, SyncStore } from '../../../../src/core/store/store-port.ts';
import { planLocalWrite } from '../../../../src/core/sync/plan-local-write.ts';
import { pullCategory } from '../../../../src/core/sync/pull/pull-category.ts';
import { pushAll } from '../../../../src/core/sync/push/push-all.ts';
import type { PushOptions, PushRunSummary } from '../../../../src/core/sync/push/push-types.ts';
import { createApp } from '../../../../src/edge/app/create-app.ts';
import { createUserDirectory, type EdgeUser, hashPassword } from '../../../../src/edge/app/user-directory.ts';

export const parentBase = 'http://parent.test/openmrs';
export const adminAuth = `Basic ${btoa('admin:Admin123')}`;
const childLogin = { username: 'child-1', password: 'Child123' };

/** A settable clock shared by parent and child. */
export function fakeClock(start = Date.UTC(2026, 2, 2, 8, 0, 0)): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

let users: Promise<EdgeUser[]> | undefined;

/** The admin and child users, hashed once per process with a cheap KDF (tests only). */
function testUsers(): Promise<EdgeUser[]> {
  const hash = (password: string) => hashPassword(password, { iterations: 1000 });
  users ??= Promise.all([hash('Admin123'), hash(childLogin.password)]).then(([admin, child]) => [
    { name: 'admin', role: 'admin', passwordHash: admin },
    { name: childLogin.username, role: 'child', passwordHash: child, instanceId: 'child-1' },
  ]);
  return users;
}

/** Intercepts a request to the parent: answer, or call `send` (the app) and do what you like with its answer. */
export type Interceptor = (request: Request, send: (request: Request) => Promise<Response>) => Promise<Response> | undefined;

/** An edge node app in-process, with a request log and an injectable interceptor. */
export interface EdgeParent {
  store: SyncStore;
  fetch: FetchLike;
  /** `METHOD path` of every request, path relative to the base. */
  requests: string[];
  intercept?: Interceptor;
  /** Sends a request as the admin (not logged): `path` relative to the FHIR or REST base given. */
  admin(method: string, path: string, body?: JsonObject, headers?: Record<string, string>): Promise<Response>;
}

/** Starts an edge app over a memory store on the given clock. */
export async function createEdgeParent(now: () => number): Promise<EdgeParent> {
  const store = createMemoryStore();
  let serial = 0;
  const app = createApp({
    store, now, instanceId: 'parent-1', users: createUserDirectory(await testUsers()), pageSize: 20,
    newId: () => `${String(++serial).padStart(8, '0')}-0000-4000-8000-0000000000aa`,
  });
  const send = (request: Request) => app.fetch(request);
  const parent: EdgeParent = {
    store, requests: [],
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      parent.requests.push(`${request.method} ${url.pathname.replace(/^\/openmrs/, '')}${url.search}`);
      return (await parent.intercept?.(request, send)) ?? await send(request);
    },
    admin: (method, path, body, headers = {}) => send(new Request(`${parentBase}${path}`, {
      method, headers: { authorization: adminAuth, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })),
  };
  return parent;
}

/** The parent's requests other than feed pages and metadata. */
export function objectRequests(parent: EdgeParent): string[] {
  return parent.requests.filter((r) => !r.includes('/ws/atomfeed/') && !r.endsWith('/metadata'));
}

/** A child node: its store and manager, and pull/push runs against the parent. */
export interface Child {
  store: SyncStore;
  manager: WritableResourceManager;
  pull(category?: string): Promise<void>;
  push(options?: Partial<PushOptions>): Promise<PushRunSummary>;
  /** Writes a local change as a clinician's edit would (origin local). */
  write(category: string, uuid: string, body: JsonObject | null, representation?: Representation): Promise<StoredObject>;
}

/** A child of `fetch`'s parent at `base`; retries off by default so faults show at once. */
export function createChild(
  fetch: FetchLike,
  options: { now: () => number; base?: string; retries?: number; preferredClient?: Record<string, string>; credentials?: { username: string; password: string } },
): Child {
  const store = createMemoryStore();
  let serial = 0;
  const newId = () => `${String(++serial).padStart(8, '0')}-0000-4000-8000-0000000000cc`;
  const base = options.base ?? parentBase;
  const manager = createResourceManager({
    base, fetch, credentials: options.credentials ?? childLogin, sleep: async () => {}, random: () => 0.5, now: options.now,
    retry: { retries: options.retries ?? 0 }, ...(options.preferredClient ? { preferredClient: options.preferredClient } : {}),
  });
  return {
    store, manager,
    async pull(category = 'patient') {
      await pullCategory(category, { base, store, resourceManager: manager, fetch, now: options.now, random: () => 0.5, sleep: async () => {}, instanceId: 'child-1', retry: { retries: 0 } });
    },
    push: (extra = {}) => pushAll({ store, resourceManager: manager, now: options.now, instanceId: 'child-1', random: () => 0.5, newId, ...extra }),
    async write(category, uuid, body, representation = 'fhir') {
      const current = await store.getObject(category, uuid);
      const change = { category, uuid, representation, body: body ?? current?.body ?? null, removed: body === null };
      const { plan } = planLocalWrite(current, change, { origin: 'local', now: options.now(), eventId: newId() });
      const result = await store.applyBatch(plan);
      if (!result.ok) throw new Error('local write failed');
      return (await store.getObject(category, uuid)) as StoredObject;
    },
  };
}

/** A parent edge node and a child of it on one fake clock. */
export async function parentAndChild(options: { retries?: number } = {}): Promise<{ clock: ReturnType<typeof fakeClock>; parent: EdgeParent; child: Child }> {
  const clock = fakeClock();
  const parent = await createEdgeParent(clock.now);
  const child = createChild(parent.fetch, { now: clock.now, ...options });
  return { clock, parent, child };
}

/** {@linkcode parentAndChild}, with patient `a` (uuidOf(1)) created on the parent and pulled by the child. */
export async function withPulledPatient(options: { retries?: number } = {}): Promise<Awaited<ReturnType<typeof parentAndChild>> & { a: string }> {
  const pair = await parentAndChild(options);
  const a = uuidOf(1);
  await pair.parent.admin('PUT', `/ws/fhir2/R4/Patient/${a}`, patient(a));
  await pair.child.pull();
  return { ...pair, a };
}

/** A FHIR patient body. */
export function patient(uuid: string, fields: JsonObject = {}): JsonObject {
  return { resourceType: 'Patient', id: uuid, name: [{ family: 'Otieno', given: ['Amina'] }], gender: 'female', ...fields };
}

/** A uuid for test object `n`. */
export function uuidOf(n: number): string {
  return `${String(n).padStart(8, '0')}-1111-4000-8000-000000000000`;
}

/** Canonical hash of an object's state (removed ones as `removed`), to compare nodes. */
export async function stateOf(store: SyncStore, category: string, uuid: string): Promise<string | undefined> {
  const object = await store.getObject(category, uuid);
  if (!object) return undefined;
  return object.removed ? 'removed' : canonicalHash(object.body);
}
