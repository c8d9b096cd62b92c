import { describe, expect, it } from 'vitest';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { writeFeedPage } from '../../../src/core/atom/write-feed-page.ts';
import { defaultCategories } from '../../../src/core/categories/category-table.ts';
import type { ChangeRow, StoredObject } from '../../../src/core/store/store-port.ts';
import { buildFeedPage } from '../../../src/edge/app/feed/build-feed-page.ts';
import { contentLinks } from '../../../src/edge/app/feed/content-links.ts';
import { matchRestPath, parentUuidOf } from '../../../src/edge/app/rest/rest-paths.ts';

const filterTerm = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><feedFilter><beanName>atomfeed.locationFeedFilterStrategy</beanName><filter>Kenya%Nairobi%null%Kibera%00100</filter></feedFilter>';
const row = (seq: number, extra: Partial<ChangeRow> = {}): ChangeRow => ({
  seq, position: seq - 1, eventId: `e${seq}`, category: 'patient', uuid: `u${seq}`, action: 'UPDATED', origin: 'parent', hash: 'h', at: Date.UTC(2026, 2, 2, 8, 0, seq), ...extra,
});
const object = (uuid: string, representation: 'fhir' | 'rest', body: StoredObject['body']): StoredObject => ({
  category: 'patient', uuid, representation, body, hash: 'h', version: '1', removed: false, updatedAt: 0,
});

describe('buildFeedPage()', () => {
  it('buildFeedPage() writes a middle page that parses back with its filters, times and links', () => {
    const feedUrl = 'https://hub.example/openmrs/ws/atomfeed/patient';
    const page = buildFeedPage({
      category: 'patient', number: 2, last: 3, self: `${feedUrl}/2`, feedUrl, instanceId: 'inst',
      rows: [row(6, { filters: [filterTerm] }), row(7, { action: 'VOIDED' })],
      objects: new Map([['u6', object('u6', 'fhir', { resourceType: 'Patient' })]]), categories: defaultCategories, emptyUpdated: 0,
    });
    const parsed = parseFeedPage(writeFeedPage(page));
    expect(parsed.feedId).toBe('inst+2');
    expect(parsed.updated).toBe('2026-03-02T08:00:07Z');
    expect(parsed.links).toEqual({ self: `${feedUrl}/2`, via: `${feedUrl}/2`, prevArchive: `${feedUrl}/1`, nextArchive: `${feedUrl}/3` });
    expect(parsed.entries[0]).toMatchObject({
      id: 'e6', action: 'UPDATED', published: '2026-03-02T08:00:06Z',
      filters: [{ bean: 'atomfeed.locationFeedFilterStrategy', value: 'Kenya%Nairobi%null%Kibera%00100' }],
      links: { fhir: '/ws/fhir2/R4/Patient/u6' },
    });
    expect(parsed.entries[1]).toMatchObject({ action: 'VOIDED', links: { rest: '/ws/rest/v1/patient/u7?v=full', fhir: '/ws/fhir2/R4/Patient/u7' } });
  });

  it('buildFeedPage() leaves out a filter term that cannot be read', () => {
    const page = buildFeedPage({
      category: 'patient', number: 1, last: 1, self: 's', feedUrl: 'f', instanceId: 'i', rows: [row(1, { filters: ['<broken'] })],
      objects: new Map(), categories: defaultCategories, emptyUpdated: 0,
    });
    expect(page.entries[0]?.filters).toEqual([]);
  });
});

describe('contentLinks()', () => {
  it('contentLinks() follows the representation the object is stored in', () => {
    const name = { ...object('n1', 'rest', { uuid: 'n1', links: [{ rel: 'self', uri: 'https://openmrs.example/openmrs/ws/rest/v1/person/p1/name/n1' }] }), category: 'person_name' };
    expect(contentLinks('person_name', 'n1', name, defaultCategories)).toEqual({ rest: '/ws/rest/v1/person/p1/name/n1?v=full' });
    expect(contentLinks('person_name', 'n1', { ...name, body: { uuid: 'n1' } }, defaultCategories)).toEqual({});
    expect(contentLinks('observation', 'o1', { ...object('o1', 'rest', {}), category: 'observation' }, defaultCategories)).toEqual({ rest: '/ws/rest/v1/obs/o1?v=full' });
    expect(contentLinks('visit', 'v1', undefined, defaultCategories)).toEqual({ rest: '/ws/rest/v1/visit/v1?v=full', fhir: '/ws/fhir2/R4/Encounter/v1' });
  });
});

describe('matchRestPath()', () => {
  it('matchRestPath() maps resources and sub-resources onto categories', () => {
    expect(matchRestPath(['obs', 'o1'], defaultCategories)).toEqual({ category: 'observation', collection: 'obs', uuid: 'o1' });
    expect(matchRestPath(['patient', 'p1', 'identifier'], defaultCategories)).toEqual({ category: 'patient_identifier', collection: 'patient/p1/identifier', parentUuid: 'p1' });
    expect(matchRestPath(['concept', 'c1'], defaultCategories)).toEqual({ category: 'concept', collection: 'concept', uuid: 'c1' });
    expect(matchRestPath(['observation', 'o1'], defaultCategories)).toBeUndefined();
    expect(matchRestPath(['person', 'p1', 'name', 'n1', 'x'], defaultCategories)).toBeUndefined();
    expect(matchRestPath(['Patient'], defaultCategories)).toBeUndefined();
  });

  it('parentUuidOf() reads the owner from the self link', () => {
    const body = { links: [{ rel: 'self', uri: '/ws/rest/v1/person/p1/name/n1' }] };
    expect(parentUuidOf(body, 'person/{parent}/name')).toBe('p1');
    expect(parentUuidOf(body, 'patient/{parent}/identifier')).toBeUndefined();
    expect(parentUuidOf(body, 'patient')).toBeUndefined();
  });
});
