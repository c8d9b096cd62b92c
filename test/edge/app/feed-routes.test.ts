import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import type { Logger } from '../../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../src/core/store/store-port.ts';
import { pageSizeSettingKey } from '../../../src/edge/app/page-size-keeper.ts';
import { createTestApp, fakeClock, fhirBase, restBase, testBase, type TestApp } from './create-test-app.ts';
import { childAuth, testInstanceId } from './start-test-edge.ts';

const feedUrl = (category: string, page: string | number) => `${testBase}/ws/atomfeed/${category}/${page}`;
const fixture = (name: string) => parseFeedPage(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'));

let t: TestApp;
afterEach(async () => { await t.store.close(); });

async function writePatients(app: TestApp, count: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i += 1) {
    const id = `p${String(i).padStart(3, '0')}`;
    const res = await app.request(`${fhirBase}/Patient/${id}`, { method: 'PUT', json: { resourceType: 'Patient', id } });
    expect(res.status).toBe(201);
    ids.push(id);
  }
  return ids;
}

async function page(category: string, n: string | number, headers: Record<string, string> = {}) {
  const res = await t.request(feedUrl(category, n), { headers: { authorization: '', ...headers } });
  return { res, text: res.status === 200 ? await res.text() : '' };
}

describe('Atom feeds', () => {
  it('an empty feed\'s recent page has id +0, a via link to /0 and no entries, like OpenMRS', async () => {
    t = await createTestApp();
    const { res, text } = await page('location', 'recent');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml;charset=UTF-8');
    const served = parseFeedPage(text);
    const expected = fixture('location-recent-empty.xml');
    expect(served.feedId).toBe(`${testInstanceId}+0`);
    expect(served.links).toEqual({ self: feedUrl('location', 'recent'), via: feedUrl('location', 0) });
    expect(Object.keys(served.links)).toEqual(Object.keys(expected.links));
    expect(served.entries).toEqual([]);
  });

  it('pages of size 5: full pages link both ways, recent is the last page, entries keep log order', async () => {
    const clock = fakeClock();
    t = await createTestApp({ pageSize: 5, now: clock.now });
    const ids = await writePatients(t, 12);
    const rows = await t.store.feedChanges('patient', { from: 0, limit: 100 });
    const pages = await Promise.all([1, 2, 3].map(async (n) => parseFeedPage((await page('patient', n)).text)));
    expect(pages.map((p) => p.feedId)).toEqual([1, 2, 3].map((n) => `${testInstanceId}+${n}`));
    expect(pages[0]?.links).toEqual({ self: feedUrl('patient', 1), via: feedUrl('patient', 1), nextArchive: feedUrl('patient', 2) });
    expect(pages[1]?.links).toEqual({
      self: feedUrl('patient', 2), via: feedUrl('patient', 2), prevArchive: feedUrl('patient', 1), nextArchive: feedUrl('patient', 3),
    });
    expect(pages.flatMap((p) => p.entries.map((e) => e.id))).toEqual(rows.map((r) => r.eventId));
    expect(pages.map((p) => p.entries.length)).toEqual([5, 5, 2]);
    const entry = pages[0]?.entries[0];
    expect(entry).toMatchObject({ category: 'patient', action: 'CREATED', title: 'Patient', filters: [] });
    expect(entry?.links).toEqual({ fhir: `/ws/fhir2/R4/Patient/${ids[0]}` });
    const recent = parseFeedPage((await page('patient', 'recent')).text);
    expect(recent.links).toEqual({ self: feedUrl('patient', 'recent'), via: feedUrl('patient', 3), prevArchive: feedUrl('patient', 2) });
    expect(recent.entries).toEqual(pages[2]?.entries);
    const shape = fixture('patient-recent.xml');
    expect(Object.keys(recent.links).sort()).toEqual(Object.keys(shape.links).sort());
  });

  it('/0 and pages past the last answer 500 FEED_PAGE_MISSING, as OpenMRS does', async () => {
    t = await createTestApp({ pageSize: 5 });
    await writePatients(t, 5);
    for (const n of [0, 2, 'x']) {
      const { res } = await page('patient', n);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((await res.json()).code).toBe('FEED_PAGE_MISSING');
    }
  });

  it('a full page is immutable; the last page and recent are revalidated', async () => {
    t = await createTestApp({ pageSize: 5 });
    await writePatients(t, 10);
    const first = await page('patient', 1);
    expect(first.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await page('patient', 2)).res.headers.get('cache-control')).toBe('no-cache');
    expect((await page('patient', 'recent')).res.headers.get('cache-control')).toBe('no-cache');
    const again = await page('patient', 1, { 'if-none-match': first.res.headers.get('etag') as string });
    expect(again.res.status).toBe(304);
  });

  it('recent answers If-None-Match with 304 until the feed changes', async () => {
    t = await createTestApp({ pageSize: 5 });
    await writePatients(t, 3);
    const first = await page('patient', 'recent');
    const etag = first.res.headers.get('etag') as string;
    const idle = await page('patient', 'recent', { 'if-none-match': etag });
    expect(idle.res.status).toBe(304);
    expect(idle.res.headers.get('etag')).toBe(etag);
    await writePatients(t, 1, 3);
    const changed = await page('patient', 'recent', { 'if-none-match': etag });
    expect(changed.res.status).toBe(200);
    expect(parseFeedPage(changed.text).entries).toHaveLength(4);
  });

  it('content links name only what the node can serve: fhir for FHIR objects, rest for REST ones', async () => {
    t = await createTestApp();
    await t.request(`${restBase}/patient`, { method: 'POST', json: { uuid: 'r1' } });
    await writePatients(t, 1);
    const entries = parseFeedPage((await page('patient', 'recent')).text).entries;
    expect(entries.map((e) => e.links)).toEqual([{ rest: '/ws/rest/v1/patient/r1?v=full' }, { fhir: '/ws/fhir2/R4/Patient/p000' }]);
  });

  it('an unknown category is a 404 problem; a category with events but outside the table has a feed', async () => {
    t = await createTestApp();
    const unknown = await page('nothing', 'recent');
    expect(unknown.res.status).toBe(404);
    expect((await unknown.res.json()).code).toBe('CATEGORY_UNKNOWN');
    await t.request(`${fhirBase}/AllergyIntolerance/a1`, { method: 'PUT', json: { resourceType: 'AllergyIntolerance', id: 'a1' } });
    const feed = parseFeedPage((await page('allergyintolerance', 'recent')).text);
    expect(feed.entries[0]?.links).toEqual({ fhir: '/ws/fhir2/R4/AllergyIntolerance/a1' });
  });

  it('feeds can require credentials', async () => {
    t = await createTestApp({ anonymousFeeds: false });
    const anonymous = await page('patient', 'recent');
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.res.headers.get('www-authenticate')).toBe('Basic realm="OpenMRS"');
    expect((await page('patient', 'recent', { authorization: childAuth })).res.status).toBe(200);
  });
});

describe('feed page size', () => {
  const warnings: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn(message) { warnings.push(message); }, error() {} };

  it('is persisted with the first write and kept when a later start asks for another', async () => {
    const store: SyncStore = createMemoryStore();
    t = await createTestApp({ store, pageSize: 5 });
    await writePatients(t, 6);
    expect(await store.getSetting(pageSizeSettingKey)).toBe(5);
    t = await createTestApp({ store, pageSize: 7, log });
    const recent = parseFeedPage((await page('patient', 'recent')).text);
    expect(recent.links.via).toBe(feedUrl('patient', 2));
    expect(recent.entries).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('may change while the log is empty', async () => {
    const store: SyncStore = createMemoryStore();
    t = await createTestApp({ store, pageSize: 5 });
    expect((await page('patient', 'recent')).res.status).toBe(200);
    t = await createTestApp({ store, pageSize: 2 });
    await writePatients(t, 3);
    expect(await store.getSetting(pageSizeSettingKey)).toBe(2);
    expect(parseFeedPage((await page('patient', 'recent')).text).links.via).toBe(feedUrl('patient', 2));
  });
});
