import { afterEach, describe, expect, it } from 'vitest';
import { portableSha256Hex, type Sha256Hex, sha256Hex, useSha256Hex } from '../../../src/core/hash/sha256-hex.ts';

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

describe('useSha256Hex()', () => {
  afterEach(() => useSha256Hex(portableSha256Hex));

  /** A correct implementation that counts its calls. */
  function countingSha256(): { hash: Sha256Hex; calls: () => number } {
    let calls = 0;
    return { hash: (text) => { calls += 1; return portableSha256Hex(text); }, calls: () => calls };
  }

  it('useSha256Hex() makes sha256Hex() use a correct implementation', () => {
    const counting = countingSha256();
    useSha256Hex(counting.hash);
    const before = counting.calls();
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(counting.calls() - before).toBe(2);
  });

  const wrong: { what: string; hash: Sha256Hex }[] = [
    { what: 'a constant', hash: () => '0'.repeat(64) },
    { what: 'uppercase hex', hash: (text) => portableSha256Hex(text).toUpperCase() },
    // Right for ASCII, wrong for other text (hashes another Unicode normal form: other UTF-8 bytes).
    { what: 'one that is wrong for non-ASCII text', hash: (text) => portableSha256Hex(text.normalize('NFD')) },
    // Right for one 64-byte block, wrong for longer text.
    { what: 'one that is wrong past one block', hash: (text) => portableSha256Hex(text.slice(0, 55)) },
  ];
  for (const { what, hash } of wrong) {
    it(`useSha256Hex() refuses ${what} and sha256Hex() keeps the implementation it had`, () => {
      const counting = countingSha256();
      useSha256Hex(counting.hash);
      expect(() => useSha256Hex(hash)).toThrow();
      const before = counting.calls();
      expect(sha256Hex('Amina Wanjiru Otieno — é 日本 😀')).toBe('62fa646d343a02a81886212cd8e572c7f40aeea838a69eea007cc55665a975de');
      expect(counting.calls() - before).toBe(1);
    });
  }

  it('useSha256Hex() refuses an implementation that throws, keeping the portable one', () => {
    expect(() => useSha256Hex(() => { throw new Error('no native hash'); })).toThrow();
    expect(sha256Hex('abc')).toBe(portableSha256Hex('abc'));
  });
});
