/** Opens the edge node's store as its options say (PGlite in a data dir, or PostgreSQL), logging what and how long. */

import type { SyncStore } from '../../core/store/store-port.ts';
import type { EdgeOptions } from '../cli/edge-options.ts';
import { openSqlStore } from '../sql-store/open-sql-store.ts';
import type { EdgeRuntime, OpenStoreOptions } from './edge-runtime.ts';

/**
 * The runtime's `openStore` (default {@linkcode openSqlStore}) over the data dir or database URL;
 * the log names the kind and the host, never the URL (it may hold a password).
 *
 * @example
 * ```ts
 * const store = await openEdgeStore(options, runtime);
 * ```
 */
export async function openEdgeStore(options: EdgeOptions, runtime: EdgeRuntime): Promise<SyncStore> {
  const open = runtime.openStore ?? ((o: OpenStoreOptions) => openSqlStore(o));
  if (options.databaseUrl !== undefined) {
    runtime.log.info('opening the store', { kind: 'PostgreSQL', host: hostOf(options.databaseUrl) });
  } else {
    runtime.log.info('opening the store', { kind: 'PGlite', dataDir: options.dataDir });
  }
  const started = runtime.now();
  const store = await open({ dataDir: options.dataDir, log: runtime.log, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  runtime.log.info('store ready', { ms: runtime.now() - started });
  return store;
}

/** The database host, for logs: never the URL, which may carry a password. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unreadable URL)';
  }
}
