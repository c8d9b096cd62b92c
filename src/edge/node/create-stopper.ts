/** Graceful shutdown on signals: close the node once, and let a deliberate second Ctrl-C force the exit. */

import type { Clock, Logger } from '../../core/ports/ports.ts';
import { describeStartFailure } from './describe-start-failure.ts';

export interface StopperOptions {
  /** Closes the node (server, then store). */
  close: () => Promise<void>;
  /** Ends the process with a code. */
  exit: (code: number) => void;
  log: Logger;
  now: Clock;
  /**
   * A repeat within this window is the same Ctrl-C arriving twice (from the terminal and relayed
   * by a wrapper such as tsx or npm), not a person insisting; default 1000 ms.
   */
  duplicateWindowMs?: number;
}

/**
 * A signal handler: the first signal closes the node and exits 0 (1 if closing fails); a repeat
 * after the duplicate window exits 130 at once.
 *
 * @example
 * ```ts
 * const stop = createStopper({ close: node.close, exit: (code) => process.exit(code), log, now: Date.now });
 * process.on('SIGINT', () => stop('SIGINT'));
 * ```
 */
export function createStopper(options: StopperOptions): (signal: string) => void {
  const window = options.duplicateWindowMs ?? 1000;
  let firstAt: number | undefined;
  return (signal) => {
    if (firstAt !== undefined) {
      if (options.now() - firstAt < window) return;
      options.log.warn('stopping at once, without closing cleanly', { signal });
      options.exit(130);
      return;
    }
    firstAt = options.now();
    options.log.info('stopping', { signal });
    options.close().then(
      () => {
        options.log.info('stopped');
        options.exit(0);
      },
      (error: unknown) => {
        options.log.error('failed to stop cleanly', describeStartFailure(error));
        options.exit(1);
      },
    );
  };
}
