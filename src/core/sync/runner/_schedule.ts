/** The runner's schedule loop: a run now, then one per interval, waiting longer after failures. */

import { defaultSleep, type Sleep } from '../../http/sleep.ts';
import type { Clock, Random } from '../../ports/ports.ts';
import { nextRunDelayMs } from './next-run-delay.ts';
import type { RunSummary, SyncRunnerConfig } from './runner-types.ts';

/** A started schedule. */
export interface Schedule {
  /** Clock time (ms) of the next run; undefined while one is going on or after cancel. */
  nextRunAt(): number | undefined;
  /** Stops the loop: the wait ends at once and no run starts. */
  cancel(): void;
  /** Settles when the loop has ended. */
  done: Promise<void>;
}

export interface ScheduleOptions {
  run: () => Promise<RunSummary>;
  /** Failed runs in a row, read after each run. */
  failures: () => number;
  config: Pick<SyncRunnerConfig, 'scheduleSeconds' | 'maxBackoffSeconds'>;
  now: Clock;
  random?: Random;
  sleep?: Sleep;
}

/**
 * Starts the loop. Throws RangeError when `scheduleSeconds` is not a positive number. After a
 * `busy` or `aborted` run the next comes after the plain interval.
 */
export function startSchedule(options: ScheduleOptions): Schedule {
  const intervalMs = options.config.scheduleSeconds * 1_000;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError('scheduleSeconds must be a positive number');
  const maxBackoffMs = (options.config.maxBackoffSeconds ?? 3_600) * 1_000;
  const { now, random = Math.random, sleep = defaultSleep } = options;
  const controller = new AbortController();
  let next: number | undefined;
  const loop = async (): Promise<void> => {
    let delay = 0;
    while (!controller.signal.aborted) {
      next = now() + delay;
      try {
        await sleep(delay, controller.signal);
      } catch {
        break;
      }
      if (controller.signal.aborted) break;
      next = undefined;
      const { status } = await options.run();
      const failures = status === 'busy' || status === 'aborted' ? 0 : options.failures();
      delay = nextRunDelayMs({ intervalMs, failures, maxBackoffMs, random });
    }
    next = undefined;
  };
  return { nextRunAt: () => next, cancel: () => controller.abort(), done: loop() };
}
