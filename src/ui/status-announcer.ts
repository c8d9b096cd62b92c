/** Says status changes out loud: a sync starting, changing phase, ending; a store problem appearing. */

import type { BrowserStatus } from '../browser/sync-api.ts';
import { explainFailure } from './explain-failure.ts';

/**
 * A status listener that announces transitions only (never progress ticks, which would drown a
 * screen reader).
 *
 * @example
 * ```ts
 * feed.listen(statusAnnouncer(announce));
 * ```
 */
export function statusAnnouncer(announce: (message: string) => void): (status: BrowserStatus) => void {
  let previous: BrowserStatus | undefined;
  return (status) => {
    const before = previous;
    previous = status;
    if (status.storeError && status.storeError.code !== before?.storeError?.code) {
      return announce(`Problem with the data on this tablet: ${explainFailure(status.storeError).title}`);
    }
    if (!before) return;
    const was = before.runner;
    const now = status.runner;
    if (now.running && (!was.running || was.phase !== now.phase)) {
      if (now.phase === 'pull') return announce('Sync: receiving changes from the parent');
      if (now.phase === 'push') return announce('Sync: sending changes to the parent');
      return announce('Sync started');
    }
    if (was.running && !now.running) {
      announce(now.lastError && now.lastError.at >= Math.max(now.lastPull?.at ?? 0, now.lastPush?.at ?? 0)
        ? `Sync ended with a problem: ${explainFailure(now.lastError).title}`
        : 'Sync finished');
    }
  };
}
