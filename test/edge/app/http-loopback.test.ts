import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { hashPassword } from '../../../src/edge/app/user-directory.ts';
import { adminAuth, childAuth, startTestEdge, type TestEdge, testInstanceId } from './start-test-edge.ts';

const allowedOrigin = 'https://tablet.clinic.example';
let edge: TestEdge;

beforeAll(async () => {
  edge = await startTestEdge({
    pageSize: 5,
    corsOrigins: [allowedOrigin],
    maxBodyBytes: 64 * 1024,
    extraUsers: [{ name: 'child-2', role: 'child', instanceId: 'child-2', revoked: true, passwordHash: await hashPassword('Child223', { iterations: 1000 }) }],
    status: async () => ({ parent: 'https://hub.example/openmrs', lastPull: { outcome: 'ok', at: '2026-03-02T08:00:00Z' } }),
  });
});
afterAll(async () => { await edge.close(); });

const json = (body: unknown, auth = adminAuth) => ({ headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const putPatient = (id: string, family: string, headers: Record<string, string> = {}) =>
  fetch(`${edge.base}/ws/fhir2/R4/Patient/${id}`, { method: 'PUT', ...json({ resourceType: 'Patient', id, name: [{ family }] }), headers: { ...json({}).headers, ...headers } });

/** A raw HTTP/1.1 request, so headers like Accept-Encoding and chunked bodies are exactly what we say. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(`${edge.url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('edge app over loopback HTTP', () => {
  it('GET /health answers ok', async () => {
    const res = await fetch(`${edge.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('a child walking the feed from page 1 by next-archive sees every write once, in order', async () => {
    const ids = Array.from({ length: 13 }, (_, i) => `walk-${i}`);
    for (const id of ids) expect((await putPatient(id, 'Walker')).status).toBe(201);
    const seen: string[] = [];
    let url: string | undefined = `${edge.base}/ws/atomfeed/patient/1`;
    while (url) {
      const res: Response = await fetch(url);
      expect(res.status).toBe(200);
      const page = parseFeedPage(await res.text());
      seen.push(...page.entries.map((e) => e.links['fhir']?.split('/').at(-1) ?? ''));
      url = page.links.nextArchive;
    }
    expect(seen).toEqual(ids);
    const recent = parseFeedPage(await (await fetch(`${edge.base}/ws/atomfeed/patient/recent`)).text());
    expect(recent.links.via).toBe(`${edge.base}/ws/atomfeed/patient/3`);
  });

  it('recent answers 304 to an idle poll', async () => {
    const first = await fetch(`${edge.base}/ws/atomfeed/patient/recent`);
    await first.text();
    const res = await fetch(`${edge.base}/ws/atomfeed/patient/recent`, { headers: { 'if-none-match': first.headers.get('etag') as string } });
    expect(res.status).toBe(304);
  });

  it('two concurrent PUTs with the same If-Match: exactly one wins, one change is logged', async () => {
    await putPatient('race', 'Start');
    const before = await edge.store.countChanges('patient');
    const results = await Promise.all(['A', 'B'].map((family) => putPatient('race', family, { 'if-match': 'W/"1"' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(await edge.store.countChanges('patient')).toBe(before + 1);
  });

  it('echo writes over HTTP log nothing', async () => {
    await putPatient('echo', 'Same');
    const before = await edge.store.lastSeq();
    expect((await putPatient('echo', 'Same')).status).toBe(200);
    expect(await edge.store.lastSeq()).toBe(before);
  });

  it('401 without or with wrong credentials, 401 for a revoked child, 403 for a child on /status', async () => {
    const none = await fetch(`${edge.base}/ws/fhir2/R4/Patient/echo`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="OpenMRS"');
    expect((await fetch(`${edge.base}/ws/fhir2/R4/Patient/echo`, { headers: { authorization: `Basic ${btoa('admin:nope')}` } })).status).toBe(401);
    expect((await fetch(`${edge.base}/ws/fhir2/R4/Patient/echo`, { headers: { authorization: `Basic ${btoa('child-2:Child223')}` } })).status).toBe(401);
    expect((await fetch(`${edge.base}/ws/fhir2/R4/Patient/echo`, { headers: { authorization: childAuth } })).status).toBe(200);
    const forbidden = await fetch(`${edge.url}/status`, { headers: { authorization: childAuth } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toBe('application/problem+json');
    expect((await forbidden.json()).code).toBe('FORBIDDEN');
  });

  it('/status reports counts, failures, conflicts, the log and the runner\'s fields to the admin', async () => {
    const res = await fetch(`${edge.url}/status`, { headers: { authorization: adminAuth } });
    expect(res.status).toBe(200);
    const status = await res.json();
    expect(status).toMatchObject({
      instanceId: testInstanceId,
      pageSize: 5,
      failedEvents: { total: 0, dead: 0 },
      conflicts: { open: 0 },
      changeLog: { lastSeq: await edge.store.lastSeq() },
      parent: 'https://hub.example/openmrs',
      lastPull: { outcome: 'ok' },
    });
    expect(status.objects.patient.live).toBeGreaterThan(13);
  });

  it('answers CORS preflights for configured origins only, and exposes ETag and Location', async () => {
    const preflight = await fetch(`${edge.base}/ws/fhir2/R4/Patient/x`, {
      method: 'OPTIONS',
      headers: { origin: allowedOrigin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,if-match,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,if-match,if-none-match,content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const foreign = await fetch(`${edge.base}/ws/fhir2/R4/Patient/x`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await fetch(`${edge.base}/ws/fhir2/R4/Patient/echo`, { headers: { origin: allowedOrigin, authorization: adminAuth } });
    expect(actual.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(actual.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(actual.headers.get('access-control-expose-headers')).toContain('Location');
  });

  it('gzips feeds and JSON when the client accepts it, and only then', async () => {
    const zipped = await raw('/openmrs/ws/atomfeed/patient/1', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toContain('Accept-Encoding');
    expect(parseFeedPage(gunzipSync(zipped.body).toString('utf8')).entries).toHaveLength(5);
    const plain = await raw('/openmrs/ws/atomfeed/patient/1', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(gunzipSync(zipped.body).toString('utf8'));
    const search = await raw('/openmrs/ws/fhir2/R4/Patient?_count=50', { headers: { 'accept-encoding': 'gzip, deflate', authorization: adminAuth } });
    expect(search.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(search.body).toString('utf8')).resourceType).toBe('Bundle');
  });

  it('refuses an oversized body with 413, declared or streamed, and stores nothing', async () => {
    const before = await edge.store.lastSeq();
    const big = JSON.stringify({ resourceType: 'Patient', id: 'big', note: 'x'.repeat(70 * 1024) });
    const declared = await fetch(`${edge.base}/ws/fhir2/R4/Patient/big`, { method: 'PUT', headers: json({}).headers, body: big });
    expect(declared.status).toBe(413);
    expect((await declared.json()).issue[0].details.coding[0].code).toBe('BODY_TOO_LARGE');
    const chunk = Buffer.from('x'.repeat(16 * 1024));
    const streamed = await raw('/openmrs/ws/rest/v1/patient', {
      method: 'POST',
      headers: { authorization: adminAuth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: [Buffer.from('{"uuid":"big","note":"'), chunk, chunk, chunk, chunk, chunk, Buffer.from('"}')],
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body.toString('utf8')).error.code).toBe('BODY_TOO_LARGE');
    expect(await edge.store.lastSeq()).toBe(before);
  });

  it('unknown routes are 404 problems', async () => {
    const res = await fetch(`${edge.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });
});
