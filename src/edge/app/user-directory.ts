/** The users an edge node knows (its admin and one per child), and HTTP Basic authentication against them. */

import { sha256Hex } from '../../core/hash/sha256-hex.ts';
import type { Clock } from '../../core/ports/ports.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

export { constantTimeEqual, defaultPbkdf2Iterations, hashPassword, verifyPassword } from './password-hash.ts';

export type UserRole = 'admin' | 'child';

/** A user as configured: the password only ever as a {@linkcode hashPassword} string. */
export interface EdgeUser {
  name: string;
  role: UserRole;
  passwordHash: string;
  /** For a child: the instance id its pushed changes are logged under. */
  instanceId?: string;
  /** A revoked child authenticates no more. */
  revoked?: boolean;
}

/** Looks users up by name; may be backed by configuration or by the store. */
export interface UserDirectory {
  find(name: string): EdgeUser | undefined | Promise<EdgeUser | undefined>;
}

/** Who a request is, once authenticated. */
export interface Principal {
  name: string;
  role: UserRole;
  instanceId?: string;
}

/** A directory over a fixed list of users. Names are case-sensitive, as in OpenMRS. */
export function createUserDirectory(users: readonly EdgeUser[]): UserDirectory {
  const byName = new Map(users.map((u) => [u.name, u]));
  return { find: (name) => byName.get(name) };
}

export interface BasicAuthenticatorOptions {
  now: Clock;
  /** How long a verified header is trusted without running the KDF again; default 10 minutes. */
  ttlMs?: number;
  /** Cached headers at most; the oldest goes first; default 1000. */
  maxEntries?: number;
  /** Password check; default {@linkcode verifyPassword} (tests count calls through it). */
  verify?: (password: string, encoded: string) => Promise<boolean>;
}

/** Authenticates an `Authorization` header: the principal, or undefined for missing or wrong credentials. */
export type BasicAuthenticator = (header: string | undefined) => Promise<Principal | undefined>;

// A hash of a throwaway password, verified for unknown users so their answer takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * An authenticator over `directory`. Successful verifications are cached under a SHA-256 of the
 * header (never the header itself), so only the first request of a client pays the KDF; a cached
 * entry still re-checks that the user exists, is not revoked and kept the same password hash.
 *
 * @example Authenticate a request
 * ```ts
 * const authenticate = createBasicAuthenticator(directory, { now: Date.now });
 * const principal = await authenticate(request.headers.get('authorization') ?? undefined);
 * ```
 */
export function createBasicAuthenticator(directory: UserDirectory, options: BasicAuthenticatorOptions): BasicAuthenticator {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntries = options.maxEntries ?? 1000;
  const verify = options.verify ?? verifyPassword;
  const cache = new Map<string, { name: string; passwordHash: string; expiresAt: number }>();

  return async (header) => {
    const credentials = parseBasic(header);
    if (!credentials) return undefined;
    const key = sha256Hex(header as string);
    const cached = cache.get(key);
    if (cached && cached.expiresAt > options.now()) {
      const user = await directory.find(cached.name);
      if (user && !user.revoked && user.passwordHash === cached.passwordHash) return principalOf(user);
    }
    cache.delete(key);
    const user = await directory.find(credentials.name);
    if (!user) {
      await verify(credentials.password, await (decoyHash ??= hashPassword('decoy')));
      return undefined;
    }
    if (user.revoked || !(await verify(credentials.password, user.passwordHash))) return undefined;
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, { name: user.name, passwordHash: user.passwordHash, expiresAt: options.now() + ttlMs });
    return principalOf(user);
  };
}

/** Name and password from a `Basic` header; undefined when absent or unreadable. */
export function parseBasic(header: string | undefined): { name: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  let decoded: string;
  try {
    const binary = atob(match[1] as string);
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function principalOf(user: EdgeUser): Principal {
  const principal: Principal = { name: user.name, role: user.role };
  if (user.instanceId !== undefined) principal.instanceId = user.instanceId;
  return principal;
}
