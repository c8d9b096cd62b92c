/** A fake OpenMRS parent (atomfeed, fhir2, REST) as a FetchLike, with the quirks a child must survive. */

import { readFileSync } from 'node:fs';
import type { FetchLike } from '../../../src/core/ports/ports.ts';
import type { JsonObject } from '../../../src/core/store/store-port.ts';
import { fhirObs, fhirPatient, obs, patients, proxyBase, restObs, restPatient, voidedUuids } from './openmrs-data.ts';
import { feedPages } from './openmrs-feeds.ts';

/** The base the child is configured with; the feed links name another host (the proxy's). */
export const parentBase = 'http://localhost:8080/openmrs';
export const parentLogin = { username: 'admin', password: 'Admin123' } as const;

/** One request the fake saw. */
export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | null;
}

export interface OpenmrsParent {
  fetch: FetchLike;
  requests: SeenRequest[];
  /** FHIR resources by `Type/uuid` (voided ones included: they read as 410). */
  fhir: ReadonlyMap<string, JsonObject>;
  /** REST full representations by `resource/uuid`. */
  rest: ReadonlyMap<string, JsonObject>;
}

const metadata = readFileSync(new URL('./fhir2-metadata.json', import.meta.url), 'utf8');
const fhirType = 'application/fhir+json;charset=UTF-8';
const expectedAuth = `Basic ${btoa(`${parentLogin.username}:${parentLogin.password}`)}`;

/**
 * The parent: feeds readable anonymously; `/ws/fhir2/R4` and `/ws/rest/v1` need Basic auth.
 * fhir2: `_id` search (voided and untranslatable resources left out), reads with weak ETags, 410
 * for voided, 404 for what it cannot serve, no batch (POST to the base is 405), `metadata` of a
 * real fhir2 module. The legacy `/ws/fhir/` path is a Tomcat 404. REST serves voided objects too.
 */
export function createOpenmrsParent(): OpenmrsParent {
  const pages = feedPages();
  const fhir = new Map<string, JsonObject>();
  const rest = new Map<string, JsonObject>();
  Object.values(patients).forEach((uuid, n) => {
    if (uuid !== patients.restOnly) fhir.set(`Patient/${uuid}`, fhirPatient(uuid, n));
    rest.set(`patient/${uuid}`, restPatient(uuid));
  });
  Object.values(obs).forEach((uuid, n) => {
    fhir.set(`Observation/${uuid}`, fhirObs(uuid, n));
    rest.set(`obs/${uuid}`, restObs(uuid, n));
  });
  const requests: SeenRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const authorization = new Headers(init?.headers).get('authorization');
    requests.push({ method, url: url.href, authorization });
    if (url.origin !== new URL(parentBase).origin) throw new TypeError(`fetch failed: ${url.origin} is not reachable from the test`);
    return answer({ url, method, authorization }, { pages, fhir, rest });
  };
  return { fetch, requests, fhir, rest };
}

interface Held {
  pages: Map<string, string>;
  fhir: Map<string, JsonObject>;
  rest: Map<string, JsonObject>;
}

function answer(request: { url: URL; method: string; authorization: string | null }, held: Held): Response {
  const path = request.url.pathname.replace(/^\/openmrs/, '');
  if (path.startsWith('/ws/atomfeed/')) {
    const page = held.pages.get(path.slice('/ws/atomfeed/'.length));
    return page === undefined
      ? new Response('<html><body>HTTP Status 500 – Internal Server Error</body></html>', { status: 500, headers: { 'content-type': 'text/html' } })
      : new Response(page, { headers: { 'content-type': 'application/atom+xml;charset=UTF-8' } });
  }
  if (path === '/ws/fhir2/R4/metadata') return new Response(metadata, { headers: { 'content-type': fhirType } });
  if (request.authorization !== expectedAuth) {
    return new Response('{"error":{"message":"User is not logged in"}}', { status: 401, headers: { 'www-authenticate': 'Basic realm="OpenMRS"' } });
  }
  if (path.startsWith('/ws/fhir2/R4')) return fhirAnswer(request, path.slice('/ws/fhir2/R4'.length), held.fhir);
  const restMatch = /^\/ws\/rest\/v1\/(patient|obs)\/([\w-]+)$/.exec(path);
  const body = restMatch ? held.rest.get(`${restMatch[1]}/${restMatch[2]}`) : undefined;
  if (body) return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json;charset=UTF-8' } });
  if (restMatch) return Response.json({ error: { message: '[Object with given uuid doesn\'t exist]', code: 'org.openmrs.module.webservices.rest.web.resource.impl.BaseDelegatingResource:710' } }, { status: 404 });
  return new Response('<html><body>HTTP Status 404 – Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } });
}

function fhirAnswer(request: { url: URL; method: string }, path: string, fhir: Map<string, JsonObject>): Response {
  const outcome = (status: number, diagnostics: string): Response => new Response(JSON.stringify({
    resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics }],
  }), { status, headers: { 'content-type': fhirType } });
  if (request.method !== 'GET') return outcome(405, `HAPI-0389: Invalid request: The FHIR endpoint on this server does not know how to handle ${request.method} operation[${path}]`);
  const read = /^\/(\w+)\/([\w-]+)$/.exec(path);
  if (read) {
    const key = `${read[1]}/${read[2]}`;
    const resource = fhir.get(key);
    if (resource && voidedUuids.has(String(read[2]))) return outcome(410, `Resource of type ${read[1]} with ID ${read[2]} is gone/deleted`);
    if (!resource) return outcome(404, `Resource of type ${read[1]} with ID ${read[2]} is not known`);
    const version = String((resource['meta'] as JsonObject)['versionId']);
    return new Response(JSON.stringify(resource), { headers: { 'content-type': fhirType, etag: `W/"${version}"` } });
  }
  const search = /^\/(\w+)$/.exec(path);
  if (!search) return outcome(404, `Unknown resource path ${path}`);
  const ids = (request.url.searchParams.get('_id') ?? '').split(',').filter((id) => id !== '');
  const found = ids.map((id) => fhir.get(`${search[1]}/${id}`)).filter((r): r is JsonObject => r !== undefined && !voidedUuids.has(String(r['id'])));
  const link = [{ relation: 'self', url: `${proxyBase}/ws/fhir2/R4/${search[1]}${request.url.search}` }];
  const entry = found.map((resource) => ({ fullUrl: `${proxyBase}/ws/fhir2/R4/${search[1]}/${String(resource['id'])}`, resource, search: { mode: 'match' } }));
  const bundle = { resourceType: 'Bundle', id: 'b2c1f9e8-0d6a-4e8b-9f3c-5a7d1e2b4c6f', meta: { lastUpdated: '2026-03-02T08:05:00.000+03:00' }, type: 'searchset', total: found.length, link, entry };
  return new Response(JSON.stringify(bundle), { headers: { 'content-type': fhirType } });
}
