/** Options passed on without their undefined fields, so they spread safely under exactOptionalPropertyTypes. */

/**
 * The fields of `record` whose value is not undefined.
 *
 * @example
 * ```ts
 * const options = { ...defaults, ...definedFields({ signal, timeoutMs }) }; // an undefined signal leaves the default
 * ```
 */
export function definedFields<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
