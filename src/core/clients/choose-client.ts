/** Picks the client that fetches an object: the category's preferred one, else FHIR, REST, then custom clients. */

import type { CategoryInfo } from '../categories/category-table.ts';
import type { ObjectRequest } from './resource-manager.ts';

/** What the choice depends on. */
export interface ClientChoiceContext {
  /** The parent serves FHIR (from the capability handshake). */
  fhir: boolean;
  /** Configured client per category (sync2's `preferredClient`). */
  preferredClient?: Readonly<Record<string, string>>;
  /** Names of the registered custom clients, in registration order. */
  customClients: readonly string[];
  /** The category table; a known category without a FHIR type is never fetched through FHIR. */
  categories?: readonly CategoryInfo[];
}

/**
 * The client for `request`, or undefined when none can serve it. The first of: the category's
 * preferred client, `fhir`, `rest`, each custom client in registration order, that the entry's
 * link map names and that is usable here (`fhir` needs a FHIR parent and a category with a FHIR
 * form; a custom client must be registered).
 *
 * @example The preferred client wins when the entry links to it
 * ```ts
 * chooseClient({ category: 'patient', uuid, links: { fhir: '…', rest: '…' } },
 *   { fhir: true, preferredClient: { patient: 'rest' }, customClients: [] }); // 'rest'
 * ```
 */
export function chooseClient(request: ObjectRequest, context: ClientChoiceContext): string | undefined {
  const preferred = context.preferredClient?.[request.category];
  const order = [...(preferred ? [preferred] : []), 'fhir', 'rest', ...context.customClients];
  return order.find((name) => typeof request.links[name] === 'string' && usable(name, request, context));
}

function usable(name: string, request: ObjectRequest, context: ClientChoiceContext): boolean {
  if (name === 'rest') return true;
  if (name === 'fhir') {
    const category = context.categories?.find((c) => c.name === request.category);
    return context.fhir && (category === undefined || category.fhirType !== undefined);
  }
  return context.customClients.includes(name);
}
