/** Runner test helpers: a sleep the test releases by hand, a gate that holds a call open, and a runner config. */

import { SyncError } from '../../../../src/core/errors/sync-error.ts';
import type { Sleep } from '../../../../src/core/http/sleep.ts';
import type { SyncRunnerConfig } from '../../../../src/core/sync/runner/runner-types.ts';
import { childBase } from '../pull/_fake-network.ts';

/** One pending wait of the manual sleep. */
export interface Wait {
  ms: number;
  release(): void;
}

/** A sleep whose waits end only when the test releases them (or their signal aborts). */
export function manualSleep(): { sleep: Sleep; next(): Promise<Wait>; waits: Wait[] } {
  const waits: Wait[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  const sleep: Sleep = (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new SyncError('ABORTED'));
    signal?.addEventListener('abort', () => reject(new SyncError('ABORTED')), { once: true });
    waits.push({ ms, release: resolve });
    wake?.();
  });
  const next = async (): Promise<Wait> => {
    while (waits.length <= taken) await new Promise<void>((resolve) => { wake = resolve; });
    return waits[taken++] as Wait;
  };
  return { sleep, next, waits };
}

/** A gate: calls wait at `pass()` until `open()`; `reached()` settles when the first call arrives. */
export function gate(): { pass(): Promise<void>; open(): void; reached: Promise<void> } {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  const reached = new Promise<void>((resolve) => { reach = resolve; });
  return { pass: async () => { reach(); await opened; }, open, reached };
}

/** A runner config for the fake network's patient feed (no HTTP retries: the tests' sleep is manual). */
export function runnerConfig(extra: Partial<SyncRunnerConfig> = {}): SyncRunnerConfig {
  return {
    parentBase: childBase, pull: { enabled: true }, push: { enabled: true }, scheduleSeconds: 60, maxBackoffSeconds: 400,
    classes: [{ category: 'patient', enabled: true }], retry: { retries: 0 }, ...extra,
  };
}
