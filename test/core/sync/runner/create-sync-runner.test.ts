import { describe, expect, it } from 'vitest';
import { SyncError } from '../../../../src/core/errors/sync-error.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../../src/core/store/store-port.ts';
import { createSyncRunner } from '../../../../src/core/sync/runner/create-sync-runner.ts';
import { createInProcessRunLock } from '../../../../src/core/sync/runner/run-lock.ts';
import type { PushContext, SyncProgress, SyncRunnerOptions } from '../../../../src/core/sync/runner/runner-types.ts';
import { instantSleep } from '../../http/_fake-http.ts';
import { createFakeNetwork, type FakeNetwork, uuidOf } from '../pull/_fake-network.ts';
import { childState, fakeClock, parentState } from '../pull/_pull-kit.ts';
import { gate, runnerConfig } from './_runner-kit.ts';

function networkWith(count: number, pageSize = 4): FakeNetwork {
  const network = createFakeNetwork({ pageSize });
  for (let i = 0; i < count; i += 1) network.create('patient', uuidOf(i));
  return network;
}

function runnerOptions(network: FakeNetwork, store: SyncStore, extra: Partial<SyncRunnerOptions> = {}): SyncRunnerOptions {
  return {
    store, resourceManager: network.resourceManager, config: runnerConfig(), fetch: network.fetch, now: fakeClock(5_000).now,
    random: () => 0.5, sleep: instantSleep().sleep, instanceId: 'child-1', ...extra,
  };
}

