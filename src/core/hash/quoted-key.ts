/** JSON-quoted object keys, remembered: canonical and stable JSON writers meet the same few hundred keys millions of times. */

const quotedKeys = new Map<string, string>();
// Bounded, so bodies with ever-new keys (ids used as keys) cannot grow it without end.
const maxQuotedKeys = 10_000;

/**
 * `JSON.stringify(key)`, from a bounded cache.
 *
 * @example
 * ```ts
 * quotedKey('given'); // '"given"'
 * ```
 */
export function quotedKey(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < maxQuotedKeys) quotedKeys.set(key, text);
  }
  return text;
}
