/** The content of a feed entry: links to the paths this node can actually serve the object at. */

import { type CategoryInfo, findCategory } from '../../../core/categories/category-table.ts';
import type { StoredObject } from '../../../core/store/store-port.ts';
import { parentUuidOf, restPathOf } from '../rest/rest-paths.ts';

/**
 * Client name → path relative to the base. An object stored as FHIR gets only its `fhir` link
 * (`/ws/fhir2/R4/{Type}/{uuid}`), one stored as REST only its `rest` link (`…?v=full`); an
 * object this node does not hold gets the links its category's table row promises. Empty when no
 * path can be built (a sub-resource whose owner is unknown).
 *
 * @example A patient stored as FHIR
 * ```ts
 * contentLinks('patient', uuid, patientObject, defaultCategories); // { fhir: '/ws/fhir2/R4/Patient/…' }
 * ```
 */
export function contentLinks(
  category: string,
  uuid: string,
  object: StoredObject | undefined,
  table: readonly CategoryInfo[],
): Record<string, string> {
  const info = findCategory(category, table);
  const restResource = info?.restResource ?? category;
  if (object?.representation === 'fhir') {
    const type = typeof object.body?.['resourceType'] === 'string' ? object.body['resourceType'] : info?.fhirType;
    return type ? { fhir: `/ws/fhir2/R4/${type}/${uuid}` } : {};
  }
  if (object?.representation === 'rest') {
    const path = restPathOf(restResource, uuid, parentUuidOf(object.body, restResource));
    return path ? { rest: `${path}?v=full` } : {};
  }
  const links: Record<string, string> = {};
  const path = info ? restPathOf(restResource, uuid, undefined) : undefined;
  if (path) links['rest'] = `${path}?v=full`;
  if (info?.fhirType) links['fhir'] = `/ws/fhir2/R4/${info.fhirType}/${uuid}`;
  return links;
}
