/** Extra request headers (credentials) go only to the parent's own origin, never to a link elsewhere. */

/**
 * `headers` when `url` has the origin of `base`, else an empty object. Without a base, none are
 * sent: a credential must never leak to a host we did not configure.
 *
 * @example
 * ```ts
 * headersForOrigin('https://hub.example/openmrs/ws/atomfeed/patient/1', {
 *   base: 'https://hub.example/openmrs', headers: { authorization: 'Basic …' },
 * }); // { authorization: 'Basic …' }
 * ```
 */
export function headersForOrigin(
  url: string,
  options: { base?: string; headers?: Record<string, string> },
): Record<string, string> {
  const { base, headers } = options;
  if (!headers || base === undefined) return {};
  return originOf(url) !== undefined && originOf(url) === originOf(base) ? { ...headers } : {};
}

/** The origin of a URL, or undefined when it is not an absolute URL. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
