/** The node's CapabilityStatement: exactly what the FHIR routes do, so a child can adapt to it. */

import type { CategoryInfo } from '../../../core/categories/category-table.ts';
import { maxPageSizeExtensionUrl } from '../../../core/clients/parse-capabilities.ts';
import type { JsonObject } from '../../../core/store/store-port.ts';
import { maxSearchCount } from './fhir-search-params.ts';

const searchParams: JsonObject[] = [
  { name: '_id', type: 'token', documentation: 'Logical id; a comma list matches any of them' },
  { name: '_lastUpdated', type: 'date', documentation: 'This node\'s write time; prefixes eq, gt, ge, lt, le' },
  { name: '_tag', type: 'token', documentation: 'meta.tag as system|code, |code or code' },
  { name: 'patient', type: 'reference', documentation: 'subject or patient referring to Patient/{id}' },
  { name: 'subject', type: 'reference', documentation: 'subject referring to {Type}/{id} or any type with that id' },
];

/**
 * The CapabilityStatement of the FHIR base: R4 (4.0.1), server mode; for every FHIR type of the
 * table read, search-type, create, update (creating with the client's id) and delete, versioned
 * updates (`If-Match`), no conditional operations; batch at system level. Other types work the
 * same way and are named in the documentation. The `rest` entry states the largest `_count` served
 * (extension {@linkcode maxPageSizeExtensionUrl}), so children fetch in groups that large.
 *
 * @example Serve `GET metadata`
 * ```ts
 * capabilityStatement({ categories: defaultCategories, base, date: ctx.startedAt });
 * ```
 */
export function capabilityStatement(options: { categories: readonly CategoryInfo[]; base: string; date: number }): JsonObject {
  const types = [...new Set(options.categories.flatMap((c) => (c.fhirType ? [c.fhirType] : [])))].sort();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date(options.date).toISOString(),
    kind: 'instance',
    software: { name: 'OpenMRS Sync 2.0 edge node' },
    implementation: { description: 'OpenMRS Sync 2.0 edge node (parent)', url: options.base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{
      mode: 'server',
      extension: [{ url: maxPageSizeExtensionUrl, valueInteger: maxSearchCount }],
      documentation: `Any resource type is stored and served the same way as those listed. Search pages hold at most ${maxSearchCount} entries; deleted resources are kept as tombstones (read: 410) and published in the Atom feeds.`,
      resource: types.map(resourceCapability),
      interaction: [{ code: 'batch' }],
    }],
  };
}

function resourceCapability(type: string): JsonObject {
  return {
    type,
    interaction: ['read', 'search-type', 'create', 'update', 'delete'].map((code) => ({ code })),
    versioning: 'versioned-update',
    readHistory: false,
    updateCreate: true,
    conditionalCreate: false,
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    searchParam: searchParams,
  };
}
