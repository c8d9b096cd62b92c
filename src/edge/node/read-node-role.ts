/** Whether this node is a root or a child of a parent, from its sync2.json (read and checked before anything starts). */

import type { ConfigError } from '../../core/config/sync-config.ts';
import { SyncError } from '../../core/errors/sync-error.ts';
import { type EdgeSyncConfig, parseEdgeSyncConfig } from '../child/parse-edge-sync-config.ts';
import type { EdgeRuntime } from './edge-runtime.ts';

export interface NodeRole {
  /** True without a configuration or without a parent in it: only a root is seeded with demo data. */
  root: boolean;
  /** The parent's base URL (never with credentials), when the configuration names one. */
  parentUrl?: string;
  /** The parsed configuration, when a file was given. */
  config?: EdgeSyncConfig;
}

function invalid(path: string, message: string, errors: ConfigError[], cause?: unknown): SyncError {
  return new SyncError('CONFIG_INVALID', { message, details: { file: path, errors }, ...(cause !== undefined ? { cause } : {}) });
}

/**
 * Reads the sync2.json at `path` (when given): a child when `general.parentFeedLocation` names
 * a parent, else a root. A missing file, one that is not JSON, or any invalid field fails with
 * `CONFIG_INVALID`, whose `details.errors` lists every problem (`{ path, message }`, one per
 * field), before anything is opened or written.
 *
 * @example
 * ```ts
 * const { root, config } = await readNodeRole('sync2.json', { readFile: runtime.readFile, adminUser: 'admin' });
 * ```
 */
export async function readNodeRole(
  path: string | undefined,
  options: { readFile: EdgeRuntime['readFile']; adminUser?: string },
): Promise<NodeRole> {
  if (path === undefined) return { root: true };
  const bytes = await options.readFile(path);
  if (bytes === undefined) {
    throw invalid(path, `The sync configuration ${path} does not exist`, [{ path: '$', message: 'the file does not exist' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw invalid(path, `The sync configuration ${path} is not valid JSON`, [{ path: '$', message: `is not valid JSON (${reason})` }], cause);
  }
  const parsed = parseEdgeSyncConfig(json, options.adminUser !== undefined ? { adminUser: options.adminUser } : {});
  if (!parsed.ok) {
    const count = parsed.errors.length;
    throw invalid(path, `The sync configuration ${path} has ${count} error${count === 1 ? '' : 's'}`, parsed.errors);
  }
  const { config } = parsed;
  return config.parentBase === undefined ? { root: true, config } : { root: false, parentUrl: config.parentBase, config };
}
