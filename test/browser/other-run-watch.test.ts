import { afterEach, describe, expect, it } from 'vitest';
import { createSyncApi, type SyncApiService } from '../../src/browser/create-sync-api.ts';
import { navigatorRunLock, navigatorRunState, syncRunLockName } from '../../src/browser/navigator-run-lock.ts';
import { watchOtherRuns } from '../../src/browser/other-run-watch.ts';
import type { StatusChannel } from '../../src/browser/sync-api-ports.ts';
import type { BrowserStatus } from '../../src/browser/sync-api.ts';
import type { FetchLike } from '../../src/core/ports/ports.ts';
import { type FakeLockContext, fakeLockOrigin } from './_fake-lock-manager.ts';
import { childPassword, seededParent, tablet, tabletSettings } from './_browser-api-kit.ts';

const open: SyncApiService[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(open.splice(0).map((api) => api.close()));
});

function statusWith(running: boolean): BrowserStatus {
  return {
    configured: true, pendingPushes: 0, failedEvents: 0, deadLetters: 0, openConflicts: 0, objects: {},
    runner: { running, phase: running ? 'pull' : 'idle', consecutiveFailures: 0, scheduled: true },
  };
}

/** A run lock whose holding and end the test decides, recording the waits for its end. */
function manualLock() {
  const waits: { signal: AbortSignal; end(): void }[] = [];
  const lock = {
    isHeld: false,
    held: async () => lock.isHeld,
    ended: (signal: AbortSignal) => new Promise<void>((resolve, reject) => {
      waits.push({ signal, end: resolve });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }),
  };
  return { lock, waits };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const idleRunner = statusWith(false).runner;

describe('watchOtherRuns()', () => {
  it('watchOtherRuns() starts one wait for many "running" statuses, and refreshes when it ends while the other still shows running', async () => {
    const { lock, waits } = manualLock();
    let ended = 0;
    const watch = watchOtherRuns({ lock, onEnded: () => { ended += 1; } });
    watch.seen(statusWith(false));
    expect(waits).toHaveLength(0);
    watch.seen(statusWith(true));
    watch.seen(statusWith(true));
    expect(waits).toHaveLength(1);
    waits[0]?.end();
    await flush();
    expect(ended).toBe(1);
    // The next run seen starts the next wait.
    watch.seen(statusWith(true));
    expect(waits).toHaveLength(2);
    watch.close();
  });

  it('watchOtherRuns() does not refresh when the other context said "idle" itself before the lock was free', async () => {
    const { lock, waits } = manualLock();
    let ended = 0;
    const watch = watchOtherRuns({ lock, onEnded: () => { ended += 1; } });
    watch.seen(statusWith(true));
    watch.seen(statusWith(false));
    waits[0]?.end();
    await flush();
    expect(ended).toBe(0);
    watch.close();
  });

  it('watchOtherRuns() runner() shows a run held by another context, with its last phase and progress, and follows it to its end', async () => {
    const { lock, waits } = manualLock();
    let ended = 0;
    const watch = watchOtherRuns({ lock, onEnded: () => { ended += 1; } });
    expect(await watch.runner(idleRunner)).toBe(idleRunner);
    const ownRun = { ...idleRunner, running: true, phase: 'push' as const };
    lock.isHeld = true;
    expect(await watch.runner(ownRun)).toBe(ownRun);
    expect(waits).toHaveLength(0);
    // Held, and no status from the one holding it yet (a tab opened mid-run).
    expect(await watch.runner(idleRunner)).toEqual({ ...idleRunner, running: true, phase: 'idle' });
    expect(waits).toHaveLength(1);
    const other = statusWith(true);
    other.runner.progress = { phase: 'pull', category: 'patient', done: 40, total: 100 };
    watch.seen(other);
    expect(await watch.runner(idleRunner)).toEqual({ ...idleRunner, running: true, phase: 'pull', progress: other.runner.progress });
    expect(waits).toHaveLength(1);
    lock.isHeld = false;
    waits[0]?.end();
    await flush();
    expect(ended).toBe(1);
    expect(await watch.runner(idleRunner)).toBe(idleRunner);
    watch.close();
  });

  it('watchOtherRuns() close() aborts the wait going on and refreshes nothing afterwards', async () => {
    const { lock, waits } = manualLock();
    let ended = 0;
    const watch = watchOtherRuns({ lock, onEnded: () => { ended += 1; } });
    watch.seen(statusWith(true));
    watch.close();
    expect(waits[0]?.signal.aborted).toBe(true);
    watch.seen(statusWith(true));
    lock.isHeld = true;
    expect(await watch.runner(idleRunner)).toBe(idleRunner);
    await flush();
    expect(waits).toHaveLength(1);
    expect(ended).toBe(0);
  });
});

describe('navigatorRunState()', () => {
  it('navigatorRunState() held() is true only while a run holds the lock exclusively', async () => {
    const origin = fakeLockOrigin();
    const state = navigatorRunState(origin.context().locks);
    expect(await state.held()).toBe(false);
    let release!: () => void;
    const run = navigatorRunLock(origin.context().locks)('sync', () => new Promise<void>((resolve) => { release = resolve; }));
    await flush();
    expect(await state.held()).toBe(true);
    release();
    await run;
    expect(await state.held()).toBe(false);
    // A shared hold (another context's wait for the end) is no run.
    let drop!: () => void;
    void origin.context().locks.request(syncRunLockName, { mode: 'shared' }, () => new Promise<void>((resolve) => { drop = resolve; }));
    await flush();
    expect(await state.held()).toBe(false);
    drop();
  });

  it('navigatorRunState() ended() resolves at once when no run holds the lock, and only once the holder is done otherwise', async () => {
    const origin = fakeLockOrigin();
    const tab = origin.context();
    await navigatorRunState(tab.locks).ended(new AbortController().signal);
    let release!: () => void;
    const run = navigatorRunLock(origin.context().locks)('sync', () => new Promise<void>((resolve) => { release = resolve; }));
    let ended = false;
    const waiting = navigatorRunState(tab.locks).ended(new AbortController().signal).then(() => { ended = true; });
    await flush();
    expect(ended).toBe(false);
    expect(origin.queued(syncRunLockName)).toEqual(['shared']);
    release();
    await waiting;
    expect(await run).toEqual({ acquired: true, value: undefined });
    expect(origin.held(syncRunLockName)).toEqual([]);
  });

  it('navigatorRunState() ended() resolves when the context holding the run lock dies mid-run', async () => {
    const origin = fakeLockOrigin();
    const dying = origin.context();
    void navigatorRunLock(dying.locks)('sync', () => new Promise<void>(() => undefined));
    await flush();
    const waiting = navigatorRunState(origin.context().locks).ended(new AbortController().signal);
    dying.die();
    await waiting;
    // The lock is free again: the next run takes it.
    expect(await navigatorRunLock(origin.context().locks)('sync', async () => 'ran')).toEqual({ acquired: true, value: 'ran' });
  });

  it('navigatorRunState() ended() rejects with the signal\'s reason when it fires first, leaving nothing queued', async () => {
    const origin = fakeLockOrigin();
    void navigatorRunLock(origin.context().locks)('sync', () => new Promise<void>(() => undefined));
    await flush();
    const controller = new AbortController();
    const waiting = navigatorRunState(origin.context().locks).ended(controller.signal);
    controller.abort(new DOMException('closed', 'AbortError'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(origin.queued(syncRunLockName)).toEqual([]);
  });
});

/** A channel that goes silent at once, as a closed tab's does: no "idle" status ever leaves it. */
function killableChannel(name: string): StatusChannel & { kill(): void } {
  const channel = new BroadcastChannel(name);
  let dead = false;
  return {
    postMessage: (message) => { if (!dead) channel.postMessage(message); },
    addEventListener: (type, listener) => channel.addEventListener(type, (event) => { if (!dead) listener(event); }),
    close: () => channel.close(),
    kill() {
      dead = true;
      channel.close();
    },
  };
}

/** A fetch that holds feed reads while `held` (until released or aborted). */
function holdingFeeds(fetch: FetchLike) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => { arrived = resolve; });
  const held: FetchLike = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes('/ws/atomfeed/')) {
      arrived();
      await new Promise<void>((resolve, reject) => {
        void opened.then(resolve);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    return fetch(input, init);
  };
  return { fetch: held, reached, release: open };
}

describe('tabs of one origin when the one syncing is closed mid-run', () => {
  it('the other tabs show the run while its lock is held, and stop once it is free though no "idle" status came', async () => {
    const parent = await seededParent(1);
    const feeds = holdingFeeds(parent.fetch);
    cleanups.push(feeds.release);
    const origin = fakeLockOrigin();
    const name = `sync-status-closed-tab-${Math.random()}`;
    const t = tablet(feeds.fetch);
    const tabOf = async (context: FakeLockContext, channel: StatusChannel): Promise<SyncApiService> => {
      const api = await createSyncApi({
        ...t.ports, runLock: navigatorRunLock(context.locks), runState: navigatorRunState(context.locks), openChannel: () => channel,
      });
      open.push(api);
      return api;
    };
    const contextA = origin.context();
    const channelA = killableChannel(name);
    const tabA = await tabOf(contextA, channelA);
    const tabB = await tabOf(origin.context(), new BroadcastChannel(name));
    const seenByB: BrowserStatus[] = [];
    await tabB.subscribe((status) => { seenByB.push(status); });

    // Signing in starts A's schedule: its first run takes the lock and is held at its first feed read.
    expect(await tabA.configure(tabletSettings(), childPassword)).toMatchObject({ ok: true });
    await feeds.reached;
    expect(origin.held(syncRunLockName)).toEqual(['exclusive']);
    await expect.poll(() => seenByB.at(-1)?.runner).toMatchObject({ running: true, phase: 'pull' });
    // A tab opened now shows the run too, before any status of A reaches it.
    const tabD = await tabOf(origin.context(), new BroadcastChannel(name));
    expect((await tabD.status()).runner.running).toBe(true);

    // Tab A is closed: its channel falls silent and the browser releases its lock.
    channelA.kill();
    contextA.die();
    await expect.poll(() => seenByB.at(-1)?.runner.running).toBe(false);
    expect(seenByB.at(-1)).toMatchObject({ configured: true, runner: { phase: 'idle' } });
    expect(seenByB.at(-1)?.runner.progress).toBeUndefined();
    expect(origin.held(syncRunLockName)).toEqual([]);
    expect((await tabD.status()).runner.running).toBe(false);
  });

  it('a tab shows the outcomes another tab\'s run stored, not those its own runner saw last', async () => {
    const parent = await seededParent(1);
    const origin = fakeLockOrigin();
    const name = `sync-status-outcomes-${Math.random()}`;
    // A clock that moves on every reading: each run ends at a time of its own.
    let clock = Date.now();
    const t = tablet(parent.fetch, { now: () => (clock += 1) });
    const tabOf = async (): Promise<SyncApiService> => {
      const context = origin.context();
      const api = await createSyncApi({
        ...t.ports, runLock: navigatorRunLock(context.locks), runState: navigatorRunState(context.locks), openChannel: () => new BroadcastChannel(name),
      });
      open.push(api);
      return api;
    };
    const tabA = await tabOf();
    const tabB = await tabOf();
    expect(await tabA.configure(tabletSettings(), childPassword)).toMatchObject({ ok: true });
    await expect.poll(async () => (await tabB.status()).configured).toBe(true);
    await expect.poll(async () => (await tabA.status()).runner.running).toBe(false);
    const first = (await tabA.status()).runner.lastPull;
    expect(first?.status).toBe('ok');
    await expect.poll(async () => (await tabB.status()).runner.lastPull).toEqual(first);
    // A syncs again: B, whose runner never ran, shows the new outcome.
    await tabA.syncNow();
    const second = (await tabA.status()).runner.lastPull;
    expect(second?.at).toBeGreaterThan(first?.at ?? Infinity);
    expect((await tabB.status()).runner.lastPull).toEqual(second);
  });
});
