/** Asks the browser to keep this origin's data under storage pressure (the tablet may hold the only copy of a change). */

/**
 * True when storage is (now) persistent. Chromium grants it to installed apps and sites the
 * person engages with; others may ask the person. False where the API is missing.
 *
 * @example
 * ```ts
 * persistentBadge.hidden = !(await requestPersistentStorage());
 * ```
 */
export async function requestPersistentStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}
