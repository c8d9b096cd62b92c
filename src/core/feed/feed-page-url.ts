/** Numbered feed page URLs: the feed root of a `…/recent` URL, page n's URL, and the number of a `via` URL. */

/**
 * The feed root (`{base}/ws/atomfeed/{category}`) of a feed URL, with or without `/recent`.
 *
 * @example
 * ```ts
 * feedRootOf('https://hub/openmrs/ws/atomfeed/patient/recent'); // 'https://hub/openmrs/ws/atomfeed/patient'
 * ```
 */
export function feedRootOf(feedUrl: string): string {
  const url = new URL(feedUrl);
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/recent$/, '');
  return url.toString().replace(/\/+$/, '');
}

/**
 * The URL of page `n` under a feed root.
 *
 * @example
 * ```ts
 * numberedPageUrl('https://hub/openmrs/ws/atomfeed/patient', 3); // 'https://hub/openmrs/ws/atomfeed/patient/3'
 * ```
 */
export function numberedPageUrl(root: string, n: number): string {
  return `${root}/${n}`;
}

/**
 * The page number a numbered page URL ends with (0 for an empty feed's `via`), or undefined when
 * the last path segment is not a non-negative integer (e.g. `recent`).
 *
 * @example
 * ```ts
 * pageNumberOf('https://hub/openmrs/ws/atomfeed/patient/12'); // 12
 * ```
 */
export function pageNumberOf(url: string): number | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/, 1)[0] ?? '';
  }
  const segment = path.replace(/\/+$/, '').split('/').at(-1) ?? '';
  if (!/^\d{1,15}$/.test(segment)) return undefined;
  return Number(segment);
}
