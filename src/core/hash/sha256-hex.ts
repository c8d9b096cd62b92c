/** Synchronous SHA-256 of a string, as lowercase hex: usable inside store transactions that cannot await. */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** A synchronous SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export type Sha256Hex = (text: string) => string;

/** The portable implementation: pure JavaScript, the same everywhere. */
export const portableSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

let implementation: Sha256Hex = portableSha256Hex;

/**
 * SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits.
 *
 * @example Hash a string
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(text: string): string {
  return implementation(text);
}

// Known answers checked before another implementation is trusted: ASCII, multi-byte UTF-8, and two blocks.
const knownAnswers: readonly string[] = ['abc', 'Amélie Ñandú 🏥', 'x'.repeat(119)];

/**
 * Makes `sha256Hex` use `hash`, e.g. the runtime's native SHA-256 on Node or Deno (several times
 * faster; hashes do not change). Entry files call it once at start-up; the core never does.
 * Throws (a bug in the entry file) when `hash` disagrees with the portable implementation.
 *
 * @example On Node
 * ```ts
 * useSha256Hex((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
 * ```
 */
export function useSha256Hex(hash: Sha256Hex): void {
  for (const text of knownAnswers) {
    const expected = portableSha256Hex(text);
    const actual = hash(text);
    if (actual !== expected) throw new Error(`The SHA-256 implementation hashes ${JSON.stringify(text)} to ${actual}, not ${expected}`);
  }
  implementation = hash;
}
