// Tests of the admin account set-up: generated once, given passwords re-hashed only when changed, children kept.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { hashPassword, verifyPassword } from '../../../src/edge/app/user-directory.ts';
import { ensureAdminUser } from '../../../src/edge/node/ensure-admin-user.ts';
import { ensureInstanceId } from '../../../src/edge/node/ensure-instance-id.ts';
import { generatePassword } from '../../../src/edge/node/generate-password.ts';
import { readUsersSetting } from '../../../src/edge/node/users-setting.ts';

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const hash = (password: string) => hashPassword(password, { iterations: 1000 });
const base = { name: 'admin', randomBytes, log: silentLogger, hash };

describe('ensureAdminUser()', () => {
  it('ensureAdminUser() generates a password on first start, stores only its hash, and keeps it after', async () => {
    const store = createMemoryStore();
    const first = await ensureAdminUser(store, base);
    expect(first.generatedPassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const [admin] = await readUsersSetting(store, silentLogger);
    expect(admin?.role).toBe('admin');
    expect(JSON.stringify(await store.getSetting('users'))).not.toContain(first.generatedPassword);
    expect(await verifyPassword(first.generatedPassword as string, admin?.passwordHash ?? '')).toBe(true);
    const second = await ensureAdminUser(store, base);
    expect(second).toEqual({ users: first.users, changed: false });
  });

  it('ensureAdminUser() uses a given password and re-hashes only when it changes', async () => {
    const store = createMemoryStore();
    expect((await ensureAdminUser(store, { ...base, password: 'Admin123' })).generatedPassword).toBeUndefined();
    expect((await ensureAdminUser(store, { ...base, password: 'Admin123' })).changed).toBe(false);
    const changed = await ensureAdminUser(store, { ...base, password: 'NewSecret1' });
    expect(changed.changed).toBe(true);
    const [admin] = await readUsersSetting(store, silentLogger);
    expect(await verifyPassword('NewSecret1', admin?.passwordHash ?? '')).toBe(true);
  });

  it('ensureAdminUser() keeps child users and refuses an admin name a child holds', async () => {
    const store = createMemoryStore();
    const child = { name: 'clinic-a', role: 'child', passwordHash: await hash('x'), instanceId: 'tablet-1' };
    await store.applyBatch({ settings: { users: [child, { junk: true }] } });
    const { users } = await ensureAdminUser(store, base);
    expect(users.map((u) => u.name)).toEqual(['clinic-a', 'admin']);
    await expect(ensureAdminUser(store, { ...base, name: 'clinic-a' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('ensureInstanceId()', () => {
  it('ensureInstanceId() generates once and keeps the id; a configured id wins without being stored', async () => {
    const store = createMemoryStore();
    let n = 0;
    const newId = () => `id-${++n}`;
    expect(await ensureInstanceId(store, { newId })).toEqual({ instanceId: 'id-1', generated: true });
    expect(await ensureInstanceId(store, { newId })).toEqual({ instanceId: 'id-1', generated: false });
    expect(await ensureInstanceId(store, { newId, configured: 'hub-7' })).toEqual({ instanceId: 'hub-7', generated: false });
    expect(await store.getSetting('instanceId')).toBe('id-1');
  });
});

describe('generatePassword()', () => {
  it('generatePassword() uses only unambiguous characters, even from skewed random bytes', () => {
    const skewed = (n: number) => new Uint8Array(n).map((_, i) => (i * 37 + 250) % 256);
    const password = generatePassword(skewed);
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
    expect(generatePassword(randomBytes)).not.toBe(generatePassword(randomBytes));
  });
});
