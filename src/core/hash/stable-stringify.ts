/** Deterministic JSON text with sorted keys and nothing dropped or reordered: for hashing records such as audit rows. */

import { quotedKey } from './quoted-key.ts';

/**
 * JSON text of `value` with object keys in code-unit order and no whitespace. Everything else
 * follows `JSON.stringify` (undefined properties are left out, `toJSON` is honoured), so a
 * record read back from a JSON column gives the same text as the one written.
 *
 * @example Key order does not matter
 * ```ts
 * stableStringify({ b: 1, a: [2, 1] }); // '{"a":[2,1],"b":1}'
 * ```
 */
export function stableStringify(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  const v = hasToJSON(value) ? value.toJSON() : value;
  if (v === null || typeof v !== 'object') return JSON.stringify(v) as string | undefined;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i += 1) out += (i === 0 ? '' : ',') + (write(v[i]) ?? 'null');
    return `${out}]`;
  }
  let out = '{';
  for (const key of Object.keys(v).sort()) {
    const text = write((v as Record<string, unknown>)[key]);
    if (text !== undefined) out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${text}`;
  }
  return `${out}}`;
}

function hasToJSON(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
