/** The parent-side reference of a stored object: category, uuid, a sub-resource's owner, a FHIR type outside the table. */

import { type CategoryInfo, defaultCategories, findCategory } from '../../categories/category-table.ts';
import { restOwnerOf } from '../../clients/rest-object-path.ts';
import type { ObjectRef } from '../../clients/resource-manager.ts';
import type { StoredObject } from '../../store/store-port.ts';

/** The reference the resource manager reads and writes `stored` by. */
export function objectRefOf(stored: StoredObject, categories: readonly CategoryInfo[] = defaultCategories): ObjectRef {
  const info = findCategory(stored.category, categories);
  const body = stored.body ?? stored.base?.body ?? null;
  const owner = info ? restOwnerOf(body, info.restResource) ?? restOwnerOf(stored.base?.body, info.restResource) : undefined;
  const type = body?.['resourceType'];
  return {
    category: stored.category, uuid: stored.uuid,
    ...(owner !== undefined ? { owner } : {}),
    ...(info?.fhirType === undefined && typeof type === 'string' ? { fhirType: type } : {}),
  };
}
