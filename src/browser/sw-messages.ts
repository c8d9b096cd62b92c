/** Names shared by the page and the service worker: sync tags and the skip-waiting exchange. */

/** Tag of the one-off Background Sync registration (a sync when the network comes back). */
export const backgroundSyncTag = 'openmrs-sync';
/** Tag of the Periodic Background Sync registration. */
export const periodicSyncTag = 'openmrs-sync-periodic';

/** The page asks the waiting service worker to activate. */
export interface SkipWaitingRequest {
  type: 'SKIP_WAITING';
}

/** The waiting service worker's answer: it activates only when nothing is left to push. */
export type SkipWaitingAnswer =
  | { type: 'SKIP_WAITING_ANSWER'; activated: true }
  | { type: 'SKIP_WAITING_ANSWER'; activated: false; reason: 'unpushed'; unpushed: UnpushedCounts }
  | { type: 'SKIP_WAITING_ANSWER'; activated: false; reason: 'store-error'; message: string };

/** What keeps an update waiting: local changes the parent has not received in some form. */
export interface UnpushedCounts {
  /** Objects with change-log rows after the push marker. */
  pendingPushes: number;
  /** Push failed events, dead letters included: their changes never reached the parent. */
  pushFailures: number;
  /** Open conflicts: the local side is still undecided. */
  openConflicts: number;
}

/** True when `data` is a skip-waiting request. */
export function isSkipWaitingRequest(data: unknown): data is SkipWaitingRequest {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING';
}
