/** The runtime's native SHA-256 (node:crypto, on Node and Deno), installed into the core by the edge entry files. */

import * as crypto from 'node:crypto';
import { useSha256Hex } from '../src/core/hash/sha256-hex.ts';

type OneShotHash = (algorithm: string, data: string, encoding: 'hex') => string;

/** Makes the core hash with node:crypto: the same hashes, several times faster than the portable one. */
export function useNativeSha256(): void {
  // The one-shot crypto.hash (Node ≥ 20.12, Deno) skips a Hash object per call; createHash elsewhere.
  const oneShot = (crypto as { hash?: OneShotHash }).hash;
  useSha256Hex(oneShot
    ? (text) => oneShot('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex'));
}
