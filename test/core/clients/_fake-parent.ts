/** A fake OpenMRS-shaped parent as a FetchLike: fhir2 read/search/batch/metadata and REST reads, counting every request. */

import type { FetchLike } from '../../../src/core/ports/ports.ts';
import type { JsonObject } from '../../../src/core/store/store-port.ts';

export const parentBase = 'http://parent.test:8080/openmrs';
export const fhirBase = `${parentBase}/ws/fhir2/R4`;
const origin = new URL(parentBase).origin;
const context = '/openmrs';

/** One request the fake saw, wherever it was sent. */
export interface SeenRequest {
  method: string;
  url: string;
  origin: string;
  authorization: string | null;
  body?: string;
}

export interface FakeParentOptions {
  /** The metadata body, or a status to answer instead. @default a statement with `_id` search only */
  metadata?: JsonObject | number;
  /** Most entries per search page. @default 100 */
  pageSize?: number;
  /** Base the `next` links are written with (a proxy host). @default parentBase */
  nextLinkBase?: string;
  /** Replaces each `next` link (e.g. with one to a foreign host). */
  rewriteNext?: (next: string) => string;
  /** Answers a request before the fake does (faults: 500, 401…); undefined lets the fake answer. */
  intercept?: (request: SeenRequest, index: number) => Response | undefined;
}

export interface FakeParent {
  fetch: FetchLike;
  requests: SeenRequest[];
  /** Largest number of requests the fake was handling at once. */
  maxInFlight(): number;
  addFhir(resource: JsonObject): void;
  /** Makes `Type/id` read as 410 and drop out of searches (an OpenMRS void). */
  voidFhir(type: string, id: string): void;
  /** Serves `body` at `/ws/rest/v1/{path}` (path without query). */
  addRest(path: string, body: JsonObject): void;
}

/** A statement offering `_id` search (and whatever `extra` adds) for the given types. */
export function statementFor(types: readonly string[], extra: { batch?: boolean; resource?: JsonObject; rest?: JsonObject } = {}): JsonObject {
  const resource = types.map((type) => ({
    type, interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: [{ name: '_id', type: 'token' }], ...extra.resource,
  }));
  return { resourceType: 'CapabilityStatement', rest: [{ mode: 'server', resource, ...(extra.batch ? { interaction: [{ code: 'batch' }] } : {}), ...extra.rest }] };
}

const json = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/fhir+json', ...init.headers } });

/** The fake parent. */
export function createFakeParent(options: FakeParentOptions = {}): FakeParent {
  const fhir = new Map<string, JsonObject>();
  const voided = new Set<string>();
  const rest = new Map<string, JsonObject>();
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let peak = 0;

  const read = (key: string): Response => {
    if (voided.has(key)) return json({ resourceType: 'OperationOutcome' }, { status: 410 });
    const resource = fhir.get(key);
    if (!resource) return json({ resourceType: 'OperationOutcome' }, { status: 404 });
    const version = (resource['meta'] as JsonObject | undefined)?.['versionId'];
    return json(resource, { headers: version ? { etag: `W/"${String(version)}"` } : {} });
  };

  const search = (type: string, url: URL): Response => {
    const ids = (url.searchParams.get('_id') ?? '').split(',').filter(Boolean).sort();
    const count = Math.min(Number(url.searchParams.get('_count') ?? 100), options.pageSize ?? 100);
    const offset = Number(url.searchParams.get('_offset') ?? 0);
    const live = ids.map((id) => `${type}/${id}`).filter((key) => fhir.has(key) && !voided.has(key));
    const page = live.slice(offset, offset + count);
    const link = [{ relation: 'self', url: url.href }];
    if (offset + count < live.length) {
      const next = new URL(`${options.nextLinkBase ?? parentBase}/ws/fhir2/R4/${type}`);
      next.search = `_id=${ids.join(',')}&_count=${count}&_offset=${offset + count}`;
      link.push({ relation: 'next', url: options.rewriteNext?.(next.href) ?? next.href });
    }
    return json({ resourceType: 'Bundle', type: 'searchset', link, entry: page.map((key) => ({ resource: fhir.get(key) })) });
  };

  const batch = (body: string): Response => {
    const bundle = JSON.parse(body) as { entry: { request: { url: string } }[] };
    const entry = bundle.entry.map(({ request }) => {
      const answer = read(request.url);
      const resource = fhir.get(request.url);
      return answer.status === 200
        ? { resource, response: { status: '200 OK', etag: answer.headers.get('etag') } }
        : { response: { status: answer.status === 410 ? '410 Gone' : '404 Not Found' } };
    });
    return json({ resourceType: 'Bundle', type: 'batch-response', entry });
  };

  const answer = (request: SeenRequest): Response => {
    const url = new URL(request.url);
    if (url.origin !== origin) return new Response('foreign host', { status: 502 });
    const path = url.pathname.startsWith(context) ? url.pathname.slice(context.length) : url.pathname;
    if (path === '/ws/fhir2/R4/metadata') {
      const metadata = options.metadata ?? statementFor(['Patient', 'Location', 'Encounter', 'Observation']);
      return typeof metadata === 'number' ? new Response('no', { status: metadata }) : json(metadata);
    }
    if (path === '/ws/fhir2/R4' && request.method === 'POST') return batch(request.body ?? '{}');
    const fhirMatch = /^\/ws\/fhir2\/R4\/([A-Za-z]+)(?:\/([^/]+))?$/.exec(path);
    if (fhirMatch?.[2]) return read(`${fhirMatch[1]}/${fhirMatch[2]}`);
    if (fhirMatch?.[1]) return search(fhirMatch[1], url);
    const restMatch = /^\/ws\/rest\/v1\/(.+)$/.exec(path);
    const body = restMatch ? rest.get(restMatch[1] as string) : undefined;
    return body ? new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }) : new Response('{}', { status: 404 });
  };

  const fetch: FetchLike = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    const seen: SeenRequest = {
      method: (init?.method ?? 'GET').toUpperCase(), url, origin: new URL(url).origin, authorization: headers.get('authorization'),
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    };
    requests.push(seen);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1)); // let other requests overlap this one
      return options.intercept?.(seen, requests.length - 1) ?? answer(seen);
    } finally {
      inFlight -= 1;
    }
  };

  return {
    fetch,
    requests,
    maxInFlight: () => peak,
    addFhir: (resource) => fhir.set(`${String(resource['resourceType'])}/${String(resource['id'])}`, resource),
    voidFhir: (type, id) => voided.add(`${type}/${id}`),
    addRest: (path, body) => rest.set(path, body),
  };
}

/** `n` patients (ids `p000`…), each with a `meta.versionId`. */
export function patients(n: number): JsonObject[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `p${String(i).padStart(3, '0')}`;
    return { resourceType: 'Patient', id, meta: { versionId: `17000000${i}` }, gender: i % 2 ? 'male' : 'female' };
  });
}

/** The request a feed entry makes for a FHIR object (with a REST link unless told otherwise). */
export function fhirRequest(category: string, type: string, id: string, withRest = true): { category: string; uuid: string; links: Record<string, string> } {
  const links: Record<string, string> = { fhir: `/ws/fhir2/R4/${type}/${id}` };
  if (withRest) links['rest'] = `/ws/rest/v1/${category}/${id}?v=full`;
  return { category, uuid: id, links };
}
