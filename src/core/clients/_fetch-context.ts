/** What the fetch paths of one fetchObjects call share: the parent, its capabilities, the clients and the signal. */

import type { Logger } from '../ports/ports.ts';
import type { JsonTransport } from './json-transport.ts';
import type { ParentCapabilities } from './resource-manager.ts';
import type { SyncFhirClient } from './sync-fhir-client.ts';

export interface FetchContext {
  /** The parent's base, normalised. */
  base: string;
  capabilities: ParentCapabilities;
  fhir: SyncFhirClient;
  transport: JsonTransport;
  /** Objects per `_id` search or batch Bundle, already capped by the parent's page size. */
  groupSize: number;
  log: Logger;
  signal?: AbortSignal;
}

/** `{ signal }` when the context has one, for request options. */
export function signalOf(context: FetchContext): { signal?: AbortSignal } {
  return context.signal ? { signal: context.signal } : {};
}
