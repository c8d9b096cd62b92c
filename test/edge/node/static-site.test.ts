// Tests of the static file handler and of routing between it and the edge app.
import { describe, expect, it } from 'vitest';
import { composeEdgeHandler } from '../../../src/edge/node/compose-edge-handler.ts';
import { createStaticSite, safeRelativePath } from '../../../src/edge/node/static-site.ts';

const files: Record<string, string> = {
  'www/index.html': '<!doctype html><title>app</title>',
  'www/assets/index-3f2a.js': 'console.log(1)',
  'www/manifest.webmanifest': '{}',
  'www/docs/index.html': '<p>docs</p>',
  'secret.txt': 'outside the root',
  'www/.env': 'hidden',
};
const readFile = async (path: string) => (path in files ? new TextEncoder().encode(files[path]) : undefined);
const site = createStaticSite({ root: 'www', readFile });
const get = (path: string, init?: RequestInit) => site(new Request(`http://node.test${path}`, init));

describe('createStaticSite()', () => {
  it('createStaticSite() serves index.html at / without long caching', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('createStaticSite() gives files their content type, and hashed assets a long cache', async () => {
    const js = await get('/assets/index-3f2a.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get('/manifest.webmanifest')).headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    expect(await (await get('/docs/')).text()).toBe('<p>docs</p>');
  });

  it('createStaticSite() falls back to index.html for app routes and pages, not for missing files', async () => {
    expect(await (await get('/patients/123')).text()).toContain('<title>app</title>');
    expect((await get('/missing.png', { headers: { accept: 'text/html' } })).status).toBe(200);
    const missing = await get('/assets/gone.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it('createStaticSite() answers HEAD with headers and no body', async () => {
    const response = await get('/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(files['www/index.html']?.length));
    expect(await response.text()).toBe('');
  });

  it('createStaticSite() never reads outside its root nor hidden files', async () => {
    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/docs/%2E%2E/%2E%2E/secret.txt', '/.env', '/%00', '/a%5c..%5csecret.txt', '/%E0%A4%A']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('outside the root');
    }
  });
});

describe('safeRelativePath()', () => {
  it('safeRelativePath() maps folders to index.html and refuses dot segments', () => {
    expect(safeRelativePath('/')).toBe('index.html');
    expect(safeRelativePath('/a//b/')).toBe('a/b/index.html');
    expect(safeRelativePath('/caf%C3%A9.txt')).toBe('café.txt');
    expect(safeRelativePath('/a/../b')).toBeUndefined();
    expect(safeRelativePath('/a/./b')).toBeUndefined();
    expect(safeRelativePath('/c:/windows')).toBeUndefined();
  });
});

describe('composeEdgeHandler()', () => {
  const app = async (r: Request) => new Response(`app ${r.method} ${new URL(r.url).pathname}`);
  const handler = composeEdgeHandler({ app, site: async () => new Response('site') });
  const call = async (path: string, method = 'GET') => (await handler(new Request(`http://node.test${path}`, { method }))).text();

  it('composeEdgeHandler() sends protocol paths and non-GET requests to the app, other GETs to the site', async () => {
    expect(await call('/openmrs/ws/atomfeed/patient/recent')).toBe('app GET /openmrs/ws/atomfeed/patient/recent');
    expect(await call('/openmrs')).toBe('app GET /openmrs');
    expect(await call('/health')).toBe('app GET /health');
    expect(await call('/status')).toBe('app GET /status');
    expect(await call('/openmrsx')).toBe('site');
    expect(await call('/')).toBe('site');
    expect(await call('/', 'HEAD')).toBe('site');
    expect(await call('/index.html', 'POST')).toBe('app POST /index.html');
  });
});
