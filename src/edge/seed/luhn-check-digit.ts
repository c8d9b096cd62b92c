/** The Luhn (mod 10) check digit OpenMRS appends to patient identifiers, as in "100-8". */

/**
 * The check digit of a string of decimal digits: from the right, every second digit doubled
 * (minus 9 when above 9), and the digit that brings the sum to a multiple of ten.
 *
 * @example The first OpenMRS ID
 * ```ts
 * luhnCheckDigit('100'); // 8, so the identifier reads "100-8"
 * ```
 */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`luhnCheckDigit() takes decimal digits, got "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when `identifier` is digits, a dash and their correct check digit.
 *
 * @example
 * ```ts
 * isValidOpenmrsId('100-8'); // true
 * ```
 */
export function isValidOpenmrsId(identifier: string): boolean {
  const m = /^(\d+)-(\d)$/.exec(identifier);
  return m !== null && luhnCheckDigit(m[1] ?? '') === Number(m[2]);
}
