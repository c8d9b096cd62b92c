/** The canonical form and hash of an object body (DESIGN §3): equal hashes mean "nothing changed". */

import type { Json } from '../store/store-port.ts';
import { quotedKey } from './quoted-key.ts';
import { sha256Hex } from './sha256-hex.ts';

/** Fields dropped at any depth: they change on the server without the object changing. */
export const ignoredFields: readonly string[] = ['links', 'auditInfo', 'display', 'resourceVersion', 'age'];

/**
 * Fields dropped only from FHIR resources, i.e. objects with a string `resourceType` (the
 * top-level resource, contained resources, Bundle entries). Elsewhere `text` and `meta` are
 * data: `CodeableConcept.text` names a concept, so it must stay in the hash.
 */
export const ignoredResourceFields: readonly string[] = ['meta', 'text'];

/** The hash of a `null` body (`sha256("null")`), e.g. a removal of an object never seen whole. */
export const nullBodyHash = '74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b';

const ignoredEverywhere = new Set(ignoredFields);
const ignoredOnResources = new Set(ignoredResourceFields);

/**
 * Canonical JSON text of a body: keys sorted; arrays whose elements are all objects carrying a
 * string or number `uuid` (else `id`) sorted by it, ties broken by their canonical text; other
 * arrays keep their order; ignored fields left out; numbers as `JSON.stringify` writes them.
 *
 * @example Display names and key order do not count
 * ```ts
 * canonicalize({ uuid: 'a', display: 'Amina', names: [{ uuid: '2' }, { uuid: '1' }] });
 * // '{"names":[{"uuid":"1"},{"uuid":"2"}],"uuid":"a"}'
 * ```
 */
export function canonicalize(body: Json | undefined): string {
  return write(body) ?? 'null';
}

/**
 * SHA-256 hex of {@linkcode canonicalize}`(body)`; `null` gives {@linkcode nullBodyHash}.
 *
 * @example Compare two versions of a body
 * ```ts
 * canonicalHash({ a: 1, links: [] }) === canonicalHash({ a: 1 }); // true
 * ```
 */
export function canonicalHash(body: Json | undefined): string {
  return sha256Hex(canonicalize(body));
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // Strings, numbers (NaN and infinities as null), and undefined or functions (left out).
      return JSON.stringify(value) as string | undefined;
  }
}

function writeObject(obj: Record<string, unknown>): string {
  const isResource = typeof obj['resourceType'] === 'string';
  let out = '{';
  for (const key of Object.keys(obj).sort()) {
    if (ignoredEverywhere.has(key) || (isResource && ignoredOnResources.has(key))) continue;
    const text = write(obj[key]);
    if (text === undefined) continue;
    out += out.length === 1 ? `${quotedKey(key)}:${text}` : `,${quotedKey(key)}:${text}`;
  }
  return `${out}}`;
}

function writeArray(items: readonly unknown[]): string {
  const texts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i += 1) texts[i] = write(items[i]) ?? 'null';
  const keys = items.length < 2 ? undefined : identitiesOf(items);
  if (keys === undefined) return `[${texts.join(',')}]`;
  const order = Array.from(texts, (_, i) => i);
  order.sort((a, b) => compare(keys[a] as string, keys[b] as string) || compare(texts[a] as string, texts[b] as string));
  return `[${order.map((i) => texts[i]).join(',')}]`;
}

/** The sort keys of an array whose every element carries one, else undefined (the array keeps its order). */
function identitiesOf(items: readonly unknown[]): string[] | undefined {
  const keys = new Array<string>(items.length);
  for (let i = 0; i < items.length; i += 1) {
    const key = identityOf(items[i]);
    if (key === undefined) return undefined;
    keys[i] = key;
  }
  return keys;
}

/** The sort key of an array element: its `uuid`, else its `id`, when it is an object carrying one. */
function identityOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const key = record['uuid'] ?? record['id'];
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
