import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { catchmentMatches, passesCatchment } from '../../../src/core/feed/catchment-filter.ts';

const nairobi = 'Kenya%Nairobi%Westlands%Parklands%00100';
const segment = fc.stringMatching(/^[A-Za-z0-9 ]{0,8}$/);
const value = fc.array(segment, { minLength: 5, maxLength: 5 }).map((s) => s.join('%'));

describe('catchmentMatches()', () => {
  it('catchmentMatches() lets * stand for any one segment and compares the others exactly', () => {
    expect(catchmentMatches('Kenya%*%*%*%*', nairobi)).toBe(true);
    expect(catchmentMatches('Kenya%Nairobi%*%*%*', nairobi)).toBe(true);
    expect(catchmentMatches('Kenya%Mombasa%*%*%*', nairobi)).toBe(false);
    expect(catchmentMatches('*%*%*%*%00100', nairobi)).toBe(true);
    expect(catchmentMatches('Kenya%*', nairobi)).toBe(false);
    expect(catchmentMatches('Kenya%Nairobi', 'Kenya%Nairobi%%%')).toBe(true);
    expect(catchmentMatches(' Kenya %*%*%*%*', nairobi)).toBe(true);
  });

  it('catchmentMatches(): a value matches itself, and the all-star pattern matches every 5-segment value', () => {
    fc.assert(fc.property(value, (v) => catchmentMatches(v, v) && catchmentMatches('*%*%*%*%*', v)));
  });

  it('catchmentMatches(): starring any segments of a value keeps the match; changing a kept segment breaks it', () => {
    fc.assert(fc.property(value, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.nat(4), (v, stars, k) => {
      const parts = v.split('%');
      const pattern = parts.map((p, i) => (stars[i] ? '*' : p));
      expect(catchmentMatches(pattern.join('%'), v)).toBe(true);
      if (!stars[k]) {
        pattern[k] = `${parts[k]?.trim()}X`;
        expect(catchmentMatches(pattern.join('%'), v)).toBe(false);
      }
    }));
  });
});

describe('passesCatchment()', () => {
  const patterns = { loc: 'Kenya%Nairobi%*%*%*' };
  it('passesCatchment() passes entries without filter terms or with terms of beans not configured', () => {
    expect(passesCatchment({ filters: [] }, patterns)).toBe(true);
    expect(passesCatchment({ filters: [{ bean: 'other', value: 'Uganda%%%%' }] }, patterns)).toBe(true);
    expect(passesCatchment({ filters: [{ bean: 'loc', value: nairobi }] }, {})).toBe(true);
  });

  it('passesCatchment() passes an entry with a configured bean only if one of its terms matches', () => {
    expect(passesCatchment({ filters: [{ bean: 'loc', value: nairobi }] }, patterns)).toBe(true);
    expect(passesCatchment({ filters: [{ bean: 'loc', value: 'Kenya%Mombasa%%%' }] }, patterns)).toBe(false);
    expect(passesCatchment({ filters: [{ bean: 'loc', value: 'Kenya%Mombasa%%%' }, { bean: 'loc', value: nairobi }] }, patterns)).toBe(true);
  });

  it('passesCatchment() needs every configured bean the entry carries to match', () => {
    const two = { loc: 'Kenya%*%*%*%*', program: 'HIV%*%*%*%*' };
    expect(passesCatchment({ filters: [{ bean: 'loc', value: nairobi }, { bean: 'program', value: 'HIV%%%%' }] }, two)).toBe(true);
    expect(passesCatchment({ filters: [{ bean: 'loc', value: nairobi }, { bean: 'program', value: 'TB%%%%' }] }, two)).toBe(false);
  });

  it('passesCatchment() ignores inherited object keys as bean names', () => {
    expect(passesCatchment({ filters: [{ bean: 'toString', value: 'x' }] }, {})).toBe(true);
  });

  it('passesCatchment() is what checking each configured bean separately gives (property)', () => {
    const bean = fc.constantFrom('a', 'b', 'c');
    const filters = fc.array(fc.record({ bean, value }), { maxLength: 4 });
    const pats = fc.dictionary(bean, fc.oneof(value, fc.constant('*%*%*%*%*')), { maxKeys: 3 });
    fc.assert(fc.property(filters, pats, (fs, ps) => {
      const expected = Object.entries(ps).every(([b, p]) => {
        const values = fs.filter((f) => f.bean === b).map((f) => f.value);
        return values.length === 0 || values.some((v) => catchmentMatches(p, v));
      });
      expect(passesCatchment({ filters: fs }, ps)).toBe(expected);
    }));
  });
});
