/** Custom clients an implementation plugs in, by the link name they serve in an event's content map. */

import type { FetchOutcome, ObjectRequest } from './resource-manager.ts';
import type { JsonTransport } from './json-transport.ts';

/** What a custom client gets from the resource manager for one call. */
export interface CustomClientContext {
  /** The parent's base URL. */
  base: string;
  /** The request's link for this client, resolved on the parent's origin (LINK_FOREIGN_ORIGIN otherwise). */
  resolveLink(request: ObjectRequest): string;
  /** Requests to the parent, with its credentials, retries, timeouts and the concurrency limit. */
  transport: JsonTransport;
  signal?: AbortSignal;
}

/**
 * A client for one link name. `fetchObjects` answers one outcome per request, in the same order;
 * an outcome missing from its answer becomes a failure. It throws only what must stop the run
 * (PARENT_UNAUTHORIZED, ABORTED); any other throw fails the requests it was given.
 */
export interface CustomClient {
  fetchObjects(requests: readonly ObjectRequest[], context: CustomClientContext): Promise<readonly FetchOutcome[]>;
}

/** Custom clients by name, in registration order (the order they are tried in). */
export interface ClientRegistry {
  /** Adds a client. Throws TypeError for `fhir`/`rest` (built in), a bad name or a name taken. */
  registerClient(name: string, client: CustomClient): void;
  get(name: string): CustomClient | undefined;
  names(): string[];
}

/** Names of the built-in clients, which a custom client cannot take. */
export const builtInClients: readonly string[] = ['fhir', 'rest'];

const namePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * An empty registry.
 *
 * @example Plug in a client for `"hl7"` links
 * ```ts
 * const registry = createClientRegistry();
 * registry.registerClient('hl7', { fetchObjects: async (requests, ctx) => requests.map((r) => …) });
 * createResourceManager({ base, fetch, customClients: registry });
 * ```
 */
export function createClientRegistry(): ClientRegistry {
  const clients = new Map<string, CustomClient>();
  return {
    registerClient(name, client) {
      if (!namePattern.test(name)) throw new TypeError(`A client name must match ${namePattern}: ${JSON.stringify(name)}`);
      if (builtInClients.includes(name)) throw new TypeError(`"${name}" is a built-in client`);
      if (clients.has(name)) throw new TypeError(`A client named "${name}" is already registered`);
      if (typeof client?.fetchObjects !== 'function') throw new TypeError('A client needs a fetchObjects function');
      clients.set(name, client);
    },
    get: (name) => clients.get(name),
    names: () => [...clients.keys()],
  };
}
