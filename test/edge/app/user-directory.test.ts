import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual, createBasicAuthenticator, createUserDirectory, type EdgeUser, hashPassword, parseBasic, verifyPassword,
} from '../../../src/edge/app/user-directory.ts';
import { fakeClock } from './create-test-app.ts';

const basic = (name: string, password: string) => `Basic ${btoa(`${name}:${password}`)}`;

describe('hashPassword() and verifyPassword()', () => {
  it('hashPassword() encodes PBKDF2-SHA256 with 210000 iterations and a random salt', async () => {
    const a = await hashPassword('Admin123');
    const b = await hashPassword('Admin123');
    expect(a).toMatch(/^pbkdf2-sha256\$210000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Admin123', a)).toBe(true);
    expect(await verifyPassword('admin123', a)).toBe(false);
  });

  it('verifyPassword() refuses unreadable encodings', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'pbkdf2-sha256$abc$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'pbkdf2-sha256$10$%%%$AAAA')).toBe(false);
  });

  it('constantTimeEqual() compares bytes', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });
});

describe('parseBasic()', () => {
  it('parseBasic() reads name and password, with colons and UTF-8 in the password', () => {
    const utf8 = String.fromCharCode(...new TextEncoder().encode('nurse:pä:ss'));
    expect(parseBasic(`Basic ${btoa(utf8)}`)).toEqual({ name: 'nurse', password: 'pä:ss' });
    expect(parseBasic('Bearer abc')).toBeUndefined();
    expect(parseBasic('Basic !!!')).toBeUndefined();
    expect(parseBasic(`Basic ${btoa('no-colon')}`)).toBeUndefined();
    expect(parseBasic(undefined)).toBeUndefined();
  });
});

describe('createBasicAuthenticator()', () => {
  async function setup(users: EdgeUser[]) {
    const clock = fakeClock();
    let checks = 0;
    const authenticate = createBasicAuthenticator(createUserDirectory(users), {
      now: clock.now, ttlMs: 60_000, verify: async (p, e) => { checks += 1; return verifyPassword(p, e); },
    });
    return { authenticate, clock, checks: () => checks };
  }
  const hash = (p: string) => hashPassword(p, { iterations: 1000 });

  it('verifies a header once and then trusts the cache until it expires', async () => {
    const { authenticate, clock, checks } = await setup([{ name: 'admin', role: 'admin', passwordHash: await hash('Admin123') }]);
    expect(await authenticate(basic('admin', 'Admin123'))).toEqual({ name: 'admin', role: 'admin' });
    expect(await authenticate(basic('admin', 'Admin123'))).toEqual({ name: 'admin', role: 'admin' });
    expect(checks()).toBe(1);
    clock.advance(60_001);
    await authenticate(basic('admin', 'Admin123'));
    expect(checks()).toBe(2);
  });

  it('refuses wrong passwords, unknown users and missing headers, never caching a failure', async () => {
    const { authenticate, checks } = await setup([{ name: 'admin', role: 'admin', passwordHash: await hash('Admin123') }]);
    expect(await authenticate(basic('admin', 'wrong'))).toBeUndefined();
    expect(await authenticate(basic('admin', 'wrong'))).toBeUndefined();
    expect(await authenticate(basic('ghost', 'Admin123'))).toBeUndefined();
    expect(await authenticate(undefined)).toBeUndefined();
    expect(checks()).toBe(3);
  });

  it('a revoked child is refused even when its header was cached', async () => {
    const child: EdgeUser = { name: 'child-1', role: 'child', instanceId: 'child-1', passwordHash: await hash('Child123') };
    const { authenticate } = await setup([child]);
    expect(await authenticate(basic('child-1', 'Child123'))).toEqual({ name: 'child-1', role: 'child', instanceId: 'child-1' });
    child.revoked = true;
    expect(await authenticate(basic('child-1', 'Child123'))).toBeUndefined();
  });
});
