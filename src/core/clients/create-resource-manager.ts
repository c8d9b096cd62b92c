/** The resource manager (client facade): FHIR on fhirclient, OpenMRS REST and custom clients behind one port. */

import { type CategoryInfo, defaultCategories } from '../categories/category-table.ts';
import type { RetryPolicy } from '../http/fetch-text.ts';
import type { Sleep } from '../http/sleep.ts';
import type { Clock, FetchLike, Logger, Random } from '../ports/ports.ts';
import { silentLogger } from '../ports/ports.ts';
import { dispatchRequests } from './_dispatch-requests.ts';
import { unreachableError } from './_outcomes.ts';
import type { FetchContext } from './_fetch-context.ts';
import { basicAuthorization } from './basic-authorization.ts';
import { type ClientRegistry, createClientRegistry } from './client-registry.ts';
import { createLimiter } from './create-limiter.ts';
import { normalizeBase } from './fhir-link.ts';
import { createJsonTransport, type JsonTransport } from './json-transport.ts';
import { type LoadedCapabilities, loadCapabilities } from './load-capabilities.ts';
import type { WriteContext } from './_write-context.ts';
import { readCurrent } from './read-current.ts';
import type { FetchObjectsOptions, ParentCapabilities, ResourceManager, WritableResourceManager } from './resource-manager.ts';
import { SyncFhirClient } from './sync-fhir-client.ts';
import { writeObjectTo } from './write-object.ts';
import type { RestWriteStyle } from './write-route.ts';
import { definedFields } from '../ports/defined-fields.ts';

/** Options of {@linkcode createResourceManager}. */
export interface ResourceManagerOptions {
  /** The parent's base URL including its context path, e.g. `http://localhost:8080/openmrs`. */
  base: string;
  fetch: FetchLike;
  /** Sent as HTTP Basic, and only to the base's origin. */
  credentials?: { username: string; password: string };
  /** The category table; a known category without a FHIR type is never fetched through FHIR. */
  categories?: readonly CategoryInfo[];
  /** Client per category (sync2's `preferredClient`), used when the entry links to it. */
  preferredClient?: Readonly<Record<string, string>>;
  customClients?: ClientRegistry;
  /** Requests in flight at once. @default 6 */
  concurrency?: number;
  /** Objects per `_id` search or batch Bundle, capped by the parent's page size. @default 100 */
  groupSize?: number;
  /** Per attempt, ms. @default 30_000 */
  timeoutMs?: number;
  retry?: RetryPolicy;
  random?: Random;
  sleep?: Sleep;
  now?: Clock;
  log?: Logger;
  /** Largest answer body, bytes. @default 64 MiB */
  maxBytes?: number;
  /**
   * How REST writes are shaped: `openmrs` (read-only fields dropped, references as uuids, a
   * patient's names, addresses and identifiers as sub-resources) or `verbatim` (the body as held).
   * @default 'auto': verbatim to a parent that keeps client ids and honours If-Match (an edge node)
   */
  restWrites?: RestWriteStyle | 'auto';
}

/**
 * A resource manager for one parent. `capabilities()` reads `{base}/ws/fhir2/R4/metadata` once
 * (a transient failure is retried on the next call). `fetchObjects()` picks a client per request
 * (the category's preferred one when the entry links to it, else `fhir`, `rest`, then custom
 * clients), reads FHIR objects of one type `groupSize` at a time by `_id` search or batch Bundle
 * where the parent offers them and one by one otherwise, re-reads ids a search left out (410 →
 * gone; 404 → the `rest` link), and answers one outcome per request, in order. One object's or
 * one group's failure is a `failed` outcome; 401/403 throws PARENT_UNAUTHORIZED, and a parent that
 * answered nothing at all for the call throws PARENT_UNREACHABLE. Every URL is
 * checked against the base's origin before it is fetched, so credentials go nowhere else.
 * `readCurrent()` and `writeObject()` serve push: one object's current state, and one write
 * through FHIR or REST as its route says (see `writeRouteOf`, `writeObjectTo`).
 *
 * @example Pull a page's objects
 * ```ts
 * const manager = createResourceManager({ base: 'http://localhost:8080/openmrs', fetch, credentials });
 * const outcomes = await manager.fetchObjects(requests, { signal });
 * ```
 */
