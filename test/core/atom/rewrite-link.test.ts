import { describe, expect, it } from 'vitest';
import { assertSameOrigin, resolveContentLink, rewriteOntoBase } from '../../../src/core/atom/rewrite-link.ts';
import { catchSyncError } from './_catch-sync-error.ts';

const base = 'http://127.0.0.1:8080/openmrs';

describe('rewriteOntoBase()', () => {
  for (const [name, link, expected] of [
    ['a proxied absolute link', 'https://openmrs.example.org:443/openmrs/ws/atomfeed/patient/2', `${base}/ws/atomfeed/patient/2`],
    ['a link already on the base', `${base}/ws/atomfeed/patient/recent`, `${base}/ws/atomfeed/patient/recent`],
    ['a link with a query, dropping the fragment', 'https://p/openmrs/ws/atomfeed/patient/2?x=1#top', `${base}/ws/atomfeed/patient/2?x=1`],
    ['a root-relative link', '/openmrs/ws/atomfeed/patient/3', `${base}/ws/atomfeed/patient/3`],
    ['a proxy that mounts OpenMRS at its root', 'https://proxy.example/ws/atomfeed/patient/2', `${base}/ws/atomfeed/patient/2`],
    ['a proxy with another context path', 'https://proxy.example/emr/ws/atomfeed/patient/2', `${base}/ws/atomfeed/patient/2`],
    ['a path with no /ws/ segment, kept on the base origin', 'https://proxy.example/status', 'http://127.0.0.1:8080/status'],
    ['a link carrying user info', 'https://u:p@proxy.example/openmrs/ws/atomfeed/patient/2', `${base}/ws/atomfeed/patient/2`],
  ] as const) {
    it(`rewriteOntoBase() maps ${name} onto the base`, () => {
      expect(rewriteOntoBase(link, base)).toBe(expected);
    });
  }

  it('rewriteOntoBase() accepts a base with a trailing slash or at the root', () => {
    const link = 'https://openmrs.example.org/openmrs/ws/atomfeed/patient/2';
    expect(rewriteOntoBase(link, `${base}/`)).toBe(`${base}/ws/atomfeed/patient/2`);
    expect(rewriteOntoBase(link, 'https://hub.local:8443')).toBe('https://hub.local:8443/openmrs/ws/atomfeed/patient/2');
  });

  it('rewriteOntoBase() does not take a longer path for the context path', () => {
    expect(rewriteOntoBase('https://p/openmrsX/ws/atomfeed/patient/2', base)).toBe(`${base}/ws/atomfeed/patient/2`);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/plain,x'])(
    'rewriteOntoBase() refuses the non-http link %s',
    (link) => {
      expect(catchSyncError(() => rewriteOntoBase(link, base)).code).toBe('LINK_FOREIGN_ORIGIN');
    },
  );

  it('rewriteOntoBase() refuses an unparsable link and a base that is not http(s)', () => {
    expect(catchSyncError(() => rewriteOntoBase('http://[::1', base)).code).toBe('LINK_INVALID');
    expect(catchSyncError(() => rewriteOntoBase('/ws/x', 'ftp://h/openmrs')).code).toBe('CONFIG_INVALID');
  });
});

describe('resolveContentLink()', () => {
  for (const [name, path, expected] of [
    ['a REST path', '/ws/rest/v1/patient/x?v=full', 'http://h:8080/openmrs/ws/rest/v1/patient/x?v=full'],
    ['a FHIR path', '/ws/fhir2/R4/Patient/x', 'http://h:8080/openmrs/ws/fhir2/R4/Patient/x'],
    ['a path without a leading slash', 'ws/rest/v1/obs/y', 'http://h:8080/openmrs/ws/rest/v1/obs/y'],
    ['an absolute link on the same origin', 'http://h:8080/openmrs/ws/rest/v1/patient/x', 'http://h:8080/openmrs/ws/rest/v1/patient/x'],
    ['an absolute link with user info, dropping it', 'http://a:b@h:8080/openmrs/ws/x', 'http://h:8080/openmrs/ws/x'],
  ] as const) {
    it(`resolveContentLink() resolves ${name} relative to the base and its context path`, () => {
      expect(resolveContentLink(path, 'http://h:8080/openmrs')).toBe(expected);
    });
  }

  it('resolveContentLink() works with a base at the root and a base with a trailing slash', () => {
    expect(resolveContentLink('/ws/rest/v1/patient/x', 'https://hub')).toBe('https://hub/ws/rest/v1/patient/x');
    expect(resolveContentLink('/ws/rest/v1/patient/x', 'https://hub/openmrs/')).toBe('https://hub/openmrs/ws/rest/v1/patient/x');
  });

  for (const [name, path] of [
    ['another host', 'https://evil.example/ws/rest/v1/patient/x'],
    ['the same host on another port', 'http://h:9090/openmrs/ws/x'],
    ['the same host over another scheme', 'https://h:8080/openmrs/ws/x'],
    ['a protocol-relative link', '//evil.example/ws/x'],
    ['a protocol-relative link with backslashes', '\\\\evil.example/ws/x'],
    ['a protocol-relative link with a mixed slash', '/\\evil.example/ws/x'],
    ['a javascript: link', 'javascript:alert(1)'],
    ['a javascript: link hidden by a tab and spaces', '  java\tscript:alert(1)'],
    ['a file: link', 'file:///etc/passwd'],
  ] as const) {
    it(`resolveContentLink() refuses ${name}`, () => {
      const err = catchSyncError(() => resolveContentLink(path, 'http://h:8080/openmrs'));
      expect(err.code).toBe('LINK_FOREIGN_ORIGIN');
      expect(err.details['origin']).toBe('http://h:8080');
    });
  }

  it('resolveContentLink() refuses an empty link', () => {
    expect(catchSyncError(() => resolveContentLink('  ', 'http://h:8080/openmrs')).code).toBe('LINK_INVALID');
  });
});

describe('assertSameOrigin()', () => {
  it('assertSameOrigin() returns links on the base origin, resolving relative ones', () => {
    expect(assertSameOrigin('http://127.0.0.1:8080/openmrs/ws/fhir2/R4/Patient?_getpages=x', base))
      .toBe('http://127.0.0.1:8080/openmrs/ws/fhir2/R4/Patient?_getpages=x');
    expect(assertSameOrigin('/openmrs/ws/fhir2/R4/Patient/x/_history/1', base))
      .toBe('http://127.0.0.1:8080/openmrs/ws/fhir2/R4/Patient/x/_history/1');
    expect(assertSameOrigin('https://hub/openmrs/x', 'https://hub:443/openmrs')).toBe('https://hub/openmrs/x');
  });

  it.each(['https://evil.example/openmrs/ws/fhir2/R4/Patient', '//evil.example/x', 'javascript:alert(1)', 'http://127.0.0.1:8081/openmrs'])(
    'assertSameOrigin() refuses %s',
    (url) => {
      expect(catchSyncError(() => assertSameOrigin(url, base)).code).toBe('LINK_FOREIGN_ORIGIN');
    },
  );

  it('assertSameOrigin() keeps credentials out of its error details', () => {
    const err = catchSyncError(() => assertSameOrigin('https://user:secret@evil.example/x', base));
    expect(JSON.stringify(err.details)).not.toContain('secret');
  });
});
