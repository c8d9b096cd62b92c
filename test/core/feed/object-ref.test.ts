import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastSegmentOf, objectRefOfEntry } from '../../../src/core/feed/object-ref.ts';

/** The plain reading of the rule: split the path, drop empty segments, take the last, percent-decode it if it can be. */
function reference(link: string): string | undefined {
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
    try {
      path = new URL(link).pathname;
    } catch {
      path = '';
    }
  } else path = link.split(/[?#]/, 1)[0] ?? '';
  const segment = path.split('/').filter((s) => s !== '').at(-1);
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

describe('lastSegmentOf()', () => {
  it('lastSegmentOf() takes the last non-empty path segment, without query or fragment, percent-decoded', () => {
    expect(lastSegmentOf('/ws/rest/v1/patient/abc?v=full')).toBe('abc');
    expect(lastSegmentOf('/ws/fhir2/R4/Patient/abc/')).toBe('abc');
    expect(lastSegmentOf('https://proxy/openmrs/ws/fhir2/R4/Patient/a%20b#x')).toBe('a b');
    expect(lastSegmentOf('/ws/x/%E0%A4%A')).toBe('%E0%A4%A');
    expect(lastSegmentOf('///')).toBeUndefined();
    expect(lastSegmentOf('?only=query')).toBeUndefined();
  });

  it('lastSegmentOf() agrees with splitting the path for any link', () => {
    const piece = fc.constantFrom('/', '//', '?', '#', '%', '%2F', '%20', 'a', 'b9', 'ws', 'http://h', 'urn:x:', '.', '..', 'é');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((parts) => parts.join('')), (link) => {
      expect(lastSegmentOf(link)).toBe(reference(link));
    }), { numRuns: 500 });
  });

  it('objectRefOfEntry() prefers the fhir link and falls back to rest', () => {
    expect(objectRefOfEntry({ category: 'patient', links: { rest: '/ws/rest/v1/patient/r', fhir: '/ws/fhir2/R4/Patient/f' } })).toEqual({ category: 'patient', uuid: 'f' });
    expect(objectRefOfEntry({ category: 'patient', links: { fhir: '/', rest: '/ws/rest/v1/patient/r' } })).toEqual({ category: 'patient', uuid: 'r' });
    expect(objectRefOfEntry({ category: 'patient', links: {} })).toBeUndefined();
  });
});
