/** Makes sure the admin account exists with a known password, generating one on first start. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { type EdgeUser, hashPassword, verifyPassword } from '../app/user-directory.ts';
import { generatePassword } from './generate-password.ts';
import { readUsersSetting, usersSettingKey, userToJson } from './users-setting.ts';
import type { Logger } from '../../core/ports/ports.ts';

export interface EnsureAdminOptions {
  /** Admin account name. */
  name: string;
  /** Password from the options; when absent a stored admin is kept, or a password generated. */
  password?: string;
  randomBytes: (length: number) => Uint8Array;
  log: Logger;
  /** Password hasher; default {@linkcode hashPassword} (tests pass a faster one). */
  hash?: (password: string) => Promise<string>;
}

export interface EnsureAdminResult {
  /** Every stored user, the admin included. */
  users: EdgeUser[];
  /** Set only when a password was generated now: to show once, never stored in clear. */
  generatedPassword?: string;
  /** True when the users setting was written. */
  changed: boolean;
}

/**
 * Reads the `users` setting and makes sure `name` is an active admin: with `password` when given
 * (re-hashed only when it differs from the stored one), else the stored admin as it is, else a
 * new generated password. Other users (children) are kept untouched.
 *
 * @example First start without a password
 * ```ts
 * const { generatedPassword } = await ensureAdminUser(store, { name: 'admin', randomBytes, log });
 * ```
 */
export async function ensureAdminUser(store: SyncStore, options: EnsureAdminOptions): Promise<EnsureAdminResult> {
  const users = await readUsersSetting(store, options.log);
  const existing = users.find((u) => u.name === options.name);
  if (existing !== undefined && existing.role !== 'admin') {
    throw new SyncError('CONFIG_INVALID', {
      message: `The admin user name "${options.name}" belongs to a child user; choose another --admin-user`,
      details: { adminUser: options.name },
    });
  }
  const active = existing !== undefined && existing.revoked !== true;
  if (options.password !== undefined && active && (await verifyPassword(options.password, existing.passwordHash))) {
    return { users, changed: false };
  }
  if (options.password === undefined && active) return { users, changed: false };
  const generatedPassword = options.password === undefined ? generatePassword(options.randomBytes) : undefined;
  const passwordHash = await (options.hash ?? hashPassword)(options.password ?? (generatedPassword as string));
  const admin: EdgeUser = { name: options.name, role: 'admin', passwordHash };
  const next = [...users.filter((u) => u.name !== options.name), admin];
  await store.applyBatch({ settings: { [usersSettingKey]: next.map(userToJson) } });
  options.log.info(existing === undefined ? 'created the admin user' : 'updated the admin password', { user: options.name });
  return generatedPassword === undefined ? { users: next, changed: true } : { users: next, generatedPassword, changed: true };
}
