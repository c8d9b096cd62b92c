/** The local patient list: Patient objects of the store as summaries, searched by name and identifier. */

import type { Json, JsonObject, StoredObject, SyncStore } from '../core/store/store-port.ts';
import { pendingKey } from './pending-pushes.ts';
import type { PatientSummary } from './sync-api.ts';

export interface ListPatientsOptions {
  /** Words that must all occur in the name or an identifier (case-insensitive). */
  search?: string;
  /** @default 50 */
  limit?: number;
  /** Objects with unpushed local changes (see pending-pushes.ts). */
  pending: ReadonlySet<string>;
  /** Objects read per store query. @default 500 */
  pageSize?: number;
}

/**
 * Up to `limit` live patients matching `search`, in the store's order (by uuid), scanning the
 * store page by page and stopping once the list is full.
 *
 * @example
 * ```ts
 * await listPatients(store, { search: 'wanjiru 10004', pending: new Set() });
 * ```
 */
export async function listPatients(store: SyncStore, options: ListPatientsOptions): Promise<PatientSummary[]> {
  const limit = Math.max(0, options.limit ?? 50);
  const pageSize = options.pageSize ?? 500;
  const words = (options.search ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
  const found: PatientSummary[] = [];
  let afterUuid: string | undefined;
  while (found.length < limit) {
    const page = await store.listObjects({ category: 'patient', limit: pageSize, ...(afterUuid ? { afterUuid } : {}) });
    for (const object of page) {
      const summary = patientSummaryOf(object, options.pending.has(pendingKey(object.category, object.uuid)));
      if (summary && matches(summary, words) && found.push(summary) === limit) break;
    }
    afterUuid = page.at(-1)?.uuid;
    if (page.length < pageSize) break;
  }
  return found;
}

/** The summary of a stored patient (FHIR or OpenMRS REST form); undefined for a removed one. */
export function patientSummaryOf(object: StoredObject, pending: boolean): PatientSummary | undefined {
  if (object.removed || !object.body) return undefined;
  const body = object.body;
  const fields = body['resourceType'] === 'Patient' ? fhirFields(body) : restFields(body);
  const summary: PatientSummary = { uuid: object.uuid, name: fields.name || '(no name)', pending };
  if (fields.gender) summary.gender = fields.gender;
  if (fields.birthDate) summary.birthDate = fields.birthDate;
  if (fields.identifier) summary.identifier = fields.identifier;
  return summary;
}

interface Fields { name: string; gender?: string; birthDate?: string; identifier?: string }

function fhirFields(body: JsonObject): Fields {
  const name = objects(body['name'])[0];
  const given = Array.isArray(name?.['given']) ? name['given'].filter((g) => typeof g === 'string') : [];
  const text = [...given, str(name?.['family'])].filter(Boolean).join(' ') || str(name?.['text']);
  return { name: text, gender: str(body['gender']), birthDate: str(body['birthDate']), identifier: str(objects(body['identifier'])[0]?.['value']) };
}

function restFields(body: JsonObject): Fields {
  const person = objects([body['person'] ?? null])[0] ?? {};
  const preferred = objects([person['preferredName'] ?? null])[0];
  return {
    name: str(preferred?.['display']) || str(person['display']) || str(body['display']),
    gender: str(person['gender']), birthDate: str(person['birthdate']).slice(0, 10),
    identifier: str(objects(body['identifiers'])[0]?.['identifier']),
  };
}

function matches(summary: PatientSummary, words: readonly string[]): boolean {
  const haystack = `${summary.name} ${summary.identifier ?? ''}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

function str(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}
