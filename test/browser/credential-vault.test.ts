import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createCredentialVault } from '../../src/browser/credential-vault.ts';
import { openKeyStore } from '../../src/browser/key-store.ts';
import { isSyncError } from '../../src/core/errors/sync-error.ts';

async function vault(indexedDB = new IDBFactory()) {
  const keys = await openKeyStore({ name: 'keys', indexedDB, IDBKeyRange });
  return { keys, vault: createCredentialVault({ keys, subtle: crypto.subtle, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)) }) };
}

const binding = 'https://hub.example/openmrs\nnurse1';

describe('createCredentialVault()', () => {
  it('seal() gives ciphertext that open() turns back into the secret, with a fresh IV each time', async () => {
    const { vault: v } = await vault();
    const first = await v.seal('s3cret-Passw0rd', binding);
    const second = await v.seal('s3cret-Passw0rd', binding);
    expect(JSON.stringify(first)).not.toContain('s3cret');
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
    expect(await v.open(first, binding)).toBe('s3cret-Passw0rd');
    expect(await v.open(undefined, binding)).toBeUndefined();
  });

  it('keeps a non-extractable key in IndexedDB, so a reopened key store still opens what was sealed', async () => {
    const indexedDB = new IDBFactory();
    const { keys, vault: v } = await vault(indexedDB);
    const sealed = await v.seal('pw', binding);
    const key = await keys.get('credentials');
    expect(key?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key!)).rejects.toThrow();
    keys.close();
    const { vault: again } = await vault(indexedDB);
    expect(await again.open(sealed, binding)).toBe('pw');
  });

  it('open() refuses another binding, a forgotten key and malformed data with CREDENTIALS_UNREADABLE', async () => {
    const { vault: v } = await vault();
    const sealed = await v.seal('pw', binding);
    const codeOf = (p: Promise<unknown>) => p.then(() => 'opened', (e: unknown) => (isSyncError(e) ? `${e.code}:${String(e.details['reason'])}` : 'other'));
    expect(await codeOf(v.open(sealed, 'https://other.example/openmrs\nnurse1'))).toBe('CREDENTIALS_UNREADABLE:decrypt-failed');
    expect(await codeOf(v.open({ alg: 'AES-GCM-256', iv: 'x' }, binding))).toBe('CREDENTIALS_UNREADABLE:malformed');
    await v.forget();
    expect(await codeOf(v.open(sealed, binding))).toBe('CREDENTIALS_UNREADABLE:key-missing');
  });
});
