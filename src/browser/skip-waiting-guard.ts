/** The service worker's answer to "activate the new version": only when every local change has reached the parent. */

import type { SyncApi } from './sync-api.ts';
import type { SkipWaitingAnswer, UnpushedCounts } from './sw-messages.ts';

/**
 * Counts what is unpushed (pending pushes from the change log and the push marker, push failed
 * events including dead letters, open conflicts) and calls `skipWaiting` only when all are zero
 * and the store is readable. An update must never take over while a tablet holds changes its
 * parent has not received.
 *
 * @example
 * ```ts
 * event.ports[0]?.postMessage(await answerSkipWaiting(api, () => self.skipWaiting()));
 * ```
 */
export async function answerSkipWaiting(
  api: Pick<SyncApi, 'status' | 'failedEvents'>,
  skipWaiting: () => Promise<void>,
): Promise<SkipWaitingAnswer> {
  const status = await api.status();
  if (status.storeError) {
    return { type: 'SKIP_WAITING_ANSWER', activated: false, reason: 'store-error', message: status.storeError.message };
  }
  const pushFailures = (await api.failedEvents()).filter((e) => e.direction === 'push').length;
  const unpushed: UnpushedCounts = { pendingPushes: status.pendingPushes, pushFailures, openConflicts: status.openConflicts };
  if (unpushed.pendingPushes + unpushed.pushFailures + unpushed.openConflicts > 0) {
    return { type: 'SKIP_WAITING_ANSWER', activated: false, reason: 'unpushed', unpushed };
  }
  await skipWaiting();
  return { type: 'SKIP_WAITING_ANSWER', activated: true };
}
