/** Writes a FeedPage as XML in exactly the shape openmrs-module-atomfeed serves. */

import type { FeedEntry, FeedLinks, FeedPage } from './feed-page.ts';
import { writeFeedFilterTerm } from './feed-filter-term.ts';
import { eventIdPrefix } from './_parse-entry.ts';
import { cdata, escapeXmlAttribute as attr, escapeXmlText as text } from './xml-escape.ts';

/** The generator element every OpenMRS page carries. */
const generator = '<generator uri="https://github.com/ICT4H/atomfeed">OpenMRS Feed Publisher</generator>';

const linkOrder: readonly [keyof FeedLinks, string][] = [
  ['self', 'self'],
  ['via', 'via'],
  ['prevArchive', 'prev-archive'],
  ['nextArchive', 'next-archive'],
];

// JSON.stringify leaves U+FFFE/U+FFFF raw, which XML cannot carry; as JSON escapes they survive.
function contentJson(links: Record<string, string>): string {
  return JSON.stringify(links).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

function writeEntry(entry: FeedEntry, out: string[]): void {
  out.push('  <entry>', `    <title>${text(entry.title)}</title>`);
  const terms = [entry.action, entry.category, ...entry.filters.map(writeFeedFilterTerm)];
  for (const term of terms) out.push(`    <category term="${attr(term)}" />`);
  out.push(
    `    <id>${text(eventIdPrefix + entry.id)}</id>`,
    `    <updated>${text(entry.updated)}</updated>`,
    `    <published>${text(entry.published)}</published>`,
    `    <content type="application/vnd.atomfeed+xml">${cdata(contentJson(entry.links))}</content>`,
    '  </entry>',
  );
}

/**
 * Writes a page: XML declaration, Atom namespace, title, links (`self`, `via`, `prev-archive`,
 * `next-archive`, those present), author (when set), id, generator, updated, then entries with
 * their action, category and feedFilter terms and CDATA JSON content. `parseFeedPage` reads it back
 * to an equal value. Throws RangeError for a character XML cannot carry (a control character or a
 * lone surrogate outside the JSON content).
 *
 * @example Serve a page
 * ```ts
 * const xml = writeFeedPage({ feedId: 'f+1', title: 'Feed', updated: '2026-03-02T00:00:00Z',
 *   links: { self: url, via: url }, entries: [] });
 * ```
 */
export function writeFeedPage(page: FeedPage): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${text(page.title)}</title>`,
  ];
  for (const [key, rel] of linkOrder) {
    const href = page.links[key];
    if (href !== undefined) out.push(`  <link rel="${rel}" type="application/atom+xml" href="${attr(href)}" />`);
  }
  if (page.author !== undefined) out.push('  <author>', `    <name>${text(page.author)}</name>`, '  </author>');
  out.push(`  <id>${text(page.feedId)}</id>`, `  ${generator}`, `  <updated>${text(page.updated)}</updated>`);
  for (const entry of page.entries) writeEntry(entry, out);
  out.push('</feed>', '');
  return out.join('\n');
}
