/** Bounds how many requests are in flight at once: tasks beyond the limit wait their turn, first come first served. */

/** Runs `task` when a slot is free and frees the slot when it settles. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A limiter of `max` concurrent tasks (at least 1). Wrap single requests, not whole jobs that
 * make several requests, so a job never waits for a slot it already holds.
 *
 * @example Six requests in flight at most
 * ```ts
 * const limit = createLimiter(6);
 * const answers = await Promise.all(urls.map((url) => limit(() => fetchJson(url, options))));
 * ```
 */
export function createLimiter(max: number): Limiter {
  const slots = Math.max(1, Math.floor(max));
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < slots) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
