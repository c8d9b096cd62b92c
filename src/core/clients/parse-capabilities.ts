/** Reads a FHIR CapabilityStatement into what a child needs to know of its parent (the capability handshake). */

import type { FhirTypeCapabilities, ParentCapabilities } from './resource-manager.ts';

/**
 * Extension (on the statement or its `rest` entry) where a parent states its largest search page;
 * an integer value. OpenMRS has none and serves at most 100 per page.
 */
export const maxPageSizeExtensionUrl = 'urn:openmrs-sync2-ts:fhir:max-page-size';

/** The page size assumed when a parent does not state one (OpenMRS fhir2's maximum). */
export const defaultMaxPageSize = 100;

/** A parent with no usable FHIR: REST only. */
export const restOnlyCapabilities: ParentCapabilities = {
  fhir: false, idSearch: false, batch: false, updateCreate: false, versionedUpdate: false, maxPageSize: defaultMaxPageSize,
};

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObj) : []);
const codes = (value: unknown): Set<string> => new Set(list(value).map((i) => i['code']).filter((c): c is string => typeof c === 'string'));

/**
 * The capabilities a CapabilityStatement declares: FHIR when it is one; per resource type `read`,
 * `_id` search (a `search-type` interaction with an `_id` parameter on the type or the whole
 * server), `updateCreate`, `versioning: versioned-update`; `batch` from the server interactions;
 * the page size from {@linkcode maxPageSizeExtensionUrl}, else 100. The flat flags say "some type
 * offers it"; `types` has the detail. Anything else gives {@linkcode restOnlyCapabilities}.
 *
 * @example OpenMRS fhir2: `_id` search, no batch, no updateCreate
 * ```ts
 * parseCapabilities(statement); // { fhir: true, idSearch: true, batch: false, … maxPageSize: 100, types: { Patient: … } }
 * ```
 */
export function parseCapabilities(statement: unknown): ParentCapabilities {
  if (!isObj(statement) || statement['resourceType'] !== 'CapabilityStatement') return { ...restOnlyCapabilities };
  const rest = list(statement['rest']).find((r) => r['mode'] === undefined || r['mode'] === 'server');
  if (!rest) return { ...restOnlyCapabilities, fhir: true, types: {} };
  const serverParams = searchParamNames(rest['searchParam']);
  const types: Record<string, FhirTypeCapabilities> = {};
  for (const resource of list(rest['resource'])) {
    if (typeof resource['type'] === 'string') types[resource['type']] = typeCapabilities(resource, serverParams);
  }
  const all = Object.values(types);
  return {
    fhir: true,
    idSearch: all.some((t) => t.idSearch),
    batch: codes(rest['interaction']).has('batch'),
    updateCreate: all.some((t) => t.updateCreate),
    versionedUpdate: all.some((t) => t.versionedUpdate),
    maxPageSize: pageSizeOf(rest) ?? pageSizeOf(statement) ?? defaultMaxPageSize,
    types,
  };
}

function typeCapabilities(resource: Obj, serverParams: Set<string>): FhirTypeCapabilities {
  const interactions = codes(resource['interaction']);
  const params = searchParamNames(resource['searchParam']);
  return {
    read: interactions.has('read'),
    idSearch: interactions.has('search-type') && (params.has('_id') || serverParams.has('_id')),
    updateCreate: resource['updateCreate'] === true && interactions.has('update'),
    versionedUpdate: resource['versioning'] === 'versioned-update',
  };
}

function searchParamNames(value: unknown): Set<string> {
  return new Set(list(value).map((p) => p['name']).filter((n): n is string => typeof n === 'string'));
}

function pageSizeOf(element: Obj): number | undefined {
  const extension = list(element['extension']).find((e) => e['url'] === maxPageSizeExtensionUrl);
  if (!extension) return undefined;
  const value = extension['valuePositiveInt'] ?? extension['valueInteger'] ?? extension['valueUnsignedInt'];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
