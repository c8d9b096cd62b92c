/** Middleware that admits only authenticated users of the given roles (HTTP Basic). */

import type { MiddlewareHandler } from 'hono';
import { appFailure } from './app-errors.ts';
import type { AppContext } from './edge-app-deps.ts';
import { type AppEnv, fail } from './http-helpers.ts';
import type { UserRole } from './user-directory.ts';

/**
 * 401 (with `WWW-Authenticate: Basic realm="OpenMRS"`) without valid credentials or for a revoked
 * child, 403 for a role not in `roles`; otherwise sets `principal` and goes on.
 *
 * @example Admin-only status
 * ```ts
 * app.get('/status', requireUser(ctx, ['admin']), handler);
 * ```
 */
export function requireUser(ctx: AppContext, roles: readonly UserRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await ctx.authenticate(c.req.header('authorization'));
    if (!principal) return fail(c, appFailure('UNAUTHENTICATED'));
    if (!roles.includes(principal.role)) {
      return fail(c, appFailure('FORBIDDEN', { message: `The ${principal.role} role may not do this` }));
    }
    c.set('principal', principal);
    await next();
    return undefined;
  };
}
