// The run lock as other contexts see it, with Chromium's Web Locks: a worker that dies mid-run (terminated) frees the lock, and a tab that saw it running stops showing the run.
import { afterAll, describe, expect, it } from 'vitest';
import { createSyncApi, type SyncApiService } from '../../src/browser/create-sync-api.ts';
import { globalSyncPorts } from '../../src/browser/global-sync-ports.ts';
import { navigatorRunLock, navigatorRunState } from '../../src/browser/navigator-run-lock.ts';
import type { BrowserStatus } from '../../src/browser/sync-api.ts';
import { deleteDatabase } from './_fresh-chromium-store.ts';

// Names of their own: other suites of this run use the app's lock, channel and databases.
const suffix = `${Date.now()}`;
const lockName = `openmrs-sync-run-test-${suffix}`;
const channelName = `sync-status-test-${suffix}`;
const storeName = `openmrs-sync-test-${suffix}`;
const keyStoreName = `openmrs-sync-keys-test-${suffix}`;

const workers: Worker[] = [];
let api: SyncApiService | undefined;
afterAll(async () => {
  for (const worker of workers) worker.terminate();
  await api?.close();
  await deleteDatabase(storeName);
  await deleteDatabase(keyStoreName);
});

/**
 * Another context of the origin in the middle of a run: a worker that takes the run lock, says on
 * the status channel that it is running, and never finishes. Resolves once it holds the lock.
 */
async function runningWorker(status?: BrowserStatus): Promise<Worker> {
  const code = `onmessage = (event) => {
    const { lockName, channelName, status } = event.data;
    navigator.locks.request(lockName, () => {
      if (status) new BroadcastChannel(channelName).postMessage({ type: 'openmrs-sync-status', status });
      postMessage('holding');
      return new Promise(() => {});
    });
  };`;
  const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  workers.push(worker);
  const holding = new Promise<void>((resolve) => worker.addEventListener('message', () => resolve(), { once: true }));
  worker.postMessage({ lockName, channelName, status });
  await holding;
  return worker;
}

function runningStatus(): BrowserStatus {
  return {
    configured: true, pendingPushes: 0, failedEvents: 0, deadLetters: 0, openConflicts: 0, objects: {},
    runner: { running: true, phase: 'pull', progress: { phase: 'pull', category: 'patient', done: 10, total: 50 }, consecutiveFailures: 0, scheduled: true },
  };
}

describe('navigatorRunState() in Chromium', () => {
  it('held() sees the run lock of another context; ended() resolves when that context is terminated mid-run', async () => {
    const state = navigatorRunState(navigator.locks, { name: lockName });
    expect(await state.held()).toBe(false);
    const worker = await runningWorker();
    expect(await state.held()).toBe(true);
    let ended = false;
    const waiting = state.ended(new AbortController().signal).then(() => { ended = true; });
    // Still held: the wait is queued behind the run.
    expect((await navigator.locks.query()).pending?.some((l) => l.name === lockName && l.mode === 'shared')).toBe(true);
    expect(ended).toBe(false);
    worker.terminate();
    await waiting;
    expect(await state.held()).toBe(false);
  });
});

describe('a tab whose status shows another context\'s run', () => {
  it('shows the run while that context holds the lock, and idle once the context is terminated without a last status', async () => {
    api = await createSyncApi({
      ...globalSyncPorts({ storeName, keyStoreName, push: null }),
      runLock: navigatorRunLock(navigator.locks, { name: lockName }),
      runState: navigatorRunState(navigator.locks, { name: lockName }),
      openChannel: () => new BroadcastChannel(channelName),
    });
    const seen: BrowserStatus[] = [];
    await api.subscribe((status) => { seen.push(status); });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)?.runner.running).toBe(false);

    const worker = await runningWorker(runningStatus());
    await expect.poll(() => seen.at(-1)?.runner).toMatchObject({ running: true, phase: 'pull', progress: { done: 10, total: 50 } });
    expect((await api.status()).runner).toMatchObject({ running: true, phase: 'pull' });
    worker.terminate();
    await expect.poll(() => seen.at(-1)?.runner.running).toBe(false);
    expect(seen.at(-1)?.runner.progress).toBeUndefined();
  });
});
