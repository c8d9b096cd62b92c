/** The Sync 2.0 categories as data: how each maps to FHIR and REST, how it is removed, and its order. */

/** What a removal means for a category on an OpenMRS parent. */
export type RemovalKind = 'VOIDED' | 'RETIRED' | 'DELETED';

export interface CategoryInfo {
  /** Feed category name, as in the Atom `category` term (e.g. `patient`). */
  name: string;
  /** FHIR R4 resource type, or undefined when the category has no FHIR form. */
  fhirType?: string;
  /** `meta.tag` code that tells Encounter-based categories apart (system below). */
  fhirTag?: string;
  /** REST resource path under `/ws/rest/v1/`; `{parent}` stands for the owning person's uuid. */
  restResource: string;
  removal: RemovalKind;
  /** Pull and push order: lower first, so referenced objects arrive before referrers. */
  order: number;
}

/** System of the `meta.tag` that distinguishes OpenMRS visits from encounters. */
export const encounterTagSystem = 'http://fhir.openmrs.org/ext/encounter-tag';

/** The default table of DESIGN §2.4. */
export const defaultCategories: readonly CategoryInfo[] = [
  { name: 'location', fhirType: 'Location', restResource: 'location', removal: 'RETIRED', order: 1 },
  { name: 'patient', fhirType: 'Patient', restResource: 'patient', removal: 'VOIDED', order: 2 },
  { name: 'person_name', restResource: 'person/{parent}/name', removal: 'VOIDED', order: 3 },
  { name: 'patient_identifier', restResource: 'patient/{parent}/identifier', removal: 'VOIDED', order: 3 },
  { name: 'person_address', restResource: 'person/{parent}/address', removal: 'VOIDED', order: 3 },
  { name: 'person_attribute', restResource: 'person/{parent}/attribute', removal: 'VOIDED', order: 3 },
  { name: 'visit', fhirType: 'Encounter', fhirTag: 'visit', restResource: 'visit', removal: 'VOIDED', order: 4 },
  { name: 'encounter', fhirType: 'Encounter', fhirTag: 'encounter', restResource: 'encounter', removal: 'VOIDED', order: 5 },
  { name: 'observation', fhirType: 'Observation', restResource: 'obs', removal: 'VOIDED', order: 6 },
];

/** Actions an Atom entry may carry. */
export const feedActions = ['CREATED', 'UPDATED', 'VOIDED', 'UNVOIDED', 'RETIRED', 'UNRETIRED', 'DELETED'] as const;
export type FeedAction = (typeof feedActions)[number];

/** Actions that take an object out of use (kept as a tombstone). */
export function isRemovalAction(action: FeedAction): boolean {
  return action === 'VOIDED' || action === 'RETIRED' || action === 'DELETED';
}

/** Looks a category up by name in a table; undefined when unknown. */
export function findCategory(
  name: string,
  table: readonly CategoryInfo[] = defaultCategories,
): CategoryInfo | undefined {
  return table.find((c) => c.name === name);
}

/**
 * The category a FHIR resource belongs to: by type, and for shared types (Encounter) by its tag.
 * Undefined when no category maps to it.
 */
export function categoryOfResource(
  resource: { resourceType?: unknown; meta?: { tag?: { system?: string; code?: string }[] } },
  table: readonly CategoryInfo[] = defaultCategories,
): CategoryInfo | undefined {
  const candidates = table.filter((c) => c.fhirType === resource.resourceType);
  if (candidates.length <= 1) return candidates[0];
  const tags = resource.meta?.tag ?? [];
  const code = tags.find((t) => t.system === encounterTagSystem)?.code;
  return candidates.find((c) => c.fhirTag === code) ?? candidates.find((c) => c.fhirTag === 'encounter');
}

/** The table sorted by sync order, then name, for deterministic runs. */
export function categoriesInOrder(table: readonly CategoryInfo[] = defaultCategories): CategoryInfo[] {
  return [...table].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
