/** An edge node's sync2.json: the sync configuration the core reads, plus the edge-only `ts.children` list. */

import { parseSyncConfig } from '../../core/config/parse-sync-config.ts';
import { resolveParentBase } from '../../core/config/resolve-parent.ts';
import type { ConfigError, SyncConfig } from '../../core/config/sync-config.ts';
import { type ChildUserConfig, parseChildUsers } from './child-users-config.ts';

/** What an edge node reads from its sync2.json. */
export interface EdgeSyncConfig {
  sync: SyncConfig;
  /** The parent's base URL (no credentials: the parser refuses them in the URL); absent for a root. */
  parentBase?: string;
  /** Child users of this node's own children; absent when the file has no `ts.children`. */
  children?: ChildUserConfig[];
}

export type ParseEdgeSyncConfigResult = { ok: true; config: EdgeSyncConfig } | { ok: false; errors: ConfigError[] };

/**
 * Parses a decoded sync2.json. `ts.children` is taken out before the core parser sees the file
 * (only an edge node has children to let in), and both parts' errors are reported together, one
 * per field. A file whose `general.parentFeedLocation` names a parent makes the node a child; a
 * file without one (pull and push disabled) is a root that may still list children.
 *
 * @example
 * ```ts
 * const parsed = parseEdgeSyncConfig(JSON.parse(text), { adminUser: 'admin' });
 * if (parsed.ok && parsed.config.parentBase) startChildSync(parsed.config, deps);
 * ```
 */
export function parseEdgeSyncConfig(json: unknown, options: { adminUser?: string } = {}): ParseEdgeSyncConfigResult {
  const { rest, children } = takeChildren(json);
  const users = parseChildUsers(children, options);
  const parsed = parseSyncConfig(rest);
  const errors = [...(parsed.ok ? [] : parsed.errors), ...users.errors];
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const config: EdgeSyncConfig = { sync: parsed.config };
  const parentBase = resolveParentBase(parsed.config);
  if (parentBase !== undefined) config.parentBase = parentBase;
  if (users.children) config.children = users.children;
  return { ok: true, config };
}

/** The file without `ts.children`, and that list; the input is not changed. */
function takeChildren(json: unknown): { rest: unknown; children: unknown } {
  if (!isObj(json) || !isObj(json['ts']) || !('children' in json['ts'])) return { rest: json, children: undefined };
  const { children, ...ts } = json['ts'];
  return { rest: { ...json, ts }, children };
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
