/** FHIR search-type: scans the categories of a type in id order and answers a searchset Bundle with paging links. */

import type { Json, JsonObject, StoredObject } from '../../../core/store/store-port.ts';
import { type AppFailure, isAppFailure } from '../app-errors.ts';
import { fhirCategoriesOf } from '../category-lookup.ts';
import type { AppContext } from '../edge-app-deps.ts';
import { type FhirResult, isRecord, servedResource } from './fhir-result.ts';
import { type FhirSearch, parseFhirSearch, parseReference } from './fhir-search-params.ts';

const scanBatch = 500;

export interface FhirSearchRequest {
  type: string;
  /** The query's parameters in order. */
  query: readonly (readonly [string, string])[];
  /** Absolute FHIR base, for `fullUrl` and paging links. */
  base: string;
}

/**
 * Searches `type`: live resources only (tombstones drop out), ordered by id; `next` link with a
 * `_cursor` when more match; `total` when the answer is complete on a first page (or asked for
 * with `_summary=count`).
 *
 * @example Two patients by id
 * ```ts
 * await searchFhir(ctx, { type: 'Patient', query: [['_id', 'a,b']], base });
 * ```
 */
export async function searchFhir(ctx: AppContext, request: FhirSearchRequest): Promise<FhirResult | AppFailure> {
  const search = parseFhirSearch(request.query);
  if (isAppFailure(search)) return search;
  const want = search.totalOnly ? Infinity : search.count + 1;
  const found: StoredObject[] = [];
  for (const category of fhirCategoriesOf(request.type, ctx.categories)) {
    found.push(...(await scanCategory(ctx, category, { search, type: request.type, want })));
  }
  found.sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
  const page = search.totalOnly ? [] : found.slice(0, search.count);
  const more = !search.totalOnly && found.length > search.count;
  const bundle: JsonObject = {
    resourceType: 'Bundle',
    id: ctx.newId(),
    meta: { lastUpdated: new Date(ctx.now()).toISOString() },
    type: 'searchset',
  };
  if (search.totalOnly || (search.cursor === undefined && !more)) bundle['total'] = search.totalOnly ? found.length : page.length;
  const link: JsonObject[] = [{ relation: 'self', url: pageUrl(request, undefined, true) }];
  if (more) link.push({ relation: 'next', url: pageUrl(request, page.at(-1)?.uuid, false) });
  bundle['link'] = link;
  bundle['entry'] = page.map((o) => ({ fullUrl: `${request.base}/${request.type}/${o.uuid}`, resource: servedResource(o), search: { mode: 'match' } }));
  return { status: 200, resource: bundle };
}

async function scanCategory(ctx: AppContext, category: string, options: { search: FhirSearch; type: string; want: number }): Promise<StoredObject[]> {
  const { search, type, want } = options;
  const matching = (o: StoredObject): boolean => matches(o, search, type);
  if (search.ids.length > 0) {
    const [first, ...others] = search.ids as [Set<string>, ...Set<string>[]];
    const ids = [...first].filter((id) => others.every((set) => set.has(id)) && (search.cursor === undefined || id > search.cursor));
    return (await ctx.store.getObjects(category, ids)).filter(matching);
  }
  const out: StoredObject[] = [];
  let after = search.cursor;
  for (;;) {
    const batch = await ctx.store.listObjects({ category, limit: scanBatch, ...(after === undefined ? {} : { afterUuid: after }) });
    for (const object of batch) if (out.length < want && matching(object)) out.push(object);
    if (batch.length < scanBatch || out.length >= want) return out;
    after = batch.at(-1)?.uuid;
  }
}

function matches(object: StoredObject, search: FhirSearch, type: string): boolean {
  const body = object.body;
  if (object.removed || object.representation !== 'fhir' || !body || body['resourceType'] !== type) return false;
  return search.lastUpdated.every((c) => dateHolds(c, object.updatedAt)) &&
    search.tags.every((tokens) => tokens.some((t) => hasTag(body, t))) &&
    search.references.every((r) => r.fields.some((f) => r.values.some((v) => refersTo(body[f], v))));
}

function dateHolds(c: FhirSearch['lastUpdated'][number], at: number): boolean {
  switch (c.prefix) {
    case 'eq': return at >= c.start && at < c.end;
    case 'gt': return at >= c.end;
    case 'ge': return at >= c.start;
    case 'lt': return at < c.start;
    case 'le': return at < c.end;
  }
}

function hasTag(body: JsonObject, token: { system?: string; code: string }): boolean {
  const meta = body['meta'];
  const tags = isRecord(meta) && Array.isArray(meta['tag']) ? meta['tag'] : [];
  return tags.some((tag) => isRecord(tag) && tag['code'] === token.code &&
    (token.system === undefined || (token.system === '' ? tag['system'] === undefined : tag['system'] === token.system)));
}

function refersTo(field: Json | undefined, wanted: { type?: string; id: string }): boolean {
  if (!isRecord(field) || typeof field['reference'] !== 'string') return false;
  const ref = parseReference(field['reference']);
  return ref.id === wanted.id && (wanted.type === undefined || ref.type === wanted.type);
}

function pageUrl(request: FhirSearchRequest, cursor: string | undefined, keepCursor: boolean): string {
  const params = new URLSearchParams();
  for (const [name, value] of request.query) if (keepCursor || name !== '_cursor') params.append(name, value);
  if (cursor !== undefined) params.append('_cursor', cursor);
  const query = params.toString();
  return `${request.base}/${request.type}${query ? `?${query}` : ''}`;
}
