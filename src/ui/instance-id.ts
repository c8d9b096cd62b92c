/** The default instance id of a new tablet: generated once and kept until the first sign-in saves it. */

const key = 'openmrs-sync.default-instance-id';

/**
 * The kept id, or a new `tablet-xxxxxxxx` id, kept in `storage` (it is no secret). Without
 * storage, a new id each time.
 *
 * @example
 * ```ts
 * defaultInstanceId(localStorage, () => crypto.randomUUID()); // 'tablet-3f9c1a2b'
 * ```
 */
export function defaultInstanceId(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined, randomId: () => string): string {
  try {
    const kept = storage?.getItem(key);
    if (kept) return kept;
  } catch {
    // storage blocked (private mode): fall through to a fresh id
  }
  const id = `tablet-${randomId().replace(/-/g, '').slice(0, 8)}`;
  try {
    storage?.setItem(key, id);
  } catch {
    // not kept: the form still shows it, and sign-in saves it with the settings
  }
  return id;
}
