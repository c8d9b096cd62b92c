import { describe, expect, it } from 'vitest';
import { fetchText } from '../../../src/core/http/fetch-text.ts';
import { countingBody, instantSleep, recordingFetch, rejectionOf, untilAborted } from './_fake-http.ts';

const base = 'https://hub.example/openmrs';
const url = `${base}/ws/atomfeed/patient/recent`;
const auth = { authorization: 'Basic dTpw' };
const half = () => 0.5;

describe('fetchText() answers', () => {
  it('fetchText() returns the body, status and ETag of a 200', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('<feed/>', { headers: { etag: 'W/"1"' } }));
    const result = await fetchText(url, { fetch, base });
    expect(result).toMatchObject({ url, status: 200, text: '<feed/>', etag: 'W/"1"', notModified: false, attempts: 1 });
    expect(requests[0]?.headers.get('accept')).toContain('application/atom+xml');
  });

  it('fetchText() sends extra headers to the base origin only', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('ok'));
    await fetchText(url, { fetch, base, headers: auth });
    await fetchText('https://elsewhere.example/openmrs/ws/atomfeed/patient/1', { fetch, base, headers: auth });
    await fetchText(url, { fetch, headers: auth });
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Basic dTpw', null, null]);
  });

  it('fetchText() sends If-None-Match and reports a 304 as not modified', async () => {
    const { fetch, requests } = recordingFetch(() => new Response(null, { status: 304 }));
    const result = await fetchText(url, { fetch, base, ifNoneMatch: 'W/"7"' });
    expect(requests[0]?.headers.get('if-none-match')).toBe('W/"7"');
    expect(result).toMatchObject({ status: 304, text: '', notModified: true, etag: 'W/"7"' });
  });

  it('fetchText() refuses an answer redirected to another origin', async () => {
    const { fetch } = recordingFetch(() => {
      const response = new Response('<feed/>');
      Object.defineProperty(response, 'url', { value: 'https://evil.example/feed' });
      return response;
    });
    const error = await rejectionOf(fetchText(url, { fetch, base, headers: auth }));
    expect(error.code).toBe('LINK_FOREIGN_ORIGIN');
  });
});

