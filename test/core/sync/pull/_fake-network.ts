/** A fake OpenMRS-like parent for pull tests: per-category Atom feeds (the feed tests' fake parent) and a fake ResourceManager over the same objects. */

import { defaultCategories, type FeedAction, findCategory } from '../../../../src/core/categories/category-table.ts';
import type { FetchOutcome, ObjectRequest, ParentCapabilities, ResourceManager } from '../../../../src/core/clients/resource-manager.ts';
import { SyncError } from '../../../../src/core/errors/sync-error.ts';
import type { FetchLike } from '../../../../src/core/ports/ports.ts';
import type { JsonObject, SerializedFailure } from '../../../../src/core/store/store-port.ts';
import { childBase, createFakeParent, type FakeEvent, type FakeParent } from '../../feed/_fake-parent.ts';

export { childBase };

/** An object as the parent holds it. */
export interface ParentObject {
  body: JsonObject;
  removed: boolean;
  version: number;
}

/** A ResourceManager that answers from a map and records its calls. */
export interface FakeResourceManager extends ResourceManager {
  /** The requests of every fetchObjects call, in order. */
  calls: ObjectRequest[][];
  /** A failure to answer for a request, instead of the object. */
  fail?: (request: ObjectRequest) => SerializedFailure | undefined;
  /** Thrown by the next fetchObjects calls while set (e.g. PARENT_UNAUTHORIZED). */
  throwing?: (request: readonly ObjectRequest[]) => Error | undefined;
  /** Awaited before answering (with the call's signal): holds a call open for cancellation tests. */
  gate?: (signal?: AbortSignal) => Promise<void>;
  /** Objects requested in total. */
  requested(): number;
}

const capabilities: ParentCapabilities = { fhir: true, idSearch: true, batch: true, updateCreate: true, versionedUpdate: true, maxPageSize: 100 };

/** A fake resource manager over `lookup` (found, removed → gone 410, missing → gone 404). */
export function createFakeResourceManager(lookup: (request: ObjectRequest) => ParentObject | undefined): FakeResourceManager {
  const rm: FakeResourceManager = {
    calls: [],
    requested: () => rm.calls.reduce((n, call) => n + call.length, 0),
    async capabilities() { return capabilities; },
    async fetchObjects(requests, options = {}) {
      rm.calls.push(requests.map((r) => ({ ...r })));
      await rm.gate?.(options.signal);
      if (options.signal?.aborted) throw new SyncError('ABORTED', { cause: options.signal.reason });
      const thrown = rm.throwing?.(requests);
      if (thrown) throw thrown;
      return requests.map((request) => answer(request, rm.fail?.(request), lookup(request)));
    },
  };
  return rm;
}

function answer(request: ObjectRequest, failure: SerializedFailure | undefined, object: ParentObject | undefined): FetchOutcome {
  const type = findCategory(request.category)?.fhirType ?? request.category;
  const url = `${childBase}/ws/fhir2/R4/${type}/${request.uuid}`;
  if (failure) return { kind: 'failed', request, error: failure, client: 'fhir', url };
  if (!object) return { kind: 'gone', request, status: 404, client: 'fhir', url };
  if (object.removed) return { kind: 'gone', request, status: 410, client: 'fhir', url };
  return { kind: 'found', request, representation: 'fhir', body: structuredClone(object.body), version: String(object.version), client: 'fhir', url };
}

/** A parent: objects, a feed per category, and the operations that change them and publish events. */
export interface FakeNetwork {
  fetch: FetchLike;
  resourceManager: FakeResourceManager;
  objects: Map<string, ParentObject>;
  feeds: Map<string, FakeParent>;
  /** Every feed page requested, as `category/page`. */
  feedRequests: string[];
  create(category: string, uuid: string, body?: JsonObject): string;
  update(category: string, uuid: string, body?: JsonObject): string;
  /** Removes the object (OpenMRS style: UPDATED then the category's removal, unless `single`). */
  remove(category: string, uuid: string, options?: { single?: boolean }): string;
  restore(category: string, uuid: string): string;
  /** Publishes an event without changing the object. */
  publish(category: string, uuid: string, action: FeedAction, extra?: Partial<FakeEvent>): string;
}

/** A fake network with `categories`' feeds, `pageSize` events per page. */
export function createFakeNetwork(options: { categories?: string[]; pageSize?: number } = {}): FakeNetwork {
  const { categories = ['patient'], pageSize = 5 } = options;
  const feeds = new Map(categories.map((c) => [c, createFakeParent({ category: c, pageSize })] as const));
  const objects = new Map<string, ParentObject>();
  const feedRequests: string[] = [];
  let serial = 0;
  const key = (category: string, uuid: string): string => `${category}/${uuid}`;
  const publish: FakeNetwork['publish'] = (category, uuid, action, extra = {}) => {
    serial += 1;
    const id = `${String(serial).padStart(8, '0')}-feed-4000-8000-${category}`;
    feeds.get(category)?.events.push({ id, uuid, action, ...extra });
    return id;
  };
  const write = (category: string, uuid: string, body: JsonObject | undefined, removed: boolean): void => {
    const old = objects.get(key(category, uuid));
    const type = findCategory(category)?.fhirType ?? category;
    objects.set(key(category, uuid), {
      body: body ?? old?.body ?? { resourceType: type, id: uuid }, removed, version: (old?.version ?? 0) + 1,
    });
  };
  const network: FakeNetwork = {
    objects, feeds, feedRequests,
    resourceManager: createFakeResourceManager((r) => objects.get(key(r.category, r.uuid))),
    fetch: async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const category = url.pathname.split('/')[4] ?? '';
      feedRequests.push(`${category}/${url.pathname.split('/')[5] ?? ''}`);
      const feed = feeds.get(category);
      return feed ? await feed.fetch(input, init) : new Response('no such feed', { status: 500 });
    },
    create: (category, uuid, body) => (write(category, uuid, body, false), publish(category, uuid, 'CREATED')),
    update: (category, uuid, body) => (write(category, uuid, body, false), publish(category, uuid, 'UPDATED')),
    remove: (category, uuid, { single = false } = {}) => {
      write(category, uuid, undefined, true);
      if (!single) publish(category, uuid, 'UPDATED');
      return publish(category, uuid, removalOf(category));
    },
    restore: (category, uuid) => {
      write(category, uuid, undefined, false);
      return publish(category, uuid, removalOf(category) === 'RETIRED' ? 'UNRETIRED' : 'UNVOIDED');
    },
    publish,
  };
  return network;
}

function removalOf(category: string): FeedAction {
  return findCategory(category, defaultCategories)?.removal ?? 'DELETED';
}

/** A patient body with a given name, as fhir2 would serve it (meta and text are not data). */
export function patientBody(uuid: string, given: string, extra: JsonObject = {}): JsonObject {
  return { resourceType: 'Patient', id: uuid, name: [{ given: [given], family: 'Otieno' }], meta: { versionId: given }, ...extra };
}

/** A uuid-shaped string for test object `n`. */
export function uuidOf(n: number): string {
  return `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
}
