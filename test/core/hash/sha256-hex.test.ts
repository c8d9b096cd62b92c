import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/hash/sha256-hex.ts';

describe('sha256Hex()', () => {
  it.each([
    { text: '', hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { text: 'abc', hex: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  ])('matches the FIPS 180-2 test vectors', ({ text, hex }) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it('hashes the UTF-8 encoding of non-ASCII text', () => {
    expect(sha256Hex('Amina Wanjiru Otieno — é 日本 😀')).toBe('62fa646d343a02a81886212cd8e572c7f40aeea838a69eea007cc55665a975de');
  });

  it('returns 64 lowercase hex digits', () => {
    expect(sha256Hex('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
