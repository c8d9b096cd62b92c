/** A fake OpenMRS parent for push tests, as a FetchLike: atomfeed, fhir2 (no updateCreate, no If-Match) and REST with OpenMRS's write rules. */

import type { FetchLike } from '../../../../src/core/ports/ports.ts';
import type { Json, JsonObject } from '../../../../src/core/store/store-port.ts';
import metadata from '../../clients/fixtures/openmrs-fhir2-metadata.json' with { type: 'json' };
import { childBase, createFakeParent, type FakeParent } from '../../feed/_fake-parent.ts';

export const openmrsBase = childBase;
export const openmrsLogin = { username: 'admin', password: 'Admin123' };

/** Fields OpenMRS refuses in a write ("Some properties are not allowed to be set"). */
const refused = new Set(['display', 'links', 'auditInfo', 'resourceVersion', 'age', 'voided', 'uuid']);

export interface FakeOpenmrs {
  fetch: FetchLike;
  /** `METHOD path` (relative to the base) and the JSON body of every request but feeds and metadata. */
  requests: { line: string; body?: JsonObject }[];
  feeds: Map<string, FakeParent>;
  /** REST full representations by `resource/uuid` (voided ones included). */
  rest: Map<string, JsonObject>;
  /** fhir2 resources by `Type/id`. */
  fhir: Map<string, JsonObject>;
}

/** The fake, with a `patient` and a `location` feed (page size 5). */
export function createFakeOpenmrs(): FakeOpenmrs {
  const feeds = new Map(['patient', 'location'].map((category) => [category, createFakeParent({ category, pageSize: 5 })] as const));
  const fake: FakeOpenmrs = {
    feeds, requests: [], rest: new Map(), fhir: new Map(),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const path = url.pathname.replace(/^\/openmrs/, '');
      const category = /^\/ws\/atomfeed\/(\w+)\//.exec(path)?.[1];
      if (category) return await (feeds.get(category)?.fetch(request.url) ?? new Response('', { status: 500 }));
      if (path === '/ws/fhir2/R4/metadata') return Response.json(metadata);
      const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
      const body = text === '' ? undefined : (JSON.parse(text) as JsonObject);
      fake.requests.push({ line: `${request.method} ${path}${url.search}`, ...(body ? { body } : {}) });
      if (request.headers.get('authorization') !== `Basic ${btoa('admin:Admin123')}`) return new Response('', { status: 401 });
      if (path.startsWith('/ws/fhir2/R4/')) return fhirAnswer(fake, request.method, path.slice('/ws/fhir2/R4/'.length), body ?? url.searchParams);
      return restAnswer(fake, request.method, path.slice('/ws/rest/v1/'.length).split('/'), body);
    },
  };
  return fake;
}

function fhirAnswer(fake: FakeOpenmrs, method: string, path: string, given: JsonObject | URLSearchParams): Response {
  const body = given instanceof URLSearchParams ? undefined : given;
  if (given instanceof URLSearchParams && given.has('_id')) {
    const found = (given.get('_id') ?? '').split(',').flatMap((id) => fake.fhir.get(`${path}/${id}`) ?? []);
    return Response.json({ resourceType: 'Bundle', type: 'searchset', total: found.length, entry: found.map((resource) => ({ resource })) });
  }
  const held = fake.fhir.get(path);
  if (method === 'GET') return held ? Response.json(held, { headers: { etag: `W/"${String((held['meta'] as JsonObject)['versionId'])}"` } }) : new Response('{}', { status: 404 });
  if (method === 'PUT') {
    // fhir2: PUT of a missing Patient is 404; If-Match is not enforced.
    if (!held || !body) return new Response('{}', { status: 404 });
    const version = String(Number((held['meta'] as JsonObject)['versionId']) + 1000);
    const next = { ...body, meta: { versionId: version, lastUpdated: '2026-03-02T09:00:00.000+03:00' } };
    fake.fhir.set(path, next);
    return Response.json(next);
  }
  return new Response('{}', { status: 405 });
}

function restAnswer(fake: FakeOpenmrs, method: string, segments: string[], body: JsonObject | undefined): Response {
  const [resource, uuid, sub, subUuid] = segments;
  const key = `${resource}/${uuid}`;
  if (method === 'GET') {
    const held = fake.rest.get(key);
    return held ? Response.json(held) : Response.json({ error: { message: 'Object with given uuid doesn\'t exist' } }, { status: 404 });
  }
  const collection = resource === 'person' ? sub !== undefined && subUuid === undefined : uuid === undefined;
  if (body && Object.keys(body).some((k) => refused.has(k) && !(k === 'uuid' && collection) && !(k === 'voided' && body[k] === false))) {
    return Response.json({ error: { message: `Some properties are not allowed to be set: ${Object.keys(body).filter((k) => refused.has(k)).join(', ')}` } }, { status: 400 });
  }
  if (resource === 'person' && uuid) return personAnswer(fake, { method, uuid, sub, subUuid, body });
  if (method === 'POST' && uuid === undefined && body) return createAnswer(fake, String(resource), body);
  const held = fake.rest.get(key);
  if (!held) return new Response('{}', { status: 404 });
  if (method === 'DELETE') held['voided'] = true;
  // A patient update ignores person, names and identifiers, as OpenMRS does.
  else if (body && resource !== 'patient') Object.assign(held, body);
  return method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json(held);
}

function createAnswer(fake: FakeOpenmrs, resource: string, body: JsonObject): Response {
  const uuid = String(body['uuid']);
  if (fake.rest.has(`${resource}/${uuid}`)) {
    return new Response('<html>HTTP Status 500 – Internal Server Error: duplicate uuid</html>', { status: 500, headers: { 'content-type': 'text/html' } });
  }
  const full: JsonObject = { ...body, display: String(body['name'] ?? uuid), retired: false, links: [{ rel: 'self', uri: `${openmrsBase}/ws/rest/v1/${resource}/${uuid}` }] };
  fake.rest.set(`${resource}/${uuid}`, full);
  return Response.json(full, { status: 201 });
}

/** `person/{uuid}` (the patient's person fields) and its `name` / `address` sub-resources. */
function personAnswer(fake: FakeOpenmrs, call: { method: string; uuid: string; sub?: string; subUuid?: string; body?: JsonObject }): Response {
  const patient = fake.rest.get(`patient/${call.uuid}`);
  const person = patient?.['person'] as JsonObject | undefined;
  if (!person) return new Response('{}', { status: 404 });
  if (call.sub === undefined) {
    Object.assign(person, call.body ?? {});
    return Response.json(person);
  }
  const listKey = call.sub === 'name' ? 'names' : call.sub === 'address' ? 'addresses' : 'attributes';
  const items = (person[listKey] ??= []) as Json[];
  const item = items.find((i) => (i as JsonObject)['uuid'] === call.subUuid) as JsonObject | undefined;
  if (call.subUuid === undefined && call.method === 'POST') {
    items.push({ ...call.body, voided: false });
    return Response.json(call.body, { status: 201 });
  }
  if (!item) return new Response('{}', { status: 404 });
  if (call.method === 'DELETE') item['voided'] = true;
  else Object.assign(item, call.body ?? {});
  return Response.json(item);
}
