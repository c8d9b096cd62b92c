/** fhirclient's FhirClient with every request routed through the injected transport: reads, `_id` searches, batch reads, writes. */

import { SyncError } from '../errors/sync-error.ts';
import type { JsonObject } from '../store/store-port.ts';
import { type FhirClientClass, fhirClientClass } from './_fhirclient-class.ts';
import type { JsonAnswer } from './fetch-json.ts';
import { fhirBaseOf, resolveFhirLink } from './fhir-link.ts';
import type { JsonTransport } from './json-transport.ts';

type RequestOptions = NonNullable<Parameters<InstanceType<FhirClientClass>['fhirRequest']>[1]>;
type Obj = Record<string, unknown>;

/** One entry of a batch-response, aligned with the reads asked for. */
export interface BatchReadEntry {
  /** HTTP status of the entry; 0 when the parent left it out. */
  status: number;
  resource?: JsonObject;
  etag?: string;
}

/** A signal for the calls that take one. */
export interface SignalOption { signal?: AbortSignal }

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObj) : []);

/**
 * A FHIR R4 client of one parent, built on fhirclient's `FhirClient` (the class, not the library
 * entry, so it runs in workers, service workers, Deno and Node). fhirclient sends every request
 * through `fhirRequest`, its documented override point; here it goes through the injected
 * {@linkcode JsonTransport} instead of the global `fetch`, so fetch stays injectable, retries and
 * timeouts apply, and every URL, paging `next` links included, is kept on the parent's origin.
 * fhirclient's `create`, `update`, `delete`, `patch`, `pages` and `resources` work unchanged.
 *
 * @example
 * ```ts
 * const client = new SyncFhirClient({ base: 'http://h:8080/openmrs', transport });
 * const found = await client.searchByIds('Patient', ['a', 'b']);
 * ```
 */
export class SyncFhirClient extends fhirClientClass() {
  readonly #base: string;
  readonly #transport: JsonTransport;

  constructor(options: { base: string; transport: JsonTransport }) {
    super(fhirBaseOf(options.base));
    this.#base = options.base;
    this.#transport = options.transport;
  }

  /** fhirclient's request hook: 2xx bodies as fhirclient returns them; other statuses throw SyncError HTTP_ERROR. */
  override async fhirRequest<T = unknown>(uri: string | URL, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {};
    new Headers(options.headers as HeadersInit | undefined).forEach((value, name) => { headers[name] = value; });
    const answer = await this.request(String(uri), {
      method: options.method ?? 'GET',
      requestHeaders: headers,
      ...(typeof options.body === 'string' ? { body: options.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (answer.status < 200 || answer.status > 299) throw httpError(answer);
    if (!options.includeResponse) return answer.body as T;
    return { body: answer.body, response: new Response(null, { status: answer.status, headers: answer.headers }) } as T;
  }

  /** Any request on the parent's FHIR base; every status comes back as an answer. */
  async request(uri: string, request: Parameters<JsonTransport>[1] = {}): Promise<JsonAnswer> {
    return await this.#transport(resolveFhirLink(uri, this.#base), request);
  }

  /**
   * Resources of `type` among `ids`, by `_id` search with `_count` = the number of ids, following
   * `next` pages (at most one per id, and no further once all are found). Ids absent from the
   * result are simply missing: voided OpenMRS resources drop out of searches.
   */
  async searchByIds(type: string, ids: readonly string[], options: SignalOption = {}): Promise<JsonObject[]> {
    const wanted = new Set(ids);
    const found = new Map<string, JsonObject>();
    const url = `${type}?_id=${ids.map(encodeURIComponent).join(',')}&_count=${ids.length}`;
    const pageOptions = { limit: ids.length + 1, ...(options.signal ? { signal: options.signal } : {}) };
    for await (const page of this.pages(url, pageOptions)) {
      for (const entry of list((page as Obj)['entry'])) {
        const resource = entry['resource'];
        if (isObj(resource) && resource['resourceType'] === type && wanted.has(String(resource['id']))) {
          found.set(String(resource['id']), resource as JsonObject);
        }
      }
      if (found.size === wanted.size) break;
    }
    return [...found.values()];
  }

  /** Reads `refs` in one batch Bundle (a batch of GETs is safe to retry); entries in the order asked. */
  async batchRead(refs: readonly { type: string; id: string }[], options: SignalOption = {}): Promise<BatchReadEntry[]> {
    const entry = refs.map(({ type, id }) => ({ request: { method: 'GET', url: `${type}/${encodeURIComponent(id)}` } }));
    const answer = await this.request('', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry }),
      idempotent: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (answer.status < 200 || answer.status > 299) throw httpError(answer);
    if (!isObj(answer.body) || answer.body['resourceType'] !== 'Bundle') {
      throw new SyncError('RESPONSE_MALFORMED', { message: 'The batch answer is not a Bundle', details: { url: answer.url } });
    }
    const entries = list(answer.body['entry']);
    return refs.map((_, i) => batchEntry(entries[i]));
  }
}

function batchEntry(entry: Obj | undefined): BatchReadEntry {
  const response = isObj(entry?.['response']) ? entry['response'] : {};
  const status = Number.parseInt(String(response['status'] ?? ''), 10);
  const out: BatchReadEntry = { status: Number.isInteger(status) ? status : 0 };
  if (isObj(entry?.['resource'])) out.resource = entry['resource'] as JsonObject;
  if (typeof response['etag'] === 'string') out.etag = response['etag'];
  return out;
}

/** The error of an answer that should have been a success. */
export function httpError(answer: JsonAnswer): SyncError {
  return new SyncError('HTTP_ERROR', { message: `HTTP ${answer.status} from ${answer.url}`, details: { status: answer.status, url: answer.url } });
}
