/** What the write-side paths of one call share: the parent, its capabilities, the clients, the signal. */

import type { CategoryInfo } from '../categories/category-table.ts';
import { SyncError } from '../errors/sync-error.ts';
import type { Logger } from '../ports/ports.ts';
import type { JsonObject } from '../store/store-port.ts';
import type { JsonAnswer } from './fetch-json.ts';
import type { JsonTransport } from './json-transport.ts';
import type { ObjectRef, ParentCapabilities } from './resource-manager.ts';
import type { SyncFhirClient } from './sync-fhir-client.ts';
import type { RestWriteStyle } from './write-route.ts';

export interface WriteContext {
  /** The parent's base, normalised. */
  base: string;
  capabilities: ParentCapabilities;
  fhir: SyncFhirClient;
  transport: JsonTransport;
  categories: readonly CategoryInfo[];
  restStyle: RestWriteStyle | 'auto';
  log: Logger;
  signal?: AbortSignal;
}

/** `{ signal }` when the context has one. */
export function signalOfWrite(context: WriteContext): { signal?: AbortSignal } {
  return context.signal ? { signal: context.signal } : {};
}

/** The answer's body when it is a JSON object. */
export function objectBody(answer: JsonAnswer): JsonObject | undefined {
  const body = answer.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : undefined;
}

/** The parent's clock of an answer (its `Date` header), when it sent one. */
export function answerDate(answer: JsonAnswer): number | undefined {
  const text = answer.headers.get('date');
  const time = text === null ? Number.NaN : Date.parse(text);
  return Number.isFinite(time) ? time : undefined;
}

/** A 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** PUSH_UNSUPPORTED as an error to throw from a read. */
export function unsupportedError(ref: ObjectRef, why: string): SyncError {
  return new SyncError('PUSH_UNSUPPORTED', {
    message: `${ref.category} ${ref.uuid} cannot be addressed on the parent: ${why}`, details: { category: ref.category, uuid: ref.uuid, why },
  });
}
