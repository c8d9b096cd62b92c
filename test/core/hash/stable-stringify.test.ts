import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../../src/core/hash/stable-stringify.ts';

describe('stableStringify()', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: { d: 1, c: [3, 1] }, a: 'x' })).toBe('{"a":"x","b":{"c":[3,1],"d":1}}');
  });

  it('drops nothing: fields a body hash ignores still count here', () => {
    expect(stableStringify({ display: 'x', links: [] })).toBe('{"display":"x","links":[]}');
  });

  it('follows JSON.stringify for undefined, toJSON and top-level undefined', () => {
    expect(stableStringify({ a: undefined, d: new Date(0), l: [undefined] })).toBe('{"d":"1970-01-01T00:00:00.000Z","l":[null]}');
    expect(stableStringify(undefined)).toBe('null');
  });

  it('parses back to the same value for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(stableStringify(JSON.parse(stableStringify(value)))).toBe(stableStringify(value));
      expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }));
  });
});
