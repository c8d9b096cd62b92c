import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedActions } from '../../../src/core/categories/category-table.ts';
import type { FeedEntry, FeedPage } from '../../../src/core/atom/feed-page.ts';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { writeFeedPage } from '../../../src/core/atom/write-feed-page.ts';

// Characters XML 1.0 cannot carry at all; a valid page holds none outside its JSON content.
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/** Text that stresses escaping: markup characters, CDATA ends, entities, unicode, line ends. */
const tricky = fc.constantFrom('<', '>', '&', '"', "'", ']]>', '&amp;', '&#60;', '<!DOCTYPE x>', '\r\n', '\t', ' ', 'é', '😀', '\u2028', '\uFFFD');

/** Any text XML can carry (titles keep surrounding spaces). */
const xmlText = fc.array(fc.oneof(fc.string({ unit: 'binary' }), tricky), { maxLength: 4 })
  .map((parts) => parts.join(''))
  .filter((s) => !notXml.test(s));

/** Structural values (ids, terms, links, dates) are trimmed on parse, so valid ones have no surrounding spaces. */
const token = xmlText.map((s) => s.trim()).filter((s) => s !== '');

const category = token.filter((s) => !(feedActions as readonly string[]).includes(s) && !s.startsWith('<'));

/** Content maps may hold anything JSON can: lone surrogates and control characters included. */
const contentText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' }), tricky,
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), fc.constantFrom('\uFFFE', '\uFFFF', '\u0000'));

const entry: fc.Arbitrary<FeedEntry> = fc.record({
  id: token,
  title: xmlText,
  updated: token,
  published: token,
  category,
  action: fc.constantFrom(...feedActions),
  filters: fc.array(fc.record({ bean: token, value: fc.oneof(token, fc.constant('')) }), { maxLength: 2 }),
  links: fc.dictionary(contentText, contentText, { maxKeys: 3, noNullPrototype: true }),
});

const feedPage: fc.Arbitrary<FeedPage> = fc.record({
  feedId: token,
  title: xmlText,
  updated: token,
  author: xmlText,
  links: fc.record({ self: token, via: token, prevArchive: token, nextArchive: token }, { requiredKeys: ['via'] }),
  entries: fc.array(entry, { maxLength: 4 }),
}, { requiredKeys: ['feedId', 'title', 'updated', 'links', 'entries'] });

describe('feed page round trip', () => {
  it('parseFeedPage(writeFeedPage(page)) equals page for any valid page', () => {
    fc.assert(fc.property(feedPage, (page) => {
      expect(parseFeedPage(writeFeedPage(page))).toEqual(page);
    }), { numRuns: 300 });
  });

  it('writeFeedPage(parseFeedPage(xml)) is stable once written', () => {
    fc.assert(fc.property(feedPage, (page) => {
      const xml = writeFeedPage(page);
      expect(writeFeedPage(parseFeedPage(xml))).toBe(xml);
    }));
  });
});
