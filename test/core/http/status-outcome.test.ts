import { describe, expect, it } from 'vitest';
import { retryAfterMs, statusOutcome } from '../../../src/core/http/status-outcome.ts';
import { headersForOrigin } from '../../../src/core/http/headers-for-origin.ts';

describe('statusOutcome()', () => {
  it('statusOutcome() retries only 408, 429 and 5xx', () => {
    const table = [200, 204, 304, 400, 401, 403, 404, 408, 410, 429, 500, 503, 599].map((s) => [s, statusOutcome(s)]);
    expect(Object.fromEntries(table)).toEqual({
      200: 'ok', 204: 'ok', 304: 'not-modified', 400: 'fail', 401: 'unauthorized', 403: 'unauthorized', 404: 'fail',
      408: 'retry', 410: 'fail', 429: 'retry', 500: 'retry', 503: 'retry', 599: 'retry',
    });
  });

  it('retryAfterMs() reads seconds, and dates only with a clock', () => {
    const now = Date.UTC(2026, 2, 2, 8, 0, 0);
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:30 GMT')).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('headersForOrigin()', () => {
  const headers = { authorization: 'Basic x' };
  it('headersForOrigin() keeps headers for the base origin only (scheme and port count)', () => {
    const base = 'https://hub.example/openmrs';
    expect(headersForOrigin('https://hub.example/other/path', { base, headers })).toEqual(headers);
    expect(headersForOrigin('http://hub.example/openmrs/ws', { base, headers })).toEqual({});
    expect(headersForOrigin('https://hub.example:8443/openmrs/ws', { base, headers })).toEqual({});
    expect(headersForOrigin('https://hub.example.evil/openmrs', { base, headers })).toEqual({});
    expect(headersForOrigin('/relative', { base, headers })).toEqual({});
  });
});
