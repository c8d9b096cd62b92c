import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { openSqlStore } from '../../../src/edge/sql-store/open-sql-store.ts';
import { adminAuth, childAuth, startTestEdge, type TestEdge } from './start-test-edge.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await startTestEdge({ store: await openSqlStore({ dataDir: 'memory' }), pageSize: 5 }); });
afterAll(async () => { await edge?.close(); });

const put = (id: string, family: string, headers: Record<string, string> = {}) => fetch(`${edge.base}/ws/fhir2/R4/Patient/${id}`, {
  method: 'PUT',
  headers: { authorization: adminAuth, 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ resourceType: 'Patient', id, name: [{ family }] }),
});

describe('edge app over loopback on PGlite', () => {
  it('concurrent writers: a feed walk from page 1 sees every write once, in log order', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `pg-${i}`);
    const statuses = await Promise.all(ids.map((id, i) => put(id, 'Writer', i % 2 ? { authorization: childAuth } : {}).then((r) => r.status)));
    expect(statuses.every((s) => s === 201)).toBe(true);
    const seen: string[] = [];
    let url: string | undefined = `${edge.base}/ws/atomfeed/patient/1`;
    while (url) {
      const page = parseFeedPage(await (await fetch(url)).text());
      seen.push(...page.entries.map((e) => e.links['fhir']?.split('/').at(-1) ?? ''));
      url = page.links.nextArchive;
    }
    const rows = await edge.store.feedChanges('patient', { from: 0, limit: 100 });
    expect(seen).toEqual(rows.map((r) => r.uuid));
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('two concurrent PUTs with the same If-Match: exactly one wins', async () => {
    await put('pg-race', 'Start');
    const results = await Promise.all(['A', 'B', 'C'].map((f) => put('pg-race', f, { 'if-match': 'W/"1"' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    expect((await edge.store.getObject('patient', 'pg-race'))?.version).toBe('2');
  });

  it('delete keeps a tombstone and the echo of a write logs nothing', async () => {
    await put('pg-echo', 'Same');
    const before = await edge.store.lastSeq();
    await put('pg-echo', 'Same');
    expect(await edge.store.lastSeq()).toBe(before);
    const del = await fetch(`${edge.base}/ws/fhir2/R4/Patient/pg-echo`, { method: 'DELETE', headers: { authorization: adminAuth } });
    expect(del.status).toBe(204);
    expect((await fetch(`${edge.base}/ws/fhir2/R4/Patient/pg-echo`, { headers: { authorization: adminAuth } })).status).toBe(410);
  });
});
