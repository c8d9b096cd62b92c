/** The `ts.children` list of an edge node's sync2.json: the child users its own children log in with. */

import type { ConfigError } from '../../core/config/sync-config.ts';

/** One child user as configured; the password is hashed at start, never stored in clear. */
export interface ChildUserConfig {
  name: string;
  /** In clear, at least 8 characters; exactly one of `password` and `passwordHash`. */
  password?: string;
  /** A `pbkdf2-sha256$…` hash, as the node stores it. */
  passwordHash?: string;
  /** The child's instance id (its pushed changes are logged under it); default its name. */
  instanceId: string;
  /** True: the child may log in no more. @default false */
  revoked: boolean;
}

const path = 'ts.children';
const known = ['name', 'password', 'passwordHash', 'instanceId', 'revoked'];
const namePattern = /^[^:\s]{1,64}$/;
const instanceIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;
const hashPattern = /^pbkdf2-sha256\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;
type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads `ts.children` (undefined when absent): a list of `{ name, password | passwordHash,
 * instanceId?, revoked? }`. Every problem is reported with its path, one per field: a name with
 * a space or ":", the admin's name, a name or instance id given twice, a password shorter than 8
 * characters, both or neither of `password` and `passwordHash`, an unknown key.
 *
 * @example
 * ```ts
 * parseChildUsers([{ name: 'clinic-7', password: 'long-secret', instanceId: 'clinic-7' }], { adminUser: 'admin' });
 * // { children: [{ name: 'clinic-7', password: 'long-secret', instanceId: 'clinic-7', revoked: false }], errors: [] }
 * ```
 */
export function parseChildUsers(value: unknown, options: { adminUser?: string } = {}): { children?: ChildUserConfig[]; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  if (value === undefined || value === null) return { errors };
  if (!Array.isArray(value)) return { errors: [{ path, message: 'must be a list of child users { name, password, instanceId }' }] };
  const children: ChildUserConfig[] = [];
  value.forEach((item, i) => {
    const child = parseChild(item, `${path}[${i}]`, { errors, adminUser: options.adminUser });
    if (!child) return;
    const same = children.findIndex((c) => c.name === child.name);
    const sameId = children.findIndex((c) => c.instanceId === child.instanceId);
    if (same >= 0) errors.push({ path: `${path}[${i}].name`, message: `repeats ${path}[${same}] ("${child.name}")` });
    else if (sameId >= 0) errors.push({ path: `${path}[${i}].instanceId`, message: `repeats the instance id of ${path}[${sameId}]` });
    else children.push(child);
  });
  return { children, errors };
}

function parseChild(item: unknown, at: string, ctx: { errors: ConfigError[]; adminUser: string | undefined }): ChildUserConfig | undefined {
  const fail = (field: string, message: string): undefined => {
    ctx.errors.push({ path: field === '' ? at : `${at}.${field}`, message });
    return undefined;
  };
  if (!isObj(item)) return fail('', 'must be an object with name, password and instanceId');
  for (const key of Object.keys(item)) if (!known.includes(key)) fail(key, `is not a known setting (known: ${known.join(', ')})`);
  const before = ctx.errors.length;
  const name = item['name'];
  if (typeof name !== 'string' || !namePattern.test(name)) fail('name', 'is required: 1 to 64 characters without spaces or ":"');
  else if (name === ctx.adminUser) fail('name', `is the admin user's name; a child needs its own`);
  const { password, passwordHash } = item;
  if (password !== undefined && passwordHash !== undefined) fail('password', 'give either password or passwordHash, not both');
  else if (password === undefined && passwordHash === undefined) fail('password', 'is required (or passwordHash)');
  else if (password !== undefined && (typeof password !== 'string' || password.length < 8)) fail('password', 'must be at least 8 characters');
  else if (passwordHash !== undefined && (typeof passwordHash !== 'string' || !hashPattern.test(passwordHash))) {
    fail('passwordHash', 'must be a pbkdf2-sha256$iterations$salt$hash string');
  }
  const instanceId = item['instanceId'] ?? name;
  const badId = typeof instanceId !== 'string' || !instanceIdPattern.test(instanceId);
  if (badId && item['instanceId'] !== undefined) fail('instanceId', 'must be 1 to 128 letters, digits or _ . : -');
  else if (badId && typeof name === 'string' && namePattern.test(name)) fail('instanceId', 'is required: the name is not a valid instance id');
  const revoked = item['revoked'] ?? false;
  if (typeof revoked !== 'boolean') fail('revoked', 'must be true or false');
  if (ctx.errors.length > before) return undefined;
  return {
    name: name as string, instanceId: instanceId as string, revoked: revoked as boolean,
    ...(typeof password === 'string' ? { password } : { passwordHash: passwordHash as string }),
  };
}
