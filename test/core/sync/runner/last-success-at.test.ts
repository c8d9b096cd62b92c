import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourceManager } from '../../../../src/core/clients/resource-manager.ts';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import { createSyncRunner } from '../../../../src/core/sync/runner/create-sync-runner.ts';
import { lastSuccessAt } from '../../../../src/core/sync/runner/last-success-at.ts';
import { nextRunnerState, type RunnerState } from '../../../../src/core/sync/runner/runner-state-setting.ts';
import type { PhaseOutcome, PushSummary, RunSummary, SyncRunnerOptions } from '../../../../src/core/sync/runner/runner-types.ts';
import { runnerConfig } from './_runner-kit.ts';

type PhaseStatus = PhaseOutcome['status'];

/** A run summary where only the push phase ran, ending `status` at `at`. */
function pushRun(status: PhaseStatus, at: number): RunSummary {
  return { status, direction: 'push', startedAt: at - 1, finishedAt: at, push: { status } };
}

describe('lastSuccessAt()', () => {
  it('lastSuccessAt() is the time of the outcome itself for ok and partial, the carried time otherwise', () => {
    expect(lastSuccessAt({ status: 'ok', at: 9 })).toBe(9);
    expect(lastSuccessAt({ status: 'partial', at: 9 })).toBe(9);
    expect(lastSuccessAt({ status: 'failed', at: 9, lastSuccessAt: 4 })).toBe(4);
    expect(lastSuccessAt({ status: 'unauthorized', at: 9 })).toBeUndefined();
    expect(lastSuccessAt(undefined)).toBeUndefined();
  });

  it('nextRunnerState() keeps the last success of a direction across failed, refused and aborted phases', () => {
    let state: RunnerState = { consecutiveFailures: 0 };
    state = nextRunnerState(state, pushRun('ok', 1_000));
    expect(state.lastPush).toEqual({ status: 'ok', at: 1_000 });
    state = nextRunnerState(state, pushRun('failed', 2_000));
    state = nextRunnerState(state, pushRun('aborted', 3_000));
    state = nextRunnerState(state, pushRun('unauthorized', 4_000));
    expect(state.lastPush).toEqual({ status: 'unauthorized', at: 4_000, lastSuccessAt: 1_000 });
    state = nextRunnerState(state, pushRun('partial', 5_000));
    expect(state.lastPush).toEqual({ status: 'partial', at: 5_000 });
    // The other direction did not run: it keeps what it had (nothing).
    expect(state.lastPull).toBeUndefined();
  });

  it('nextRunnerState(): the last success of a direction is the time of its last ok or partial phase, for any sequence', () => {
    const statuses = fc.constantFrom<PhaseStatus>('ok', 'partial', 'failed', 'unauthorized', 'aborted');
    fc.assert(fc.property(fc.array(statuses, { maxLength: 20 }), (sequence) => {
      let state: RunnerState = { consecutiveFailures: 0 };
      let expected: number | undefined;
      sequence.forEach((status, i) => {
        const at = (i + 1) * 1_000;
        state = nextRunnerState(state, pushRun(status, at));
        if (status === 'ok' || status === 'partial') expected = at;
      });
      expect(lastSuccessAt(state.lastPush)).toBe(expected);
      // The field is only there when it says something the outcome does not.
      if (state.lastPush?.status === 'ok' || state.lastPush?.status === 'partial') expect(state.lastPush).not.toHaveProperty('lastSuccessAt');
    }));
  });
});

describe('createSyncRunner() and the last success', () => {
  it('status() of a runner created later on the same store still knows when the push last succeeded', async () => {
    const store = createMemoryStore();
    let clock = 10_000;
    let next: PushSummary['status'] = 'ok';
    const options: SyncRunnerOptions = {
      store, resourceManager: {} as ResourceManager, config: runnerConfig({ pull: { enabled: false } }),
      fetch: async () => new Response('unused', { status: 500 }), now: () => clock, instanceId: 'child-1',
      push: async () => ({ status: next }),
    };
    const runner = await createSyncRunner(options);
    await runner.syncOnce();
    clock = 70_000;
    next = 'failed';
    await runner.syncOnce();
    expect(runner.status().lastPush).toEqual({ status: 'failed', at: 70_000, lastSuccessAt: 10_000 });
    const restarted = await createSyncRunner(options);
    expect(restarted.status().lastPush).toEqual({ status: 'failed', at: 70_000, lastSuccessAt: 10_000 });
    clock = 90_000;
    await restarted.syncOnce();
    expect(lastSuccessAt(restarted.status().lastPush)).toBe(10_000);
  });
});
