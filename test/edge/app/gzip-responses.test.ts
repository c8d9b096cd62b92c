import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type Gzip, gzipResponses, streamGzip } from '../../../src/edge/app/gzip-responses.ts';
import { nativeGzip } from '../../../worker/native-gzip.ts';
import { createTestApp } from './create-test-app.ts';

const bigJson = JSON.stringify({ entries: Array.from({ length: 60 }, (_, i) => ({ uuid: `u-${i}`, name: 'Amina Wanjiru Otieno' })) });
const bigXml = `<feed xmlns="http://www.w3.org/2005/Atom">${'<entry><id>x</id><title>Patient</title></entry>'.repeat(40)}</feed>`;
const png = new Uint8Array(4096).map((_, i) => (i * 7) % 256);

/** A gzip that counts its calls (the portable one underneath). */
function countingGzip(): { gzip: Gzip; calls: () => number } {
  let calls = 0;
  return { gzip: async (bytes) => { calls += 1; return await streamGzip(bytes); }, calls: () => calls };
}

/** A small app behind gzipResponses, one route per kind of answer. */
function testApp(gzip: Gzip) {
  const app = new Hono();
  app.use('*', gzipResponses({ gzip }));
  app.get('/json', (c) => c.body(bigJson, 201, { 'content-type': 'application/json; charset=utf-8', etag: 'W/"7"' }));
  app.get('/fhir', (c) => c.body(bigJson, 200, { 'content-type': 'application/fhir+json' }));
  app.get('/xml', (c) => c.body(bigXml, 200, { 'content-type': 'application/atom+xml', vary: 'Origin' }));
  app.get('/sized/:n', (c) => c.body('x'.repeat(Number(c.req.param('n'))), 200, { 'content-type': 'application/json' }));
  app.get('/png', (c) => c.body(png, 200, { 'content-type': 'image/png' }));
  app.get('/encoded', (c) => c.body(bigJson, 200, { 'content-type': 'application/json', 'content-encoding': 'br' }));
  app.get('/no-transform', (c) => c.body(bigJson, 200, { 'content-type': 'application/json', 'cache-control': 'private, no-transform' }));
  return app;
}

async function get(path: string, acceptEncoding?: string, method = 'GET') {
  const counting = countingGzip();
  const headers: Record<string, string> = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
  const response = await testApp(counting.gzip).request(path, { method, headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, gzipCalls: counting.calls() };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const gunzipped = (bytes: Uint8Array): string => new TextDecoder().decode(gunzipSync(bytes));

describe('gzipResponses()', () => {
  for (const acceptEncoding of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.5', '*', 'GZIP', 'identity;q=1, *;q=0.1', 'gzip ;q=0.5', 'x-gzip']) {
    it(`gzipResponses() gzips JSON of 1 KiB or more for accept-encoding "${acceptEncoding}", with the injected gzip`, async () => {
      const { response, bytes, gzipCalls } = await get('/json', acceptEncoding);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(gunzipped(bytes)).toBe(bigJson);
      expect(gzipCalls).toBe(1);
    });
  }

  it('gzipResponses() keeps the status and the other headers of a gzipped answer, dropping a stale content-length', async () => {
    const { response } = await get('/json', 'gzip');
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('W/"7"');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const length = response.headers.get('content-length');
    if (length !== null) expect(Number(length)).not.toBe(bigJson.length);
  });

  it('gzipResponses() gzips FHIR JSON and Atom XML, adding Accept-Encoding to an existing Vary', async () => {
    const fhir = await get('/fhir', 'gzip');
    expect(gunzipped(fhir.bytes)).toBe(bigJson);
    const xml = await get('/xml', 'gzip');
    expect(xml.response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipped(xml.bytes)).toBe(bigXml);
    expect(xml.response.headers.get('vary')?.split(',').map((v) => v.trim().toLowerCase())).toEqual(['origin', 'accept-encoding']);
  });

  for (const acceptEncoding of [undefined, 'gzip;q=0', 'GZIP; q=0.000', 'identity', 'br, deflate', '*;q=0', 'gzip;q=0, *']) {
    it(`gzipResponses() sends the body as it is for accept-encoding ${JSON.stringify(acceptEncoding)}, still with Vary`, async () => {
      const { response, bytes, gzipCalls } = await get('/json', acceptEncoding);
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(text(bytes)).toBe(bigJson);
      expect(gzipCalls).toBe(0);
    });
  }

  it('gzipResponses() leaves bodies under 1 KiB as they are and gzips from 1024 bytes on', async () => {
    const small = await get('/sized/1023', 'gzip');
    expect(small.response.headers.get('content-encoding')).toBeNull();
    expect(small.response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(text(small.bytes)).toBe('x'.repeat(1023));
    expect(small.gzipCalls).toBe(0);
    const empty = await get('/sized/0', 'gzip');
    expect([empty.response.status, empty.bytes.length, empty.gzipCalls]).toEqual([200, 0, 0]);
    const enough = await get('/sized/1024', 'gzip');
    expect(enough.response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipped(enough.bytes)).toBe('x'.repeat(1024));
  });

  it('gzipResponses() does not gzip the answer to HEAD', async () => {
    const { response, bytes, gzipCalls } = await get('/json', 'gzip', 'HEAD');
    expect(response.status).toBe(201);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect([bytes.length, gzipCalls]).toEqual([0, 0]);
  });

  it('gzipResponses() leaves an answer already encoded or marked no-transform alone', async () => {
    const encoded = await get('/encoded', 'gzip');
    expect(encoded.response.headers.get('content-encoding')).toBe('br');
    expect(text(encoded.bytes)).toBe(bigJson);
    const kept = await get('/no-transform', 'gzip');
    expect(kept.response.headers.get('content-encoding')).toBeNull();
    expect(text(kept.bytes)).toBe(bigJson);
    expect(encoded.gzipCalls + kept.gzipCalls).toBe(0);
  });

  it('gzipResponses() does not gzip images', async () => {
    const { response, bytes, gzipCalls } = await get('/png', 'gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
    expect(bytes).toEqual(png);
    expect(gzipCalls).toBe(0);
  });
});

describe('gzip implementations', () => {
  const payloads = [new Uint8Array(0), new TextEncoder().encode(bigXml), png, new TextEncoder().encode('é日😀'.repeat(500))];

  it('streamGzip() output gunzips to the same bytes', async () => {
    for (const bytes of payloads) expect(new Uint8Array(gunzipSync(await streamGzip(bytes)))).toEqual(bytes);
  });

  it('nativeGzip() output gunzips to the same bytes, and makes a Response body', async () => {
    for (const bytes of payloads) {
      const zipped = await nativeGzip(bytes);
      expect(new Uint8Array(gunzipSync(zipped))).toEqual(bytes);
      expect(new Uint8Array(await new Response(zipped as Uint8Array<ArrayBuffer>).arrayBuffer())).toEqual(new Uint8Array(zipped));
    }
  });
});

describe('createApp() with an injected gzip', () => {
  it('createApp() gzips its answers with deps.gzip', async () => {
    const counting = countingGzip();
    const { request } = await createTestApp({ gzip: counting.gzip });
    const response = await request('/openmrs/ws/fhir2/R4/metadata', { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(gunzipped(new Uint8Array(await response.arrayBuffer()))) as { resourceType?: string };
    expect(body.resourceType).toBe('CapabilityStatement');
    expect(counting.calls()).toBe(1);
  });
});
