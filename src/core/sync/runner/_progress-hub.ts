/** The runner's progress listeners and the latest event, for status(). */

import type { Logger } from '../../ports/ports.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import type { SyncProgress } from './runner-types.ts';

export interface ProgressHub {
  emit(event: SyncProgress): void;
  /** The latest event of the run going on; undefined when idle. */
  latest(): SyncProgress | undefined;
  subscribe(listener: (event: SyncProgress) => void): () => void;
}

/** A hub whose listeners never break a run: what they throw is logged. */
export function createProgressHub(log: Logger): ProgressHub {
  const listeners = new Set<(event: SyncProgress) => void>();
  let latest: SyncProgress | undefined;
  return {
    emit(event) {
      latest = event.phase === 'idle' ? undefined : event;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log.warn('a progress listener threw', { message: serializeFailure(error).message });
        }
      }
    },
    latest: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}
