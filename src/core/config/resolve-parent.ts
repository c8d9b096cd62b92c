/** What a parsed configuration says about reaching the parent: its base URL, credentials and preferred clients. */

import type { SyncConfig } from './sync-config.ts';

/**
 * The parent's base URL from `general.parentFeedLocation` (which sync2 points at the parent's
 * base, context path included): trailing slashes dropped, and a path that goes on into the
 * protocol (`…/openmrs/ws/atomfeed`) cut back to the base. Undefined when no parent is configured.
 *
 * @example
 * ```ts
 * resolveParentBase(config); // 'http://localhost:8080/openmrs' for 'http://localhost:8080/openmrs/'
 * ```
 */
export function resolveParentBase(config: Pick<SyncConfig, 'general'>): string | undefined {
  const location = config.general.parentFeedLocation;
  if (location === undefined) return undefined;
  const url = new URL(location);
  const ws = url.pathname.indexOf('/ws/');
  const path = ws >= 0 ? url.pathname.slice(0, ws) : url.pathname;
  return `${url.origin}${path.replace(/\/+$/, '')}`;
}

/**
 * Credentials for the parent from `general.clients`: those of `client` if it has a login, else of
 * `rest`, else of `fhir`, else of the first client with one. Undefined when none has a login.
 *
 * @example
 * ```ts
 * resolveParentCredentials(config); // { username: 'admin', password: '…' }
 * ```
 */
export function resolveParentCredentials(
  config: Pick<SyncConfig, 'general'>,
  client?: string,
): { username: string; password: string } | undefined {
  const clients = config.general.clients;
  const names = [...(client ? [client] : []), 'rest', 'fhir', ...Object.keys(clients)];
  for (const name of names) {
    const entry = clients[name];
    if (entry?.login !== undefined) return { username: entry.login, password: entry.password ?? '' };
  }
  return undefined;
}

/**
 * Category → preferred client of the enabled classes of a direction, for the resource manager.
 *
 * @example
 * ```ts
 * preferredClients(config, 'pull'); // { patient: 'fhir', person_name: 'rest' }
 * ```
 */
export function preferredClients(config: Pick<SyncConfig, 'pull' | 'push'>, direction: 'pull' | 'push'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of config[direction].classes) if (c.enabled && c.preferredClient) out[c.category] = c.preferredClient;
  return out;
}
