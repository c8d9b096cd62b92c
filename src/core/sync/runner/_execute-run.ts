/** One run under the run lock: resolve the resource manager, run the phases, persist the outcome; `busy` when the lock is held. */

import type { ResourceManager } from '../../clients/resource-manager.ts';
import { serializeFailure } from '../../feed/serialize-failure.ts';
import { type Logger, silentLogger } from '../../ports/ports.ts';
import type { RunLock } from './run-lock.ts';
import { runSync } from './run-sync.ts';
import { nextRunnerState, type RunnerState, runnerStatePlan } from './runner-state-setting.ts';
import type { RunSummary, SyncDirection, SyncProgress, SyncRunnerOptions } from './runner-types.ts';

/** What a run needs from the runner around it. */
export interface RunEnvironment {
  options: SyncRunnerOptions;
  lock: RunLock;
  lockName: string;
  resourceManager(): Promise<ResourceManager>;
  emit(event: SyncProgress): void;
  state(): RunnerState;
  setState(state: RunnerState): void;
}

/**
 * Runs `direction` under the lock and stores the new runner state in the store's settings.
 * Never throws: a failing factory, phase or lock gives status `failed` (`aborted` once the
 * signal has fired); a held lock gives `busy` and changes nothing.
 */
export async function executeRun(env: RunEnvironment, direction: SyncDirection, signal: AbortSignal): Promise<RunSummary> {
  const { options } = env;
  const log: Logger = options.log ?? silentLogger;
  const startedAt = options.now();
  const failed = (error: unknown): RunSummary => ({
    status: signal.aborted ? 'aborted' : 'failed', direction, startedAt, finishedAt: options.now(), error: serializeFailure(error),
  });
  const run = async (): Promise<RunSummary> =>
    await runSync(options, { direction, signal, resourceManager: await env.resourceManager(), emit: env.emit });
  try {
    const locked = await env.lock(env.lockName, async () => {
      const summary = await run().catch(failed);
      env.setState(nextRunnerState(env.state(), summary));
      await options.store.applyBatch(runnerStatePlan(env.state())).catch((error: unknown) => {
        log.warn('could not store the runner state', { message: serializeFailure(error).message });
      });
      return summary;
    });
    if (locked.acquired) return locked.value;
    log.info('a sync run is already going on elsewhere', { instanceId: options.instanceId });
    return { status: 'busy', direction, startedAt, finishedAt: options.now() };
  } catch (error) {
    // The lock itself failed (its database is unreachable): nothing ran.
    return failed(error);
  }
}

/** A resource manager resolved once, on first use; a factory that failed is asked again next time. */
export function lazyResourceManager(given: SyncRunnerOptions['resourceManager']): () => Promise<ResourceManager> {
  let manager: Promise<ResourceManager> | undefined;
  return () => {
    if (manager) return manager;
    const pending = Promise.resolve().then(() => (typeof given === 'function' ? given() : given));
    manager = pending;
    pending.catch(() => { if (manager === pending) manager = undefined; });
    return pending;
  };
}
