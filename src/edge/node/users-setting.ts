/** The `users` setting: the node's admin and child users, with hashed passwords, as stored JSON. */

import type { Logger } from '../../core/ports/ports.ts';
import type { Json, JsonObject, SyncStore } from '../../core/store/store-port.ts';
import type { EdgeUser } from '../app/user-directory.ts';

/** Settings key of the user list. */
export const usersSettingKey = 'users';

/** A user as stored JSON. */
export function userToJson(user: EdgeUser): JsonObject {
  const out: JsonObject = { name: user.name, role: user.role, passwordHash: user.passwordHash };
  if (user.instanceId !== undefined) out['instanceId'] = user.instanceId;
  if (user.revoked !== undefined) out['revoked'] = user.revoked;
  return out;
}

function userFromJson(value: Json): EdgeUser | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { name, role, passwordHash, instanceId, revoked } = value;
  if (typeof name !== 'string' || typeof passwordHash !== 'string' || (role !== 'admin' && role !== 'child')) return undefined;
  const user: EdgeUser = { name, role, passwordHash };
  if (typeof instanceId === 'string') user.instanceId = instanceId;
  if (typeof revoked === 'boolean') user.revoked = revoked;
  return user;
}

/**
 * The stored users; entries that are not well-formed are skipped with a warning (never fatal:
 * the admin can still be recreated).
 *
 * @example
 * ```ts
 * const users = await readUsersSetting(store, log); // [{ name: 'admin', role: 'admin', passwordHash: 'pbkdf2-sha256$…' }]
 * ```
 */
export async function readUsersSetting(store: SyncStore, log: Logger): Promise<EdgeUser[]> {
  const value = await store.getSetting<Json>(usersSettingKey);
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [];
  const users = list.map(userFromJson).filter((u): u is EdgeUser => u !== undefined);
  if (users.length !== list.length || !Array.isArray(value)) {
    log.warn('ignoring malformed entries of the users setting', { kept: users.length });
  }
  return users;
}
