import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../../../src/core/atom/feed-page.ts';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { readFixture } from './_read-fixture.ts';

const host = 'https://openmrs.example.org:443/openmrs/ws/atomfeed';
const feedUuid = 'a2ad93fd-8a7f-405f-bbc1-da4535e6d05c';
const kibera = { bean: 'atomfeed.locationFeedFilterStrategy', value: 'Kenya%Nairobi%null%Kibera%00100' };

function patientLinks(uuid: string): Record<string, string> {
  return { rest: `/ws/rest/v1/patient/${uuid}?v=full`, fhir: `/ws/fhir2/R4/Patient/${uuid}` };
}

/** Entry id, action, patient uuid and filter count: enough to pin every entry of a page. */
function summary(entries: FeedEntry[]): [string, string, string, number][] {
  return entries.map((e) => [e.id, e.action, e.links['fhir']?.split('/').pop() ?? '', e.filters.length]);
}

function page(entries: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>` +
    `<link rel="via" href="http://h/openmrs/ws/atomfeed/patient/1"/><id>f+1</id><updated>u</updated>${entries}</feed>`;
}

function entry(id: string, terms: string[], content = '{"rest":"/ws/rest/v1/patient/p"}'): string {
  return `<entry><title>Patient</title>${terms.map((t) => `<category term="${t}"/>`).join('')}` +
    `<id>tag:atomfeed.ict4h.org:${id}</id><updated>u</updated><published>p</published>` +
    `<content type="application/vnd.atomfeed+xml"><![CDATA[${content}]]></content></entry>`;
}

describe('parseFeedPage() on the OpenMRS fixtures', () => {
  it('parseFeedPage() reads patient-page-1 exactly, in page order', async () => {
    const result = parseFeedPage(await readFixture('patient-page-1.xml'));
    expect(result.feedId).toBe(`${feedUuid}+1`);
    expect(result.title).toBe('OpenMRS Feed Publisher for Sync2.0');
    expect(result.updated).toBe('2026-03-02T08:00:35Z');
    expect(result.author).toBe('SolDevelo');
    expect(result.links).toEqual({ self: `${host}/patient/1`, via: `${host}/patient/1`, nextArchive: `${host}/patient/2` });
    expect(result.entries[0]).toEqual({
      id: 'd1b48fae-9ea9-4ae9-9687-198d46708cbd',
      title: 'Patient',
      updated: '2026-03-02T08:00:07Z',
      published: '2026-03-02T08:00:07Z',
      category: 'patient',
      action: 'CREATED',
      filters: [],
      links: patientLinks('32af3a10-ebc9-49e8-b59a-8e4a48354c3c'),
    });
    expect(summary(result.entries)).toEqual([
      ['d1b48fae-9ea9-4ae9-9687-198d46708cbd', 'CREATED', '32af3a10-ebc9-49e8-b59a-8e4a48354c3c', 0],
      ['0e4faed9-4487-4c48-a6e3-d744955795fb', 'CREATED', 'b79dc6d8-849f-49e2-aff3-0abb3adb378f', 0],
      ['d6bbaa34-38b5-4de7-ba28-f63dbb2f26ef', 'CREATED', 'bf5bd690-a9ef-4402-8252-b70f9e21e741', 0],
      ['465e8b48-9b23-4680-9941-0d1a36025146', 'CREATED', '9ee9ec74-d992-433f-97d8-349ffc487133', 0],
      ['f84b00a5-264b-409c-9836-7e718e32395e', 'CREATED', 'b7058212-f46e-40bd-a382-12340c41a923', 0],
    ]);
    expect(result.entries.every((e) => e.category === 'patient')).toBe(true);
  });

  it('parseFeedPage() reads patient-page-2 with its catchment filters, whatever the term order', async () => {
    const result = parseFeedPage(await readFixture('patient-page-2.xml'));
    expect(result.feedId).toBe(`${feedUuid}+2`);
    expect(result.links).toEqual({
      self: `${host}/patient/2`, via: `${host}/patient/2`,
      prevArchive: `${host}/patient/1`, nextArchive: `${host}/patient/3`,
    });
    expect(summary(result.entries)).toEqual([
      ['32946aab-98ee-493c-93b6-c69eb0fb0b80', 'UPDATED', 'b79dc6d8-849f-49e2-aff3-0abb3adb378f', 1],
      ['4d1b19aa-e38e-4e6b-9551-cf56057a4646', 'UPDATED', 'bf5bd690-a9ef-4402-8252-b70f9e21e741', 0],
      ['a984c3e8-831f-4664-873d-58ee76369c6c', 'UPDATED', 'bf5bd690-a9ef-4402-8252-b70f9e21e741', 1],
      ['3c798c87-1ae7-44a2-a52c-611d1da92ca9', 'VOIDED', 'bf5bd690-a9ef-4402-8252-b70f9e21e741', 1],
      ['ee869568-1a4c-4418-ab69-1f6358356a97', 'CREATED', '7c01fa0c-c670-4c1b-9b37-16effddb070b', 0],
    ]);
    for (const i of [0, 2, 3]) expect(result.entries[i]?.filters).toEqual([kibera]);
    expect(result.entries.map((e) => e.category)).toEqual(['patient', 'patient', 'patient', 'patient', 'patient']);
  });

  it('parseFeedPage() reads patient-page-3 and the recent page that shows the same events', async () => {
    const page3 = parseFeedPage(await readFixture('patient-page-3.xml'));
    const recent = parseFeedPage(await readFixture('patient-recent.xml'));
    const expected = [
      ['23adf0b0-4f20-46e7-9d6a-a97a94a155ec', 'UPDATED', '32af3a10-ebc9-49e8-b59a-8e4a48354c3c', 0],
      ['b834ed12-61c6-4f71-82e9-a3aa90d500a3', 'UPDATED', '32af3a10-ebc9-49e8-b59a-8e4a48354c3c', 0],
    ];
    expect(summary(page3.entries)).toEqual(expected);
    expect(recent.entries).toEqual(page3.entries);
    expect(page3.links).toEqual({ self: `${host}/patient/3`, via: `${host}/patient/3`, prevArchive: `${host}/patient/2` });
    expect(recent.links).toEqual({ self: `${host}/patient/recent`, via: `${host}/patient/3`, prevArchive: `${host}/patient/2` });
    expect(recent.feedId).toBe(`${feedUuid}+3`);
  });

  it('parseFeedPage() accepts the empty recent page of a feed with no events', async () => {
    const result = parseFeedPage(await readFixture('location-recent-empty.xml'));
    expect(result).toEqual({
      feedId: `${feedUuid}+0`,
      title: 'OpenMRS Feed Publisher for Sync2.0',
      updated: '2026-03-02T00:00:00Z',
      author: 'SolDevelo',
      links: { self: `${host}/location/recent`, via: `${host}/location/0` },
      entries: [],
    });
  });
});

describe('parseFeedPage() on edge cases', () => {
  it('parseFeedPage() returns a lone entry as a list of one', () => {
    const result = parseFeedPage(page(entry('e1', ['patient', 'CREATED'])));
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]?.id).toBe('e1');
  });

  it('parseFeedPage() keeps ids as strings', () => {
    const result = parseFeedPage(page(entry('00123', ['CREATED', 'patient'])).replace('<id>f+1</id>', '<id>42</id>'));
    expect(result.feedId).toBe('42');
    expect(result.entries[0]?.id).toBe('00123');
  });

  it('parseFeedPage() keeps an id without the atomfeed tag prefix as it is', () => {
    const xml = page(entry('x', ['patient', 'DELETED'])).replace('tag:atomfeed.ict4h.org:x', 'urn:uuid:9');
    expect(parseFeedPage(xml).entries[0]?.id).toBe('urn:uuid:9');
  });

  it('parseFeedPage() finds category and action among terms in any order', () => {
    const filter = '&lt;feedFilter&gt;&lt;beanName&gt;b&lt;/beanName&gt;&lt;filter&gt;v&lt;/filter&gt;&lt;/feedFilter&gt;';
    const result = parseFeedPage(page(entry('a', [filter, 'RETIRED', 'location']) + entry('b', ['UNRETIRED', filter, 'location'])));
    expect(result.entries.map((e) => [e.category, e.action, e.filters])).toEqual([
      ['location', 'RETIRED', [{ bean: 'b', value: 'v' }]],
      ['location', 'UNRETIRED', [{ bean: 'b', value: 'v' }]],
    ]);
  });

  it('parseFeedPage() reads content written as escaped text as well as CDATA', () => {
    const xml = page(entry('a', ['patient', 'UPDATED'])).replace(
      /<!\[CDATA\[.*\]\]>/, '{&quot;rest&quot;:&quot;/ws/rest/v1/patient/p?a=1&amp;b=2&quot;}');
    expect(parseFeedPage(xml).entries[0]?.links).toEqual({ rest: '/ws/rest/v1/patient/p?a=1&b=2' });
  });

  it('parseFeedPage() ignores links with other relations and trims structural values', () => {
    const xml = page(entry('e9', [' patient ', ' VOIDED ']))
      .replace('<title>T</title>', '<title>T</title><link rel="alternate" href="http://x/"/><link rel="self" href=" http://h/s "/>')
      .replace('<id>tag:atomfeed.ict4h.org:e9</id>', '<id>\n      tag:atomfeed.ict4h.org:e9\n    </id>');
    const result = parseFeedPage(xml);
    expect(result.links).toEqual({ self: 'http://h/s', via: 'http://h/openmrs/ws/atomfeed/patient/1' });
    expect(result.entries[0]).toMatchObject({ id: 'e9', category: 'patient', action: 'VOIDED' });
  });

  it('parseFeedPage() accepts a namespace prefix on Atom elements', () => {
    const xml = '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:link rel="via" href="http://h/0"/><a:id>f+0</a:id></a:feed>';
    expect(parseFeedPage(xml)).toEqual({ feedId: 'f+0', title: '', updated: '', links: { via: 'http://h/0' }, entries: [] });
  });

  it('parseFeedPage() decodes numeric character references and keeps unicode', () => {
    const result = parseFeedPage(page(entry('a', ['patient', 'CREATED'])).replace('<title>Patient</title>', '<title>Pati&#233;nt &#x1F600; ü</title>'));
    expect(result.entries[0]?.title).toBe('Patiént 😀 ü');
  });
});
