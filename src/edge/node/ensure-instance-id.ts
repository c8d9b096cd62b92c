/** The node's instance id: from the options, else the one kept in the store, else a new one kept from now on. */

import type { SyncStore } from '../../core/store/store-port.ts';

/** Settings key of the generated instance id. */
export const instanceIdSettingKey = 'instanceId';

/**
 * The instance id to run with. A configured id is used as given (and not stored, so removing the
 * option brings back the stored one); otherwise the stored id, or a new uuid stored once.
 *
 * @example
 * ```ts
 * const { instanceId, generated } = await ensureInstanceId(store, { newId: () => crypto.randomUUID() });
 * ```
 */
export async function ensureInstanceId(
  store: SyncStore,
  options: { configured?: string; newId: () => string },
): Promise<{ instanceId: string; generated: boolean }> {
  if (options.configured !== undefined) return { instanceId: options.configured, generated: false };
  const stored = await store.getSetting<string>(instanceIdSettingKey);
  if (typeof stored === 'string' && stored !== '') return { instanceId: stored, generated: false };
  const instanceId = options.newId();
  await store.applyBatch({ settings: { [instanceIdSettingKey]: instanceId } });
  return { instanceId, generated: true };
}
