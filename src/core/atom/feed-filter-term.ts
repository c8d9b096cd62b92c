/** The catchment filter category term of openmrs-module-atomfeed: a JAXB-written `<feedFilter>` XML document. */

import { SyncError } from '../errors/sync-error.ts';
import type { FeedFilter } from './feed-page.ts';
import { readXml } from './_read-xml.ts';
import { nodeOf, textOf } from './_xml-values.ts';
import { escapeXmlText } from './xml-escape.ts';

const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** True when a category term holds XML (a feedFilter) rather than a plain name or action. */
export function isFeedFilterTerm(term: string): boolean {
  return term.trimStart().startsWith('<');
}

/**
 * Reads a feedFilter term, e.g. `<?xml …?><feedFilter><beanName>b</beanName><filter>v</filter></feedFilter>`.
 * Bean name and value are trimmed. Throws SyncError FEED_MALFORMED (or FEED_DOCTYPE_REFUSED) when it is
 * not such a document; `details` is merged into the error's details.
 *
 * @example Read a location filter
 * ```ts
 * parseFeedFilterTerm('<feedFilter><beanName>b</beanName><filter>Kenya%*</filter></feedFilter>');
 * // { bean: 'b', value: 'Kenya%*' }
 * ```
 */
export function parseFeedFilterTerm(term: string, details: Record<string, unknown> = {}): FeedFilter {
  const root = nodeOf(readXml(term, details)['feedFilter']);
  const bean = textOf(root?.['beanName'], details)?.trim();
  const value = textOf(root?.['filter'], details)?.trim();
  if (bean === undefined || value === undefined) {
    throw new SyncError('FEED_MALFORMED', {
      message: 'A category term holds XML that is not a feedFilter with one beanName and one filter',
      details: { ...details, term: term.slice(0, 200) },
    });
  }
  return { bean, value };
}

/**
 * Writes a filter as OpenMRS does (the unescaped term; the page writer escapes it as an attribute).
 *
 * @example Write a location filter
 * ```ts
 * writeFeedFilterTerm({ bean: 'b', value: 'v' });
 * // '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><feedFilter><beanName>b</beanName><filter>v</filter></feedFilter>'
 * ```
 */
export function writeFeedFilterTerm(filter: FeedFilter): string {
  return `${declaration}<feedFilter><beanName>${escapeXmlText(filter.bean)}</beanName>` +
    `<filter>${escapeXmlText(filter.value)}</filter></feedFilter>`;
}
