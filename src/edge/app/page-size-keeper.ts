/** Keeps a node's feed page size fixed once its change log has events: a new size would shift full pages under children. */

import type { Logger } from '../../core/ports/ports.ts';
import type { Json, SyncStore } from '../../core/store/store-port.ts';

/** Settings key of the persisted page size. */
export const pageSizeSettingKey = 'edge.feedPageSize';

export interface PageSizeKeeper {
  /** The page size feeds are served with. */
  get(): Promise<number>;
  /** Settings to add to a write's batch so the size is persisted with the first event; undefined once fixed. */
  settingsForWrite(): Promise<Record<string, Json> | undefined>;
  /** Tells the keeper a write batch (carrying `settingsForWrite()`) was applied. */
  written(): void;
}

/**
 * A keeper for `configured`: while the log is empty the configured size is used (and persisted with the
 * first write); once the log has events the persisted size wins, with a warning when it differs.
 *
 * @example Serve a feed
 * ```ts
 * const size = await createPageSizeKeeper(store, { configured: 100, log }).get();
 * ```
 */
export function createPageSizeKeeper(store: SyncStore, options: { configured: number; log: Logger }): PageSizeKeeper {
  const { configured, log } = options;
  let fixed: number | undefined;
  let fixing: Promise<number | undefined> | undefined;

  async function fix(): Promise<number | undefined> {
    const stored = await store.getSetting<number>(pageSizeSettingKey);
    if ((await store.lastSeq()) === 0) return undefined;
    if (typeof stored === 'number' && Number.isSafeInteger(stored) && stored > 0) {
      if (stored !== configured) {
        log.warn('feed page size is fixed once the feed has events; ignoring the configured size', { configured, fixed: stored });
      }
      return stored;
    }
    const result = await store.applyBatch({ settings: { [pageSizeSettingKey]: configured } });
    if (!result.ok) throw new Error('a settings-only batch cannot fail a precondition');
    return configured;
  }

  async function current(): Promise<number | undefined> {
    if (fixed !== undefined) return fixed;
    fixing ??= fix().finally(() => { fixing = undefined; });
    fixed = await fixing;
    return fixed;
  }

  return {
    async get() { return (await current()) ?? configured; },
    async settingsForWrite() { return (await current()) === undefined ? { [pageSizeSettingKey]: configured } : undefined; },
    written() { fixed ??= configured; },
  };
}
