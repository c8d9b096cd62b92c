/** Brings the stored child users in line with the `ts.children` list of the node's sync2.json. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type { Logger } from '../../core/ports/ports.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import type { ChildUserConfig } from '../child/child-users-config.ts';
import { type EdgeUser, hashPassword, verifyPassword } from '../app/user-directory.ts';
import { usersSettingKey, userToJson } from './users-setting.ts';

export interface EnsureChildUsersOptions {
  /** The stored users (the admin included), as ensureAdminUser returned them. */
  users: readonly EdgeUser[];
  log: Logger;
  /** Password hasher; default {@linkcode hashPassword} (tests pass a faster one). */
  hash?: (password: string) => Promise<string>;
}

/**
 * Makes the stored child users match `children`: each listed child is stored with its
 * configured password (hashed; re-hashed only when it changed) or hash, instance id and revoked
 * flag; a stored child no longer listed is revoked (kept, so its instance id stays known, but it
 * logs in no more). Without a list (`undefined`) the stored users are kept as they are. Writes
 * the `users` setting only when something changed. Throws CONFIG_INVALID when a listed name
 * belongs to a stored admin.
 *
 * @example
 * ```ts
 * const users = await ensureChildUsers(store, config.children, { users: admin.users, log });
 * ```
 */
export async function ensureChildUsers(
  store: SyncStore,
  children: readonly ChildUserConfig[] | undefined,
  options: EnsureChildUsersOptions,
): Promise<EdgeUser[]> {
  if (children === undefined) return [...options.users];
  const hash = options.hash ?? hashPassword;
  const listed = new Set(children.map((c) => c.name));
  const next: EdgeUser[] = [];
  let changed = false;
  for (const user of options.users) {
    if (listed.has(user.name) || user.role !== 'child' || user.revoked === true) {
      if (!listed.has(user.name)) next.push(user);
      continue;
    }
    next.push({ ...user, revoked: true });
    changed = true;
    options.log.warn('revoked a child user no longer in ts.children', { user: user.name });
  }
  for (const [i, child] of children.entries()) {
    const stored = options.users.find((u) => u.name === child.name);
    if (stored?.role === 'admin') {
      throw new SyncError('CONFIG_INVALID', {
        message: `ts.children[${i}].name: "${child.name}" is an admin user of this node; a child needs its own name`,
        details: { path: `ts.children[${i}].name` },
      });
    }
    const user = await childUser(child, stored, hash);
    if (!stored || !sameUser(stored, user)) {
      changed = true;
      options.log.info(stored ? 'updated a child user' : 'added a child user', { user: child.name, instanceId: child.instanceId, revoked: child.revoked });
    }
    next.push(user);
  }
  if (changed) await store.applyBatch({ settings: { [usersSettingKey]: next.map(userToJson) } });
  return next;
}

/** The user to store for `child`: the stored hash is kept when the configured password still verifies against it. */
async function childUser(child: ChildUserConfig, stored: EdgeUser | undefined, hash: (password: string) => Promise<string>): Promise<EdgeUser> {
  let passwordHash = child.passwordHash;
  if (passwordHash === undefined) {
    const password = child.password as string;
    const keep = stored !== undefined && (await verifyPassword(password, stored.passwordHash));
    passwordHash = keep ? stored.passwordHash : await hash(password);
  }
  return { name: child.name, role: 'child', passwordHash, instanceId: child.instanceId, ...(child.revoked ? { revoked: true } : {}) };
}

function sameUser(a: EdgeUser, b: EdgeUser): boolean {
  return a.role === b.role && a.passwordHash === b.passwordHash && a.instanceId === b.instanceId && (a.revoked ?? false) === (b.revoked ?? false);
}
