// The child users of ts.children: stored hashed, kept across restarts, revoked when no longer listed.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { type EdgeUser, hashPassword, verifyPassword } from '../../../src/edge/app/user-directory.ts';
import type { ChildUserConfig } from '../../../src/edge/child/child-users-config.ts';
import { ensureChildUsers } from '../../../src/edge/node/ensure-child-users.ts';
import { readUsersSetting } from '../../../src/edge/node/users-setting.ts';

const fastHash = (password: string) => hashPassword(password, { iterations: 1000 });
const admin: EdgeUser = { name: 'admin', role: 'admin', passwordHash: 'pbkdf2-sha256$1$AA==$AA==' };
const child = (name: string, extra: Partial<ChildUserConfig> = {}): ChildUserConfig => ({ name, password: `${name}-secret`, instanceId: `${name}-id`, revoked: false, ...extra });

function counting() {
  const store = createMemoryStore();
  let writes = 0;
  const applyBatch = store.applyBatch.bind(store);
  store.applyBatch = (plan) => { writes += 1; return applyBatch(plan); };
  return { store, writes: () => writes };
}

describe('ensureChildUsers()', () => {
  it('ensureChildUsers() stores each listed child with a hash of its password and its instance id', async () => {
    const { store } = counting();
    const users = await ensureChildUsers(store, [child('clinic-1'), child('clinic-2', { revoked: true })], { users: [admin], log: silentLogger, hash: fastHash });
    const stored = await readUsersSetting(store, silentLogger);
    expect(stored).toEqual(users);
    expect(stored.map((u) => [u.name, u.role, u.instanceId, u.revoked ?? false])).toEqual([
      ['admin', 'admin', undefined, false], ['clinic-1', 'child', 'clinic-1-id', false], ['clinic-2', 'child', 'clinic-2-id', true],
    ]);
    expect(JSON.stringify(stored)).not.toContain('clinic-1-secret');
    expect(await verifyPassword('clinic-1-secret', stored[1]?.passwordHash ?? '')).toBe(true);
  });

  it('ensureChildUsers() writes nothing on a restart with the same list, and re-hashes only a changed password', async () => {
    const { store, writes } = counting();
    const first = await ensureChildUsers(store, [child('clinic-1')], { users: [admin], log: silentLogger, hash: fastHash });
    const again = await ensureChildUsers(store, [child('clinic-1')], { users: first, log: silentLogger, hash: fastHash });
    expect(writes()).toBe(1);
    expect(again).toEqual(first);
    const changed = await ensureChildUsers(store, [child('clinic-1', { password: 'a-new-secret' })], { users: again, log: silentLogger, hash: fastHash });
    expect(writes()).toBe(2);
    expect(await verifyPassword('a-new-secret', changed[1]?.passwordHash ?? '')).toBe(true);
  });

  it('ensureChildUsers() revokes a stored child no longer listed, and keeps everyone when there is no list', async () => {
    const { store } = counting();
    const first = await ensureChildUsers(store, [child('clinic-1'), child('clinic-2')], { users: [admin], log: silentLogger, hash: fastHash });
    const kept = await ensureChildUsers(store, undefined, { users: first, log: silentLogger });
    expect(kept).toEqual(first);
    const next = await ensureChildUsers(store, [child('clinic-2')], { users: first, log: silentLogger, hash: fastHash });
    expect(next.find((u) => u.name === 'clinic-1')).toMatchObject({ revoked: true, instanceId: 'clinic-1-id' });
    expect(next.find((u) => u.name === 'clinic-2')?.revoked).toBeUndefined();
  });

  it('ensureChildUsers() takes a configured passwordHash as it is', async () => {
    const { store } = counting();
    const passwordHash = await fastHash('from-elsewhere');
    const users = await ensureChildUsers(store, [{ name: 'hub', passwordHash, instanceId: 'hub', revoked: false }], { users: [], log: silentLogger });
    expect(users).toEqual([{ name: 'hub', role: 'child', passwordHash, instanceId: 'hub' }]);
  });

  it('ensureChildUsers() refuses a child named like a stored admin with CONFIG_INVALID', async () => {
    const { store, writes } = counting();
    const other: EdgeUser = { ...admin, name: 'old-admin' };
    await expect(ensureChildUsers(store, [child('old-admin')], { users: [admin, other], log: silentLogger, hash: fastHash }))
      .rejects.toMatchObject({ code: 'CONFIG_INVALID', details: { path: 'ts.children[0].name' } });
    expect(writes()).toBe(0);
  });
});
