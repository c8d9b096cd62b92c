/** Whether this node is a root (no parent) or a child, from its sync2.json; the pull issue reads the rest. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type { JsonObject } from '../../core/store/store-port.ts';
import type { EdgeRuntime } from './edge-runtime.ts';

export interface NodeRole {
  /** True without a configuration or without a `parent` in it: only a root is seeded with demo data. */
  root: boolean;
  /** The parent's base URL without credentials, when the configuration names one (for /status and logs). */
  parentUrl?: string;
  /** The parsed configuration, when a file was given. */
  config?: JsonObject;
}

/** The URL of a `parent` entry (a URL string, or an object with `url` or `baseUrl`), user info removed. */
function parentUrlOf(parent: unknown): string | undefined {
  const raw = typeof parent === 'string' ? parent
    : typeof parent === 'object' && parent !== null ? ((parent as JsonObject)['url'] ?? (parent as JsonObject)['baseUrl']) : undefined;
  if (typeof raw !== 'string') return undefined;
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * Reads the configuration at `path` (when given). A missing file or one that is not a JSON object
 * fails with `CONFIG_INVALID`, before anything is opened or written.
 *
 * @example
 * ```ts
 * const { root } = await readNodeRole('sync2.json', runtime.readFile);
 * ```
 */
export async function readNodeRole(path: string | undefined, readFile: EdgeRuntime['readFile']): Promise<NodeRole> {
  if (path === undefined) return { root: true };
  const bytes = await readFile(path);
  if (bytes === undefined) throw new SyncError('CONFIG_INVALID', { message: `The sync configuration ${path} does not exist`, details: { path } });
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new SyncError('CONFIG_INVALID', { message: `The sync configuration ${path} is not valid JSON`, details: { path }, cause });
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new SyncError('CONFIG_INVALID', { message: `The sync configuration ${path} is not a JSON object`, details: { path } });
  }
  const parent = (config as JsonObject)['parent'];
  const role: NodeRole = { root: parent === undefined || parent === null, config: config as JsonObject };
  const parentUrl = parentUrlOf(parent);
  if (parentUrl !== undefined) role.parentUrl = parentUrl;
  return role;
}
