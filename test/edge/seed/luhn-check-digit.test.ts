// Tests of the Luhn check digit of OpenMRS identifiers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidOpenmrsId, luhnCheckDigit } from '../../../src/edge/seed/luhn-check-digit.ts';

describe('luhnCheckDigit()', () => {
  it('luhnCheckDigit() matches known identifiers', () => {
    expect(luhnCheckDigit('100')).toBe(8); // the fixture's "100-8"
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook example
  });

  it('luhnCheckDigit() makes identifiers that validate, and catches any single changed digit', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,12}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (digits, at, delta) => {
      const id = `${digits}-${luhnCheckDigit(digits)}`;
      expect(isValidOpenmrsId(id)).toBe(true);
      const i = at % digits.length;
      const changed = digits.slice(0, i) + String((Number(digits[i]) + delta) % 10) + digits.slice(i + 1);
      expect(isValidOpenmrsId(`${changed}-${luhnCheckDigit(digits)}`)).toBe(false);
    }));
  });

  it('luhnCheckDigit() refuses what is not digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
    expect(isValidOpenmrsId('100-7')).toBe(false);
    expect(isValidOpenmrsId('1008')).toBe(false);
  });
});
