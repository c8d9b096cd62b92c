/** Advisory lock keys of the SQL store: one key space, so they never collide with other users of the database. */

/** First key of every lock the store takes ("SYNC" in ASCII, fits an int4). */
const storeSpace = 0x53594e43;
/** First key of named run locks. */
const runSpace = storeSpace + 1;

/** Held (transaction level) while migrations run, so instances starting together migrate once. */
export const migrateLock: readonly [number, number] = [storeSpace, 1];

/** Held (transaction level) by every write batch: writers serialize, so seq follows commit order. */
export const batchLock: readonly [number, number] = [storeSpace, 2];

/** The key pair of the run lock called `name` (a 32-bit FNV-1a hash of its UTF-16 code units). */
export function runLockKey(name: string): [number, number] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return [runSpace, hash | 0];
}
