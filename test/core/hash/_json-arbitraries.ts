/** fast-check generators and rewriters of JSON bodies for the canonical hash properties. */

import fc from 'fast-check';
import { ignoredFields, ignoredResourceFields } from '../../../src/core/hash/canonical-hash.ts';
import type { Json, JsonObject } from '../../../src/core/store/store-port.ts';

const reserved = new Set([...ignoredFields, ...ignoredResourceFields, 'resourceType', 'uuid', 'id', '__proto__']);
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !reserved.has(k));
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
);

/** JSON objects without ignored fields, with scalar arrays, mixed arrays and arrays of uuid/id-bearing objects. */
export const bodyArb: fc.Arbitrary<JsonObject> = fc.letrec<{ value: Json; object: JsonObject; identified: Json[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), tie('object'), tie('identified')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  identified: fc.array(
    fc.tuple(fc.constantFrom('uuid', 'id'), fc.oneof(fc.uuid(), fc.string({ maxLength: 3 })), tie('object'))
      .map(([name, ident, rest]): JsonObject => ({ ...rest, [name]: ident })),
    { maxLength: 4 },
  ),
})).object;

/** FHIR-like resources: a `resourceType`, a body, and sometimes contained resources. */
export const resourceArb: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.constantFrom('Patient', 'Observation'), bodyArb, fc.array(bodyArb, { maxLength: 2 }))
  .map(([resourceType, body, contained]) => ({
    ...body, resourceType, ...(contained.length ? { contained: contained.map((c) => ({ ...c, resourceType: 'Location' })) } : {}),
  }));

/** A small seeded generator so one fast-check integer drives a whole rewrite. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdentified = (v: Json): boolean => isObject(v) && ('uuid' in v || 'id' in v);

/** Rebuilds `value` bottom-up, letting `onObject` rewrite each object (after its children). */
export function rewrite(value: Json, onObject: (obj: JsonObject) => JsonObject, onArray = (a: Json[]) => a): Json {
  if (Array.isArray(value)) return onArray(value.map((v) => rewrite(v, onObject, onArray)));
  if (!isObject(value)) return value;
  return onObject(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, onObject, onArray)])));
}

/** Same content, keys in another order and arrays of identified objects shuffled. */
export function reorder(value: Json, rand: () => number): Json {
  return rewrite(
    value,
    (obj) => Object.fromEntries(shuffle(Object.entries(obj), rand)),
    (arr) => (arr.length > 0 && arr.every(isIdentified) ? shuffle(arr, rand) : arr),
  );
}

/** Adds ignored fields with arbitrary values: everywhere, and `meta`/`text` on resources. */
export function addIgnored(value: Json, rand: () => number): Json {
  const noise = (): Json => [rand(), { display: String(rand()) }];
  return rewrite(value, (obj) => {
    const extra: JsonObject = {};
    for (const name of ignoredFields) if (rand() < 0.5) extra[name] = noise();
    if (typeof obj['resourceType'] === 'string') for (const name of ignoredResourceFields) extra[name] = noise();
    return { ...obj, ...extra };
  });
}

/** Every path to a scalar leaf or an empty container, as lists of keys and indexes. */
export function leafPaths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leafPaths(v, [...at, i])) : [at];
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length ? keys.flatMap((k) => leafPaths(value[k] as Json, [...at, k])) : [at];
  }
  return [at];
}

/** A copy of `value` with the node at `path` replaced. */
export function replaceAt(value: Json, path: readonly (string | number)[], replacement: Json): Json {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (isObject(value)) return { ...value, [head]: replaceAt(value[head] as Json, rest, replacement) };
  return value;
}