describe('createSyncRunner()', () => {
  it('syncOnce() pulls, and its outcome is in status() of a runner created later on the same store', async () => {
    const network = networkWith(6);
    const store = createMemoryStore();
    const runner = await createSyncRunner(runnerOptions(network, store));
    const summary = await runner.syncOnce();
    expect(summary).toMatchObject({ status: 'ok', direction: 'both', pull: { status: 'ok', counts: { applied: 6 } } });
    expect(await childState(store)).toEqual(parentState(network));
    const restarted = await createSyncRunner(runnerOptions(network, store));
    expect(restarted.status()).toEqual({
      running: false, phase: 'idle', lastPull: { status: 'ok', at: 5_000 }, consecutiveFailures: 0, scheduled: false,
    });
  });

  it('syncOnce() while a run is going on joins it; another runner on the same lock answers busy', async () => {
    const network = networkWith(6);
    const store = createMemoryStore();
    const held = gate();
    network.resourceManager.gate = held.pass;
    const runLock = createInProcessRunLock();
    const runner = await createSyncRunner(runnerOptions(network, store, { runLock }));
    const other = await createSyncRunner(runnerOptions(network, store, { runLock }));
    const first = runner.syncOnce();
    await held.reached;
    const second = runner.syncOnce({ direction: 'pull' });
    expect(second).toBe(first);
    expect(runner.status()).toMatchObject({ running: true, phase: 'pull', progress: { category: 'patient' } });
    expect(await other.syncOnce()).toMatchObject({ status: 'busy' });
    held.open();
    expect((await first).status).toBe('ok');
    expect(network.resourceManager.calls).toHaveLength(2);
    expect(runner.status().running).toBe(false);
  });

  it('onProgress() gets the phase, category, entries done and an estimated total, then idle', async () => {
    const network = networkWith(10);
    const runner = await createSyncRunner(runnerOptions(network, createMemoryStore()));
    const events: SyncProgress[] = [];
    const unsubscribe = runner.onProgress((p) => events.push(p));
    await runner.syncOnce();
    const context = { phase: 'pull', category: 'patient', categoryIndex: 0, categoryCount: 1 };
    expect(events).toEqual([
      { ...context, done: 0 }, { ...context, done: 4, total: 12 }, { ...context, done: 8, total: 12 }, { ...context, done: 10, total: 10 },
      { phase: 'idle', done: 0 },
    ]);
    unsubscribe();
    await runner.syncOnce();
    expect(events).toHaveLength(5);
  });

  it('syncOnce() cancelled by its signal leaves no half page, counts no failure, and the next run resumes', async () => {
    const network = networkWith(14);
    const store = createMemoryStore();
    const controller = new AbortController();
    // Asked for page 4's objects (looking two pages ahead) once page 2 is taken: page 1 is written, page 2 is not.
    network.resourceManager.gate = async () => {
      if (network.resourceManager.calls.at(-1)?.[0]?.uuid === uuidOf(12)) controller.abort();
    };
    const runner = await createSyncRunner(runnerOptions(network, store, { config: { ...runnerConfig(), prefetch: 2 } }));
    const aborted = await runner.syncOnce({ signal: controller.signal });
    expect(aborted).toMatchObject({ status: 'aborted', pull: { status: 'aborted' } });
    expect(Object.keys(await childState(store))).toHaveLength(4);
    expect(runner.status()).toMatchObject({ lastPull: { status: 'aborted' }, consecutiveFailures: 0 });
    network.resourceManager.gate = undefined;
    expect((await runner.syncOnce()).status).toBe('ok');
    expect(await childState(store)).toEqual(parentState(network));
    expect(await store.countChanges('patient')).toBe(14);
  });

  it('stop() cancels the running run and resolves when it has ended', async () => {
    const network = networkWith(6);
    const held = gate();
    network.resourceManager.gate = (signal) => Promise.race([held.pass(), new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()))]);
    const runner = await createSyncRunner(runnerOptions(network, createMemoryStore()));
    const run = runner.syncOnce();
    await held.reached;
    await runner.stop();
    expect((await run).status).toBe('aborted');
    expect(runner.status()).toMatchObject({ running: false, scheduled: false, phase: 'idle' });
  });

  it('syncOnce() runs the plugged-in push after the pull, and not after a refused credential', async () => {
    const network = networkWith(2);
    const contexts: PushContext[] = [];
    const push = async (context: PushContext) => {
      contexts.push(context);
      context.onProgress({ done: 1, total: 1 });
      return { status: 'ok' as const, pushed: 1 };
    };
    const store = createMemoryStore();
    const runner = await createSyncRunner(runnerOptions(network, store, { push }));
    const events: SyncProgress[] = [];
    runner.onProgress((p) => events.push(p));
    expect(await runner.syncOnce()).toMatchObject({ status: 'ok', push: { status: 'ok', pushed: 1 } });
    expect(contexts[0]).toMatchObject({ instanceId: 'child-1', store });
    expect(events.at(-2)).toEqual({ phase: 'push', done: 1, total: 1 });
    expect((await runner.syncOnce({ direction: 'pull' })).push).toBeUndefined();
    expect(contexts).toHaveLength(1);

    network.create('patient', 'new');
    network.resourceManager.throwing = () => new SyncError('PARENT_UNAUTHORIZED', { details: { status: 401 } });
    const refused = await runner.syncOnce();
    expect(refused).toMatchObject({ status: 'unauthorized', error: { code: 'PARENT_UNAUTHORIZED' } });
    expect(contexts).toHaveLength(1);
    expect(runner.status()).toMatchObject({
      lastPull: { status: 'unauthorized', error: { code: 'PARENT_UNAUTHORIZED' } }, lastPush: { status: 'ok' },
      lastError: { code: 'PARENT_UNAUTHORIZED', at: 5_000 }, consecutiveFailures: 1,
    });
  });

  it('syncOnce() asks a resource manager factory once, and again only after it failed', async () => {
    const network = networkWith(1);
    let asked = 0;
    const factory = async () => {
      asked += 1;
      if (asked === 1) throw new SyncError('CONFIG_INVALID');
      return network.resourceManager;
    };
    const runner = await createSyncRunner(runnerOptions(network, createMemoryStore(), { resourceManager: factory }));
    expect(await runner.syncOnce()).toMatchObject({ status: 'failed', error: { code: 'CONFIG_INVALID' } });
    expect((await runner.syncOnce()).status).toBe('ok');
    expect((await runner.syncOnce()).status).toBe('ok');
    expect(asked).toBe(2);
  });

  it('syncOnce() answers failed when the run lock itself fails', async () => {
    const network = networkWith(1);
    const runLock = async () => { throw new SyncError('STORE_UNAVAILABLE'); };
    const runner = await createSyncRunner(runnerOptions(network, createMemoryStore(), { runLock }));
    expect(await runner.syncOnce()).toMatchObject({ status: 'failed', error: { code: 'STORE_UNAVAILABLE' } });
    expect(runner.status().running).toBe(false);
  });
});
