/** A Web Locks stand-in for Node tests: one origin's lock table shared by several contexts, each of which can die holding locks. */

interface Held {
  name: string;
  mode: LockMode;
  context: number;
}

interface Queued extends Held {
  grant(): void;
}

/** One context's `navigator.locks`, and its death (a closed tab: its locks are released, its queued requests dropped). */
export interface FakeLockContext {
  locks: LockManager;
  die(): void;
}

/** The origin's lock table. */
export interface FakeLockOrigin {
  context(): FakeLockContext;
  /** The locks held now, as `mode` per holder. */
  held(name: string): LockMode[];
  /** The requests waiting now. */
  queued(name: string): LockMode[];
}

/**
 * Locks as the Web Locks spec grants them: per name, exclusive or shared, in request order;
 * `ifAvailable` answers `null` at once when the lock cannot be granted now; `signal` takes a
 * waiting request out of the queue and rejects it. A lock is released when its callback's
 * promise settles, or when its context dies.
 */
export function fakeLockOrigin(): FakeLockOrigin {
  const held: Held[] = [];
  const queue: Queued[] = [];
  const dead = new Set<number>();
  let contexts = 0;
  const conflicts = (name: string, mode: LockMode): boolean =>
    held.some((h) => h.name === name && (mode === 'exclusive' || h.mode === 'exclusive'));
  const process = (): void => {
    for (let i = 0; i < queue.length;) {
      const request = queue[i] as Queued;
      const earlier = queue.slice(0, i).some((q) => q.name === request.name);
      if (earlier || conflicts(request.name, request.mode)) { i += 1; continue; }
      queue.splice(i, 1);
      request.grant();
    }
  };
  const release = (lock: Held): void => {
    const at = held.indexOf(lock);
    if (at >= 0) held.splice(at, 1);
    process();
  };
  const request = async (context: number, name: string, options: LockOptions, callback: LockGrantedCallback<unknown>): Promise<unknown> => {
    const mode = options.mode ?? 'exclusive';
    if (options.signal?.aborted) throw options.signal.reason;
    const free = !conflicts(name, mode) && !queue.some((q) => q.name === name);
    if (options.ifAvailable && !free) return callback(null);
    const lock: Held = { name, mode, context };
    if (!free) {
      await new Promise<void>((resolve, reject) => {
        const entry: Queued = { ...lock, grant: resolve };
        queue.push(entry);
        options.signal?.addEventListener('abort', () => {
          const at = queue.indexOf(entry);
          if (at < 0) return;
          queue.splice(at, 1);
          reject(options.signal?.reason);
          process();
        }, { once: true });
      });
    }
    held.push(lock);
    try {
      return await callback({ name, mode } as Lock);
    } finally {
      if (!dead.has(context)) release(lock);
    }
  };
  return {
    context() {
      const id = (contexts += 1);
      const locks = {
        request: (name: string, a: LockOptions | LockGrantedCallback<unknown>, b?: LockGrantedCallback<unknown>) =>
          (typeof a === 'function' ? request(id, name, {}, a) : request(id, name, a, b as LockGrantedCallback<unknown>)),
        query: async () => ({
          held: held.map((h) => ({ name: h.name, mode: h.mode, clientId: String(h.context) })),
          pending: queue.map((q) => ({ name: q.name, mode: q.mode, clientId: String(q.context) })),
        }),
      } as unknown as LockManager;
      return {
        locks,
        die() {
          dead.add(id);
          for (const q of queue.filter((q) => q.context === id)) queue.splice(queue.indexOf(q), 1);
          for (const h of held.filter((h) => h.context === id)) release(h);
        },
      };
    },
    held: (name) => held.filter((h) => h.name === name).map((h) => h.mode),
    queued: (name) => queue.filter((q) => q.name === name).map((q) => q.mode),
  };
}
