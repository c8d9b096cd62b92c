/** Which client writes an object to a parent, from its representation and the parent's capabilities (a pure choice). */

import { type CategoryInfo, defaultCategories, findCategory } from '../categories/category-table.ts';
import type { Representation, SerializedFailure } from '../store/store-port.ts';
import type { ObjectRef, ParentCapabilities } from './resource-manager.ts';

/** How REST bodies are written: shaped for OpenMRS, or sent as held (to an edge node, which stores what it gets). */
export type RestWriteStyle = 'openmrs' | 'verbatim';

/** The client and the rules of one object's writes. */
export type WriteRoute =
  /** FHIR `{type}/{uuid}`; `versioned`: If-Match is honoured (412); `createWithId`: a PUT of a new id creates it. */
  | { client: 'fhir'; type: string; versioned: boolean; createWithId: boolean }
  /** OpenMRS REST `{resource}` (sub-resources filled with the owner's uuid). */
  | { client: 'rest'; resource: string; style: RestWriteStyle }
  /** No way to write it: the failure to record. */
  | { client: 'none'; error: SerializedFailure };

export interface WriteRouteOptions {
  /** @default defaultCategories */
  categories?: readonly CategoryInfo[];
  /** @default 'auto': verbatim to a parent that keeps client ids and honours If-Match (an edge node), else openmrs */
  restStyle?: RestWriteStyle | 'auto';
}

/**
 * The route of `ref` held in `representation`: REST objects through REST (their base belongs to
 * that representation); FHIR objects through FHIR, with the per-type `updateCreate` and
 * `versioned-update` flags of the parent's CapabilityStatement. A FHIR object on a parent without
 * FHIR, or without a FHIR type, has no route (PUSH_UNSUPPORTED).
 *
 * @example The edge node keeps ids and versions
 * ```ts
 * writeRouteOf({ category: 'patient', uuid }, 'fhir', edgeCapabilities);
 * // { client: 'fhir', type: 'Patient', versioned: true, createWithId: true }
 * ```
 */
export function writeRouteOf(ref: ObjectRef, representation: Representation, capabilities: ParentCapabilities, options: WriteRouteOptions = {}): WriteRoute {
  const info = findCategory(ref.category, options.categories ?? defaultCategories);
  if (representation === 'rest') {
    const auto = capabilities.updateCreate && capabilities.versionedUpdate ? 'verbatim' : 'openmrs';
    const style = options.restStyle === undefined || options.restStyle === 'auto' ? auto : options.restStyle;
    return { client: 'rest', resource: info?.restResource ?? ref.category, style };
  }
  const type = info?.fhirType ?? ref.fhirType;
  if (!capabilities.fhir || type === undefined) {
    return { client: 'none', error: unsupported(ref, capabilities.fhir ? 'the category has no FHIR type' : 'the parent serves no FHIR') };
  }
  const typeCaps = capabilities.types?.[type];
  return {
    client: 'fhir', type,
    versioned: typeCaps?.versionedUpdate ?? capabilities.versionedUpdate,
    createWithId: typeCaps?.updateCreate ?? capabilities.updateCreate,
  };
}

/** The PUSH_UNSUPPORTED failure of an object, with why. */
export function unsupported(ref: ObjectRef, why: string): SerializedFailure {
  return {
    code: 'PUSH_UNSUPPORTED',
    message: `${ref.category} ${ref.uuid} cannot be written to the parent: ${why}`,
    details: { category: ref.category, uuid: ref.uuid, why },
  };
}
