/** Seals the parent password with a non-extractable AES-GCM key, so it rests in IndexedDB only as ciphertext. */

import { SyncError } from '../core/errors/sync-error.ts';
import type { Json } from '../core/store/store-port.ts';
import type { KeyStore } from './key-store.ts';

/** The sealed password as stored in the settings: base64 IV and ciphertext, never the password. */
export interface SealedSecret {
  [field: string]: string;
  alg: 'AES-GCM-256';
  iv: string;
  data: string;
}

export interface CredentialVaultOptions {
  keys: KeyStore;
  subtle: SubtleCrypto;
  randomBytes(length: number): Uint8Array<ArrayBuffer>;
}

/** Seals and opens the password; the key never leaves the crypto engine. */
export interface CredentialVault {
  /** Encrypts `secret`, bound to `binding` (the parent and username) as additional data; makes the key on first use. */
  seal(secret: string, binding: string): Promise<SealedSecret>;
  /**
   * Decrypts what `seal` gave with the same binding; undefined when nothing is sealed. Throws
   * CREDENTIALS_UNREADABLE when the key is gone or the data does not open (another parent or user).
   */
  open(sealed: Json | undefined, binding: string): Promise<string | undefined>;
  /** Deletes the key: whatever was sealed with it can never be opened again. */
  forget(): Promise<void>;
}

const keyId = 'credentials';

/**
 * A vault over `keys`. The key is generated non-extractable, so even a script that reads the
 * whole origin's IndexedDB gets ciphertext and an opaque key handle usable only in this origin.
 *
 * @example
 * ```ts
 * const vault = createCredentialVault({ keys, subtle: crypto.subtle, randomBytes });
 * const sealed = await vault.seal(password, `${parentBase}\n${username}`);
 * await vault.open(sealed, `${parentBase}\n${username}`); // password
 * ```
 */
export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  const { keys, subtle } = options;
  const encoder = new TextEncoder();
  const currentKey = async (): Promise<CryptoKey> => {
    const existing = await keys.get(keyId);
    if (existing) return existing;
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await keys.put(keyId, key);
    return key;
  };
  return {
    async seal(secret, binding) {
      const key = await currentKey();
      const iv = options.randomBytes(12);
      const data = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(binding) }, key, encoder.encode(secret));
      return { alg: 'AES-GCM-256', iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    async open(sealed, binding) {
      if (sealed === undefined || sealed === null) return undefined;
      const key = await keys.get(keyId);
      if (!key || !isSealed(sealed)) throw unreadable(key ? 'malformed' : 'key-missing');
      try {
        const iv = fromBase64(sealed.iv);
        const plain = await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(binding) }, key, fromBase64(sealed.data));
        return new TextDecoder().decode(plain);
      } catch (cause) {
        throw unreadable('decrypt-failed', cause);
      }
    },
    forget: () => keys.delete(keyId),
  };
}

function isSealed(value: Json): value is SealedSecret {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && value['alg'] === 'AES-GCM-256' && typeof value['iv'] === 'string' && typeof value['data'] === 'string';
}

function unreadable(reason: string, cause?: unknown): SyncError {
  return new SyncError('CREDENTIALS_UNREADABLE', { details: { reason }, cause });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
