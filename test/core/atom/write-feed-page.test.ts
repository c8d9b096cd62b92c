import { describe, expect, it } from 'vitest';
import type { FeedPage } from '../../../src/core/atom/feed-page.ts';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { writeFeedPage } from '../../../src/core/atom/write-feed-page.ts';
import { readFixture } from './_read-fixture.ts';

const fixtures = ['patient-page-1.xml', 'patient-page-2.xml', 'patient-page-3.xml', 'patient-recent.xml', 'location-recent-empty.xml'];

const sample: FeedPage = {
  feedId: 'f+1',
  title: 'Feed',
  updated: '2026-03-02T00:00:00Z',
  links: { self: 'http://h/openmrs/ws/atomfeed/patient/1', via: 'http://h/openmrs/ws/atomfeed/patient/1' },
  entries: [{
    id: 'e1',
    title: 'Patient',
    updated: 'u',
    published: 'p',
    category: 'patient',
    action: 'CREATED',
    filters: [],
    links: { rest: '/ws/rest/v1/patient/x?v=full' },
  }],
};

describe('writeFeedPage()', () => {
  it('writeFeedPage() reproduces the empty OpenMRS recent page byte for byte', async () => {
    const xml = await readFixture('location-recent-empty.xml');
    expect(writeFeedPage(parseFeedPage(xml))).toBe(xml);
  });

  it.each(fixtures)('writeFeedPage() writes the lines of %s (category terms in its own order)', async (name) => {
    const xml = await readFixture(name);
    const written = writeFeedPage(parseFeedPage(xml));
    expect(written.split('\n').sort()).toEqual(xml.split('\n').sort());
    // Everything but the order of category terms inside an entry is identical.
    const withoutTerms = (text: string) => text.split('\n').filter((l) => !l.includes('<category ')).join('\n');
    expect(withoutTerms(written)).toBe(withoutTerms(xml));
  });

  it('writeFeedPage() writes the OpenMRS header, link and entry shapes', () => {
    const lines = writeFeedPage(sample).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      '  <title>Feed</title>',
    ]);
    expect(lines).toContain('  <link rel="via" type="application/atom+xml" href="http://h/openmrs/ws/atomfeed/patient/1" />');
    expect(lines).toContain('  <generator uri="https://github.com/ICT4H/atomfeed">OpenMRS Feed Publisher</generator>');
    expect(lines).toContain('    <id>tag:atomfeed.ict4h.org:e1</id>');
    expect(lines).toContain('    <content type="application/vnd.atomfeed+xml"><![CDATA[{"rest":"/ws/rest/v1/patient/x?v=full"}]]></content>');
    expect(lines.some((l) => l.includes('<author>'))).toBe(false);
  });

  it('writeFeedPage() escapes text and attributes', () => {
    const page: FeedPage = {
      ...sample,
      title: 'a < b & "c" ]]> d',
      links: { via: 'http://h/x?a=1&b="2"<' },
    };
    const xml = writeFeedPage(page);
    expect(xml).toContain('<title>a &lt; b &amp; "c" ]]&gt; d</title>');
    expect(xml).toContain('href="http://h/x?a=1&amp;b=&quot;2&quot;&lt;"');
    expect(parseFeedPage(xml)).toEqual(page);
  });

  it('writeFeedPage() splits a "]]>" inside the content JSON across CDATA sections', () => {
    const page: FeedPage = { ...sample, entries: [{ ...sample.entries[0]!, links: { rest: '/ws/x]]>y', fhir: ']]>]]>' } }] };
    const xml = writeFeedPage(page);
    expect(xml).toContain('<![CDATA[{"rest":"/ws/x]]]]><![CDATA[>y","fhir":"]]]]><![CDATA[>]]]]><![CDATA[>"}]]>');
    expect(parseFeedPage(xml)).toEqual(page);
  });

  it('writeFeedPage() writes feedFilter terms as escaped XML, as OpenMRS does', () => {
    const entry = { ...sample.entries[0]!, filters: [{ bean: 'atomfeed.locationFeedFilterStrategy', value: 'Kenya%*' }] };
    const xml = writeFeedPage({ ...sample, entries: [entry] });
    expect(xml).toContain('<category term="&lt;?xml version=&quot;1.0&quot; encoding=&quot;UTF-8&quot; standalone=&quot;yes&quot;?&gt;' +
      '&lt;feedFilter&gt;&lt;beanName&gt;atomfeed.locationFeedFilterStrategy&lt;/beanName&gt;&lt;filter&gt;Kenya%*&lt;/filter&gt;&lt;/feedFilter&gt;" />');
  });

  it('writeFeedPage() refuses characters XML cannot carry, outside the JSON content', () => {
    expect(() => writeFeedPage({ ...sample, title: 'bell\u0007' })).toThrow(RangeError);
    expect(() => writeFeedPage({ ...sample, feedId: '\uD800' })).toThrow(RangeError);
    const entry = { ...sample.entries[0]!, links: { rest: '\u0007\uD800\uFFFF' } };
    expect(parseFeedPage(writeFeedPage({ ...sample, entries: [entry] })).entries[0]?.links).toEqual(entry.links);
  });
});
