/** The push phase the sync runner plugs in: pushAll over the runner's store, resource manager, clock and signal. */

import { isWritable } from '../../clients/resource-manager.ts';
import type { FailurePolicy } from '../../feed/failed-event-policy.ts';
import type { Random } from '../../ports/ports.ts';
import type { ConflictPolicy } from '../conflict/resolve-by-policy.ts';
import type { PushContext } from '../runner/runner-types.ts';
import { pushAll } from './push-all.ts';
import { emptyPushCounts, type PushRunSummary } from './push-types.ts';

/** Settings of the push phase that the runner's context does not carry. */
export interface PushPhaseOptions {
  /** @default 'manual' */
  policy?: ConflictPolicy;
  /** @default the runner config's failurePolicy */
  failurePolicy?: FailurePolicy;
  /** @default Math.random */
  random?: Random;
  /** @default crypto.randomUUID */
  newId?: () => string;
  /** Change-log rows per window. @default 500 */
  windowSize?: number;
  /** @default true */
  deep?: boolean;
}

/**
 * A push phase for `createSyncRunner({ push })`: each call runs {@linkcode pushAll} with the
 * runner's store, resource manager, clock, logger, signal and instance id, the category table and
 * failure policy of its config, and reports progress as `push` events. A resource manager that
 * cannot write (no `readCurrent`/`writeObject`) gives status `failed` with CLIENT_UNAVAILABLE.
 *
 * @example
 * ```ts
 * const runner = await createSyncRunner({ ...options, push: createPushPhase({ policy: 'manual' }) });
 * ```
 */
export function createPushPhase(options: PushPhaseOptions = {}): (context: PushContext) => Promise<PushRunSummary> {
  return async (context) => {
    const manager = context.resourceManager;
    if (!isWritable(manager)) {
      const error = { code: 'CLIENT_UNAVAILABLE', message: 'The resource manager cannot write to the parent (no readCurrent/writeObject)' };
      return { status: 'failed', counts: emptyPushCounts(), markerSeq: 0, retried: 0, error };
    }
    const failurePolicy = options.failurePolicy ?? context.config.failurePolicy;
    const categories = context.config.categories;
    return await pushAll({
      store: context.store, resourceManager: manager, now: context.now, instanceId: context.instanceId, signal: context.signal,
      log: context.log, onProgress: (progress) => context.onProgress(progress),
      ...(options.policy ? { policy: options.policy } : {}), ...(failurePolicy ? { failurePolicy } : {}),
      ...(options.random ? { random: options.random } : {}), ...(options.newId ? { newId: options.newId } : {}),
      ...(options.windowSize ? { windowSize: options.windowSize } : {}), ...(options.deep !== undefined ? { deep: options.deep } : {}),
      ...(categories ? { categories } : {}),
    });
  };
}
