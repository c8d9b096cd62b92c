/** Maps URLs and bodies onto categories of the table, with a derived category for types the table does not name. */

import {
  type CategoryInfo, categoryOfResource, type FeedAction, findCategory, type RemovalKind,
} from '../../core/categories/category-table.ts';
import type { JsonObject, Representation } from '../../core/store/store-port.ts';

/** A FHIR resource type name, as it may appear in a URL. */
export const fhirTypePattern = /^[A-Z][A-Za-z]{0,63}$/;

/** The category of a FHIR type the table does not map: its lowercase name, prefixed when that name is taken. */
export function derivedFhirCategory(type: string, table: readonly CategoryInfo[]): string {
  const name = type.toLowerCase();
  return findCategory(name, table) ? `fhir_${name}` : name;
}

/** Categories a FHIR type may be stored under (several for Encounter: visit and encounter). */
export function fhirCategoriesOf(type: string, table: readonly CategoryInfo[]): string[] {
  const mapped = table.filter((c) => c.fhirType === type).map((c) => c.name);
  return mapped.length > 0 ? mapped : [derivedFhirCategory(type, table)];
}

/** The category a FHIR resource body belongs to: by the table (type and tag), else derived from its type. */
export function categoryOfBody(body: JsonObject, type: string, table: readonly CategoryInfo[]): string {
  const mapped = categoryOfResource(body as Parameters<typeof categoryOfResource>[0], table);
  return mapped?.name ?? derivedFhirCategory(type, table);
}

/** How objects of a category are removed: the table's kind, else DELETED for FHIR and VOIDED for REST. */
export function removalOf(category: string, table: readonly CategoryInfo[], representation: Representation): RemovalKind {
  return findCategory(category, table)?.removal ?? (representation === 'fhir' ? 'DELETED' : 'VOIDED');
}

const restoreActions: Record<RemovalKind, FeedAction> = { VOIDED: 'UNVOIDED', RETIRED: 'UNRETIRED', DELETED: 'CREATED' };

/** The action logged when a removed object of this removal kind is written again. */
export function restoreActionOf(kind: RemovalKind): FeedAction {
  return restoreActions[kind];
}

/** The REST body flag that marks a removal of this kind (`voided`, `retired`), if any. */
export function removalFlagOf(kind: RemovalKind): 'voided' | 'retired' | undefined {
  return kind === 'VOIDED' ? 'voided' : kind === 'RETIRED' ? 'retired' : undefined;
}
