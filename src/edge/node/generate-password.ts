/** Generated admin passwords: random, readable aloud, with no look-alike characters. */

// No 0/O, 1/l/I: the password is read off a terminal and typed on a tablet.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Four dash-separated groups of five characters (about 116 bits), drawn without modulo bias.
 *
 * @example
 * ```ts
 * generatePassword((n) => crypto.getRandomValues(new Uint8Array(n))); // e.g. 'h7Tqm-Zx3pR-kW9dN-2vLsE'
 * ```
 */
export function generatePassword(randomBytes: (length: number) => Uint8Array): string {
  const limit = 256 - (256 % alphabet.length);
  const chars: string[] = [];
  while (chars.length < 20) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && chars.length < 20) chars.push(alphabet[byte % alphabet.length] as string);
    }
  }
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
