/** The runtime's native SHA-256 (node:crypto, on Node and Deno), installed into the core by the edge entry files. */

import { createHash } from 'node:crypto';
import { useSha256Hex } from '../src/core/hash/sha256-hex.ts';

/** Makes the core hash with node:crypto: the same hashes, several times faster than the portable one. */
export function useNativeSha256(): void {
  useSha256Hex((text) => createHash('sha256').update(text, 'utf8').digest('hex'));
}
