/** Password hashing with a slow KDF (PBKDF2-SHA256 through Web Crypto), encoded as one string. */

/** Iterations for new hashes (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
export const defaultPbkdf2Iterations = 210_000;

const scheme = 'pbkdf2-sha256';
const keyBits = 256;

/**
 * Hashes `password` with a random 16-byte salt: `pbkdf2-sha256${iterations}${salt}${hash}` (base64).
 *
 * @example Store an admin password
 * ```ts
 * const encoded = await hashPassword('Admin123'); // 'pbkdf2-sha256$210000$…$…'
 * ```
 */
export async function hashPassword(password: string, options: { iterations?: number } = {}): Promise<string> {
  const iterations = options.iterations ?? defaultPbkdf2Iterations;
  if (!Number.isSafeInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `${scheme}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/**
 * True when `password` matches an encoded hash from {@linkcode hashPassword}; false for a wrong
 * password or an unreadable encoding. The final comparison takes the same time wherever the bytes differ.
 *
 * @example Check a login
 * ```ts
 * await verifyPassword('Admin123', encoded); // true
 * ```
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 4 || parts[0] !== scheme) return false;
  const iterations = Number(parts[1]);
  const salt = fromBase64(parts[2] ?? '');
  const expected = fromBase64(parts[3] ?? '');
  if (!Number.isSafeInteger(iterations) || iterations < 1 || !salt || !expected || expected.length === 0) return false;
  const actual = await derive(password, salt, iterations, expected.length * 8);
  return constantTimeEqual(actual, expected);
}

/** Byte-wise equality whose time depends only on the lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

async function derive(password: string, salt: Uint8Array, iterations: number, bits = keyBits): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations };
  return new Uint8Array(await crypto.subtle.deriveBits(params, key, bits));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
