/** Loads fhirclient's worker-safe `FhirClient` class, whichever way the runtime interoperates with its CommonJS module. */

// The library entry reads `window` on import; this file does not, so it runs in workers,
// service workers, Deno and Node. The `.js` suffix is needed by Deno (the package has no exports map).
import * as fhirClientModule from 'fhirclient/lib/FhirClient.js';

type Constructor = abstract new (...args: never[]) => unknown;

/** The class type under one `default` (bundlers, tsc) or two (Node's and Deno's CommonJS interop). */
type Unwrap<T> = T extends { default: infer D } ? (D extends Constructor ? D : Unwrap<D>) : never;

/** The type of fhirclient's `FhirClient` class. */
export type FhirClientClass = Unwrap<typeof fhirClientModule>;

/**
 * The `FhirClient` constructor. Bundlers (vite, vitest) expose it as the module's default export;
 * Node and Deno expose `module.exports` as the default, so it sits one `default` deeper.
 */
export function fhirClientClass(): FhirClientClass {
  const outer = (fhirClientModule as unknown as { default?: unknown }).default;
  const inner = (outer as { default?: unknown } | undefined)?.default;
  const found = typeof outer === 'function' ? outer : inner;
  if (typeof found !== 'function') throw new TypeError('fhirclient/lib/FhirClient did not export the FhirClient class');
  return found as FhirClientClass;
}