export function createResourceManager(options: ResourceManagerOptions): WritableResourceManager {
  const base = normalizeBase(options.base);
  const log = options.log ?? silentLogger;
  const transport = transportOf(base, options);
  const fhir = new SyncFhirClient({ base, transport });
  const registry = options.customClients ?? createClientRegistry();
  const groupSize = options.groupSize ?? 100;
  const capabilities = memoized((call: FetchObjectsOptions) => loadCapabilities(fhir, { log, ...(call.signal ? { signal: call.signal } : {}) }));

  const fetchObjects: ResourceManager['fetchObjects'] = async (requests, call = {}) => {
    const found = await capabilities(call);
    const scope = new AbortController();
    const onAbort = (): void => scope.abort(call.signal?.reason);
    if (call.signal?.aborted) onAbort();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const context: FetchContext = {
      base, capabilities: found, fhir, transport, log, signal: scope.signal,
      groupSize: Math.max(1, Math.min(groupSize, found.maxPageSize)),
    };
    try {
      const outcomes = await dispatchRequests(requests, { context, registry, ...routing(options) });
      const unreachable = unreachableError(outcomes);
      if (unreachable) throw unreachable;
      return outcomes;
    } catch (error) {
      scope.abort(error); // stop the other requests of this call: the run is over
      throw error;
    } finally {
      call.signal?.removeEventListener('abort', onAbort);
    }
  };

  return { capabilities, fetchObjects, ...writeSide({ base, capabilities, fhir, transport, log, options }) };
}

/** `readCurrent` and `writeObject` of the manager, over the same clients and capabilities. */
function writeSide(
  shared: Pick<WriteContext, 'base' | 'fhir' | 'transport' | 'log'> & {
    capabilities: (call?: FetchObjectsOptions) => Promise<ParentCapabilities>;
    options: ResourceManagerOptions;
  },
): Required<Pick<ResourceManager, 'readCurrent' | 'writeObject'>> {
  const { base, fhir, transport, log, options } = shared;
  const context = async (call: FetchObjectsOptions): Promise<WriteContext> => ({
    base, capabilities: await shared.capabilities(call), fhir, transport, log, categories: options.categories ?? defaultCategories,
    restStyle: options.restWrites ?? 'auto', ...(call.signal ? { signal: call.signal } : {}),
  });
  return {
    readCurrent: async (ref, representation, call = {}) => await readCurrent(ref, representation, await context(call)),
    writeObject: async (write, call = {}) => await writeObjectTo(write, await context(call)),
  };
}

/** One load shared by concurrent and later callers; forgotten after a failure or a non-definitive answer. */
function memoized(
  load: (call: FetchObjectsOptions) => Promise<LoadedCapabilities>,
): (call?: FetchObjectsOptions) => Promise<ParentCapabilities> {
  let known: Promise<ParentCapabilities> | undefined;
  return (call = {}) => {
    known ??= load(call).then(
      (loaded) => {
        if (!loaded.definitive) known = undefined;
        return loaded.capabilities;
      },
      (error: unknown) => {
        known = undefined;
        throw error;
      },
    );
    return known;
  };
}

function transportOf(base: string, options: ResourceManagerOptions): JsonTransport {
  const { fetch, credentials, concurrency = 6, timeoutMs, retry, random, sleep, now, log, maxBytes } = options;
  return createJsonTransport({
    fetch, base, limit: createLimiter(concurrency),
    ...(credentials ? { headers: { authorization: basicAuthorization(credentials) } } : {}),
    ...definedFields({ timeoutMs, retry, random, sleep, now, log, maxBytes }),
  });
}

function routing(options: ResourceManagerOptions) {
  return definedFields({ preferredClient: options.preferredClient, categories: options.categories });
}