describe('fetchText() retries', () => {
  it('fetchText() retries 500 and 429 with growing jittered delays, then succeeds', async () => {
    const statuses = [500, 429, 503, 200];
    const { fetch, requests } = recordingFetch((_r, i) => new Response('body', { status: statuses[i] ?? 200 }));
    const { sleep, delays } = instantSleep();
    const result = await fetchText(url, { fetch, base, sleep, random: half, retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    expect(result.text).toBe('body');
    expect(result.attempts).toBe(4);
    expect(requests).toHaveLength(4);
    expect(delays).toEqual([50, 100, 200]);
  });

  it('fetchText() waits at least what Retry-After asks, capped by the max delay', async () => {
    const answers = [new Response('', { status: 429, headers: { 'retry-after': '3' } }),
      new Response('', { status: 503, headers: { 'retry-after': '3600' } }), new Response('ok')];
    const { fetch } = recordingFetch((_r, i) => answers[i] as Response);
    const { sleep, delays } = instantSleep();
    await fetchText(url, { fetch, base, sleep, random: half, retry: { baseDelayMs: 100, maxDelayMs: 60_000 } });
    expect(delays).toEqual([3_000, 60_000]);
  });

  it('fetchText() gives up after the retries with HTTP_ERROR carrying status, url and attempts', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('down', { status: 502 }));
    const { sleep } = instantSleep();
    const error = await rejectionOf(fetchText(url, { fetch, base, sleep, retry: { retries: 2 } }));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.details).toMatchObject({ status: 502, url, attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it.each([400, 404, 410])('fetchText() does not retry a %s', async (status) => {
    const { fetch, requests } = recordingFetch(() => new Response('', { status }));
    const error = await rejectionOf(fetchText(url, { fetch, base, sleep: instantSleep().sleep }));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.details['status']).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it.each([401, 403])('fetchText() turns a %s into PARENT_UNAUTHORIZED without retrying', async (status) => {
    const { fetch, requests } = recordingFetch(() => new Response('', { status }));
    const error = await rejectionOf(fetchText(url, { fetch, base, sleep: instantSleep().sleep }));
    expect(error.code).toBe('PARENT_UNAUTHORIZED');
    expect(error.details).toMatchObject({ status, url });
    expect(requests).toHaveLength(1);
  });

  it('fetchText() retries transport errors and then reports PARENT_UNREACHABLE with the cause', async () => {
    const cause = new TypeError('fetch failed');
    const { fetch, requests } = recordingFetch(() => { throw cause; });
    const error = await rejectionOf(fetchText(url, { fetch, base, sleep: instantSleep().sleep, retry: { retries: 1 } }));
    expect(error.code).toBe('PARENT_UNREACHABLE');
    expect(error.cause).toBe(cause);
    expect(requests).toHaveLength(2);
  });

  it('fetchText() times an attempt out, retries, and succeeds', async () => {
    const { fetch, requests } = recordingFetch((r, i) => (i === 0 ? untilAborted(r.signal) : new Response('late but fine')));
    const result = await fetchText(url, { fetch, base, sleep: instantSleep().sleep, timeoutMs: 5 });
    expect(result.text).toBe('late but fine');
    expect(requests).toHaveLength(2);
  });

  it('fetchText() reports HTTP_TIMEOUT even when the fetch port ignores its signal', async () => {
    const { fetch, requests } = recordingFetch(() => new Promise<Response>(() => {}));
    const error = await rejectionOf(fetchText(url, { fetch, base, sleep: instantSleep().sleep, timeoutMs: 5, retry: { retries: 1 } }));
    expect(error.code).toBe('HTTP_TIMEOUT');
    expect(error.details).toMatchObject({ url, timeoutMs: 5, attempts: 2 });
    expect(requests).toHaveLength(2);
  });
});

describe('fetchText() limits and cancellation', () => {
  it('fetchText() stops reading a streamed body past the limit with FEED_TOO_LARGE', async () => {
    const stream = countingBody(1_000, 1_024);
    const { fetch } = recordingFetch(() => new Response(stream.body));
    const error = await rejectionOf(fetchText(url, { fetch, base, maxBytes: 10_000 }));
    expect(error.code).toBe('FEED_TOO_LARGE');
    expect(stream.pulled()).toBeLessThan(20);
    expect(stream.cancelled()).toBe(true);
  });

  it('fetchText() refuses a declared Content-Length over the limit without reading, and does not retry', async () => {
    const stream = countingBody(1_000, 1_024);
    const { fetch, requests } = recordingFetch(() => new Response(stream.body, { headers: { 'content-length': '1024000' } }));
    const error = await rejectionOf(fetchText(url, { fetch, base, maxBytes: 10_000, sleep: instantSleep().sleep }));
    expect(error.code).toBe('FEED_TOO_LARGE');
    expect(stream.pulled()).toBeLessThan(3);
    expect(requests).toHaveLength(1);
  });

  it('fetchText() accepts a body of exactly the limit, multi-byte characters counted as bytes', async () => {
    const text = 'é'.repeat(50);
    const { fetch } = recordingFetch(() => new Response(text));
    expect((await fetchText(url, { fetch, base, maxBytes: 100 })).text).toBe(text);
    expect((await rejectionOf(fetchText(url, { fetch, base, maxBytes: 99 }))).code).toBe('FEED_TOO_LARGE');
  });

  it('fetchText() makes no request once the caller has aborted', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('x'));
    const controller = new AbortController();
    controller.abort();
    expect((await rejectionOf(fetchText(url, { fetch, base, signal: controller.signal }))).code).toBe('ABORTED');
    expect(requests).toHaveLength(0);
  });

  it('fetchText() turns an abort during the request into ABORTED without retrying', async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch((r) => { queueMicrotask(() => controller.abort()); return untilAborted(r.signal); });
    const error = await rejectionOf(fetchText(url, { fetch, base, signal: controller.signal, sleep: instantSleep().sleep }));
    expect(error.code).toBe('ABORTED');
    expect(requests).toHaveLength(1);
  });

  it('fetchText() stops waiting between retries when aborted', async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(() => new Response('', { status: 503 }));
    const sleep = async (_ms: number, signal?: AbortSignal): Promise<void> => {
      controller.abort();
      await instantSleep().sleep(0, signal);
    };
    const error = await rejectionOf(fetchText(url, { fetch, base, signal: controller.signal, sleep }));
    expect(error.code).toBe('ABORTED');
    expect(requests).toHaveLength(1);
  });
});
