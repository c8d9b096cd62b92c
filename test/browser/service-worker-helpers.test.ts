import { describe, expect, it } from 'vitest';
import { runBackgroundSync } from '../../src/browser/background-sync-run.ts';
import { answerSkipWaiting } from '../../src/browser/skip-waiting-guard.ts';
import type { BrowserStatus, SyncApi } from '../../src/browser/sync-api.ts';
import { startSyncTriggers } from '../../src/browser/sync-triggers.ts';
import { SyncError } from '../../src/core/errors/sync-error.ts';
import type { FailedEvent } from '../../src/core/store/store-port.ts';
import type { RunSummary } from '../../src/core/sync/runner/runner-types.ts';
import { failedEvent } from '../core/store/_contract-fixtures.ts';

/** Timers run by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (fn: () => void) => { pending.set(next, fn); return next++; },
    clearTimer: (handle: unknown) => { pending.delete(handle as number); },
    fireAll: () => { for (const [id, fn] of [...pending]) { pending.delete(id); fn(); } },
    count: () => pending.size,
  };
}

const summary = (status: RunSummary['status']): RunSummary => ({ status, direction: 'both', startedAt: 1, finishedAt: 2 });

describe('runBackgroundSync()', () => {
  it('runBackgroundSync() stops the run at the deadline and says it was cut short', async () => {
    const timers = manualTimers();
    let finish!: (s: RunSummary) => void;
    let stopped = 0;
    const api = { syncNow: () => new Promise<RunSummary>((resolve) => { finish = resolve; }), stop: async () => { stopped += 1; finish(summary('aborted')); } };
    const outcome = runBackgroundSync(api, { deadlineMs: 1_000, setTimer: timers.setTimer, clearTimer: timers.clearTimer });
    timers.fireAll();
    expect(await outcome).toEqual({ kind: 'ran', summary: summary('aborted'), cutShort: true });
    expect(stopped).toBe(1);
  });

  it('runBackgroundSync() leaves a run that ends in time alone, and treats a signed-out tablet as nothing to do', async () => {
    const timers = manualTimers();
    const ended = await runBackgroundSync({ syncNow: async () => summary('ok'), stop: async () => undefined }, timers);
    expect(ended).toEqual({ kind: 'ran', summary: summary('ok'), cutShort: false });
    expect(timers.count()).toBe(0);
    const signedOut = await runBackgroundSync({ syncNow: async () => { throw new SyncError('NOT_CONFIGURED'); }, stop: async () => undefined }, timers);
    expect(signedOut).toEqual({ kind: 'not-configured' });
  });
});

describe('answerSkipWaiting()', () => {
  const status = (over: Partial<BrowserStatus>): BrowserStatus => ({
    configured: true, runner: { running: false, phase: 'idle', consecutiveFailures: 0, scheduled: false },
    pendingPushes: 0, failedEvents: 0, deadLetters: 0, openConflicts: 0, objects: {}, ...over,
  });
  const apiWith = (s: BrowserStatus, failed: FailedEvent[] = []): Pick<SyncApi, 'status' | 'failedEvents'> => ({ status: async () => s, failedEvents: async () => failed });

  it('answerSkipWaiting() activates only when nothing is unpushed', async () => {
    let skipped = 0;
    const skip = async () => { skipped += 1; };
    expect(await answerSkipWaiting(apiWith(status({})), skip)).toEqual({ type: 'SKIP_WAITING_ANSWER', activated: true });
    expect(skipped).toBe(1);
    const pending = await answerSkipWaiting(apiWith(status({ pendingPushes: 2 }), [failedEvent('pull:x')]), skip);
    expect(pending).toMatchObject({ activated: false, reason: 'unpushed', unpushed: { pendingPushes: 2, pushFailures: 0, openConflicts: 0 } });
    const failedPush = await answerSkipWaiting(apiWith(status({ deadLetters: 1 }), [failedEvent('push:x', { direction: 'push', dead: true })]), skip);
    expect(failedPush).toMatchObject({ activated: false, unpushed: { pushFailures: 1 } });
    const conflicted = await answerSkipWaiting(apiWith(status({ openConflicts: 1 })), skip);
    expect(conflicted).toMatchObject({ activated: false, unpushed: { openConflicts: 1 } });
    const broken = await answerSkipWaiting(apiWith(status({ storeError: { code: 'STORE_UNAVAILABLE', message: 'closed' } })), skip);
    expect(broken).toMatchObject({ activated: false, reason: 'store-error' });
    expect(skipped).toBe(1);
  });
});

describe('startSyncTriggers()', () => {
  it('startSyncTriggers() syncs when back online and when the tab becomes visible, until stopped', async () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
    let syncs = 0;
    const stop = startSyncTriggers({ syncNow: async () => { syncs += 1; throw new SyncError('NOT_CONFIGURED'); }, window: win, document: doc });
    win.dispatchEvent(new Event('online'));
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(syncs).toBe(1);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(syncs).toBe(2);
    stop();
    win.dispatchEvent(new Event('online'));
    expect(syncs).toBe(2);
  });
});
