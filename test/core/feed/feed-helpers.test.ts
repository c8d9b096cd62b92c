import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SyncError } from '../../../src/core/errors/sync-error.ts';
import { entriesAfter } from '../../../src/core/feed/entries-after.ts';
import { feedRootOf, numberedPageUrl, pageNumberOf } from '../../../src/core/feed/feed-page-url.ts';
import { rewritePageLinks } from '../../../src/core/feed/fetch-feed-page.ts';
import { objectRefOfEntry } from '../../../src/core/feed/object-ref.ts';
import { planReadStart } from '../../../src/core/feed/read-start.ts';
import { serializeFailure } from '../../../src/core/feed/serialize-failure.ts';
import { entryOf, makeEvents } from './_fake-parent.ts';

const root = 'https://hub.example/openmrs/ws/atomfeed/patient';

describe('feed page URLs', () => {
  it('feedRootOf() strips /recent, a trailing slash, query and fragment', () => {
    expect(feedRootOf(`${root}/recent`)).toBe(root);
    expect(feedRootOf(`${root}/recent/`)).toBe(root);
    expect(feedRootOf(`${root}`)).toBe(root);
    expect(feedRootOf(`${root}/recent?x=1#y`)).toBe(root);
  });

  it('pageNumberOf() reads the number numberedPageUrl() writes (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => pageNumberOf(numberedPageUrl(root, n)) === n));
  });

  it('pageNumberOf() gives undefined for recent and other non-numbers', () => {
    expect(pageNumberOf(`${root}/recent`)).toBeUndefined();
    expect(pageNumberOf(`${root}/-1`)).toBeUndefined();
    expect(pageNumberOf(`${root}/2.5`)).toBeUndefined();
    expect(pageNumberOf(`${root}/0`)).toBe(0);
    expect(pageNumberOf('/openmrs/ws/atomfeed/patient/4?x')).toBe(4);
  });
});

describe('entriesAfter()', () => {
  const entries = makeEvents(4).map((e) => entryOf(e));
  it('entriesAfter() returns the entries after the marker entry, all without one, undefined when missing', () => {
    expect(entriesAfter(entries, entries[1]?.id)).toEqual(entries.slice(2));
    expect(entriesAfter(entries, entries[3]?.id)).toEqual([]);
    expect(entriesAfter(entries, undefined)).toEqual(entries);
    expect(entriesAfter(entries, 'nope')).toBeUndefined();
  });
});

describe('planReadStart()', () => {
  const marker = { feed: 'f', pageUrl: `${root}/2`, lastEntryId: 'e9', updatedAt: 0 };
  it('planReadStart() starts at page 1 without a marker or with a reset one', () => {
    expect(planReadStart(undefined, 5)).toEqual({ page: 1 });
    expect(planReadStart({ feed: 'f', updatedAt: 0 }, 5)).toEqual({ page: 1 });
  });
  it('planReadStart() starts at the marker page after its entry', () => {
    expect(planReadStart(marker, 2)).toEqual({ page: 2, afterEntryId: 'e9' });
    expect(planReadStart({ feed: 'f', pageUrl: `${root}/2`, updatedAt: 0 }, 2)).toEqual({ page: 2 });
  });
  it('planReadStart() warns and starts at page 1 when the marker page is gone or unreadable', () => {
    expect(planReadStart(marker, 1)).toMatchObject({ page: 1, warning: { kind: 'marker-page-gone' } });
    expect(planReadStart({ ...marker, pageUrl: `${root}/recent` }, 3)).toMatchObject({ page: 1, warning: { kind: 'marker-unreadable' } });
  });
});

describe('objectRefOfEntry()', () => {
  it('objectRefOfEntry() takes the uuid from the fhir link, else the rest link, query stripped', () => {
    expect(objectRefOfEntry({ category: 'patient', links: { fhir: '/ws/fhir2/R4/Patient/p1', rest: '/ws/rest/v1/patient/p2?v=full' } }))
      .toEqual({ category: 'patient', uuid: 'p1' });
    expect(objectRefOfEntry({ category: 'person_name', links: { rest: '/ws/rest/v1/person/p/name/n1?v=full#x' } }))
      .toEqual({ category: 'person_name', uuid: 'n1' });
    expect(objectRefOfEntry({ category: 'obs', links: { rest: 'https://h/openmrs/ws/rest/v1/obs/o1/' } })).toEqual({ category: 'obs', uuid: 'o1' });
    expect(objectRefOfEntry({ category: 'x', links: { rest: '/a/b%20c' } })).toEqual({ category: 'x', uuid: 'b c' });
  });
  it('objectRefOfEntry() gives undefined without a usable link', () => {
    expect(objectRefOfEntry({ category: 'patient', links: {} })).toBeUndefined();
    expect(objectRefOfEntry({ category: 'patient', links: { custom: '/x/y' } })).toBeUndefined();
    expect(objectRefOfEntry({ category: 'patient', links: { rest: '?v=full' } })).toBeUndefined();
  });
});

describe('rewritePageLinks() and serializeFailure()', () => {
  it('rewritePageLinks() maps every proxy-host link onto the base', () => {
    const proxy = 'https://openmrs.example.org:443/openmrs/ws/atomfeed/patient';
    expect(rewritePageLinks({ self: `${proxy}/recent`, via: `${proxy}/3`, prevArchive: `${proxy}/2` }, 'http://127.0.0.1:8080/openmrs')).toEqual({
      self: 'http://127.0.0.1:8080/openmrs/ws/atomfeed/patient/recent',
      via: 'http://127.0.0.1:8080/openmrs/ws/atomfeed/patient/3',
      prevArchive: 'http://127.0.0.1:8080/openmrs/ws/atomfeed/patient/2',
    });
  });
  it('serializeFailure() keeps a SyncError code and details, and names other errors UNEXPECTED', () => {
    expect(serializeFailure(new SyncError('HTTP_ERROR', { details: { status: 500, fn: () => 1 } })))
      .toEqual({ code: 'HTTP_ERROR', message: 'The parent answered with an HTTP error', details: { status: 500 } });
    expect(serializeFailure(new TypeError('boom'))).toEqual({ code: 'UNEXPECTED', message: 'boom' });
  });
});
