import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../../src/core/clients/basic-authorization.ts';
import { createLimiter } from '../../../src/core/clients/create-limiter.ts';
import { fetchJson } from '../../../src/core/clients/fetch-json.ts';
import type { FetchLike } from '../../../src/core/ports/ports.ts';
import { instantSleep, rejectionOf } from './_kit.ts';

const base = 'https://hub.example/openmrs';
const url = `${base}/ws/fhir2/R4/Patient/x`;

function scripted(answers: (() => Response | Promise<Response>)[]): { fetch: FetchLike; inits: RequestInit[] } {
  const inits: RequestInit[] = [];
  const fetch: FetchLike = async (_input, init) => {
    inits.push(init ?? {});
    const next = answers[Math.min(inits.length - 1, answers.length - 1)] as () => Response | Promise<Response>;
    return await next();
  };
  return { fetch, inits };
}

const quick = { sleep: instantSleep().sleep, random: () => 0 };

describe('fetchJson()', () => {
  it('fetchJson() returns 404 and 410 as answers, with a JSON body when there is one', async () => {
    const { fetch } = scripted([() => Response.json({ resourceType: 'OperationOutcome' }, { status: 410 }), () => new Response('<html>', { status: 404 })]);
    expect(await fetchJson(url, { fetch, base })).toMatchObject({ status: 410, body: { resourceType: 'OperationOutcome' }, attempts: 1 });
    expect(await fetchJson(url, { fetch, base })).toMatchObject({ status: 404, body: undefined });
  });

  it('fetchJson() gives ETag and Location, and sends the body with its content type and request headers', async () => {
    const { fetch, inits } = scripted([() => new Response('', { status: 201, headers: { etag: 'W/"3"', location: `${base}/ws/fhir2/R4/Patient/y` } })]);
    const answer = await fetchJson(`${base}/ws/fhir2/R4/Patient`, {
      fetch, base, method: 'POST', body: '{"resourceType":"Patient"}', requestHeaders: { 'If-Match': 'W/"2"', authorization: 'spoof' },
      headers: { authorization: 'Basic real' },
    });
    expect(answer).toMatchObject({ status: 201, etag: 'W/"3"', location: `${base}/ws/fhir2/R4/Patient/y`, body: undefined });
    const headers = new Headers(inits[0]?.headers);
    expect(headers.get('content-type')).toBe('application/fhir+json');
    expect(headers.get('if-match')).toBe('W/"2"');
    expect(headers.get('authorization')).toBe('Basic real');
    expect(inits[0]?.method).toBe('POST');
  });

  it('fetchJson() refuses a 2xx whose body is not JSON', async () => {
    const { fetch } = scripted([() => new Response('<html>login</html>')]);
    expect((await rejectionOf(fetchJson(url, { fetch, base }))).code).toBe('RESPONSE_MALFORMED');
  });

  it('fetchJson() sends nothing to a URL off the base origin, and refuses a redirect that leaves it', async () => {
    const { fetch, inits } = scripted([() => {
      const response = Response.json({});
      Object.defineProperty(response, 'url', { value: 'https://evil.example/x' });
      return response;
    }]);
    expect((await rejectionOf(fetchJson('https://evil.example/x', { fetch, base }))).code).toBe('LINK_FOREIGN_ORIGIN');
    expect(inits).toHaveLength(0);
    expect((await rejectionOf(fetchJson(url, { fetch, base }))).code).toBe('LINK_FOREIGN_ORIGIN');
  });

  it('fetchJson() retries a GET after a transport error but not a POST, unless the POST is marked idempotent', async () => {
    const flaky = () => scripted([() => Promise.reject(new TypeError('reset')), () => Response.json({ ok: true })]);
    const get = flaky();
    expect(await fetchJson(url, { fetch: get.fetch, base, ...quick })).toMatchObject({ status: 200, attempts: 2 });
    const post = flaky();
    expect((await rejectionOf(fetchJson(url, { fetch: post.fetch, base, method: 'POST', body: '{}', ...quick }))).code).toBe('PARENT_UNREACHABLE');
    expect(post.inits).toHaveLength(1);
    const batch = flaky();
    expect(await fetchJson(url, { fetch: batch.fetch, base, method: 'POST', body: '{}', idempotent: true, ...quick })).toMatchObject({ attempts: 2 });
  });

  it('fetchJson() reports a parent that never answers as HTTP_TIMEOUT once retries are spent', async () => {
    const hang: FetchLike = (_input, init) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
    const error = await rejectionOf(fetchJson(url, { fetch: hang, base, timeoutMs: 1, retry: { retries: 1 }, ...quick }));
    expect(error.code).toBe('HTTP_TIMEOUT');
    expect(error.details['attempts']).toBe(2);
  });

  it('fetchJson() throws PARENT_UNAUTHORIZED on 401 without retrying', async () => {
    const { fetch, inits } = scripted([() => new Response('', { status: 401 })]);
    expect((await rejectionOf(fetchJson(url, { fetch, base, ...quick }))).code).toBe('PARENT_UNAUTHORIZED');
    expect(inits).toHaveLength(1);
  });
});

describe('createLimiter() and basicAuthorization()', () => {
  it('createLimiter() runs at most `max` tasks at once, in arrival order', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limit(async () => {
      started.push(i);
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 1));
      active -= 1;
    })));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('createLimiter() frees the slot of a task that throws', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await limit(async () => 'next')).toBe('next');
  });

  it('basicAuthorization() encodes UTF-8 and refuses a colon in the username', () => {
    expect(basicAuthorization({ username: 'admin', password: 'Admin123' })).toBe('Basic YWRtaW46QWRtaW4xMjM=');
    expect(basicAuthorization({ username: 'zoë', password: 'p' })).toBe('Basic em/Dqzpw');
    expect(() => basicAuthorization({ username: 'a:b', password: 'p' })).toThrow(TypeError);
  });
});
