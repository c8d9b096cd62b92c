import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../../src/core/store/memory-store.ts';
import { createSyncRunner } from '../../../../src/core/sync/runner/create-sync-runner.ts';
import { createFakeNetwork, uuidOf } from '../pull/_fake-network.ts';
import { childState, fakeClock, parentState } from '../pull/_pull-kit.ts';
import { manualSleep, runnerConfig } from './_runner-kit.ts';

describe('createSyncRunner() schedule', () => {
  it('start() runs now, then per interval, backing off exponentially (capped) after failures and resetting after a success', async () => {
    const network = createFakeNetwork();
    network.create('patient', uuidOf(1));
    const feed = network.feeds.get('patient');
    network.feeds.delete('patient');
    const clock = fakeClock(0);
    const { sleep, next } = manualSleep();
    const store = createMemoryStore();
    const runner = await createSyncRunner({
      store, resourceManager: network.resourceManager, config: runnerConfig({ scheduleSeconds: 60, maxBackoffSeconds: 400 }),
      fetch: network.fetch, now: clock.now, random: () => 1, sleep, instanceId: 'child-1',
    });
    runner.start();
    runner.start();
    const delays: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const wait = await next();
      delays.push(wait.ms);
      expect(runner.status()).toMatchObject({ scheduled: true, nextRunAt: clock.now() + wait.ms, running: false });
      if (run === 4) network.feeds.set('patient', feed as NonNullable<typeof feed>);
      clock.advance(wait.ms);
      wait.release();
    }
    const afterSuccess = await next();
    delays.push(afterSuccess.ms);
    expect(delays).toEqual([0, 120_000, 240_000, 400_000, 400_000, 60_000]);
    expect(runner.status()).toMatchObject({ consecutiveFailures: 0, lastPull: { status: 'ok' }, lastError: { code: 'HTTP_ERROR' } });
    expect(await childState(store)).toEqual(parentState(network));
    await runner.stop();
    expect(runner.status()).toMatchObject({ scheduled: false });
    expect(runner.status().nextRunAt).toBeUndefined();
  });

  it('start() resumes the backoff from the failures a restarted runner finds in the store', async () => {
    const network = createFakeNetwork();
    network.feeds.delete('patient');
    const store = createMemoryStore();
    const options = { store, resourceManager: network.resourceManager, fetch: network.fetch, now: () => 0, random: () => 1, instanceId: 'c' };
    const first = await createSyncRunner({ ...options, config: runnerConfig(), sleep: manualSleep().sleep });
    await first.syncOnce();
    await first.syncOnce();
    const { sleep, next } = manualSleep();
    const restarted = await createSyncRunner({ ...options, config: runnerConfig(), sleep });
    expect(restarted.status().consecutiveFailures).toBe(2);
    restarted.start();
    (await next()).release();
    expect((await next()).ms).toBe(400_000);
    await restarted.stop();
  });

  it('start() refuses a schedule that is not a positive number of seconds', async () => {
    const network = createFakeNetwork();
    const runner = await createSyncRunner({
      store: createMemoryStore(), resourceManager: network.resourceManager, config: runnerConfig({ scheduleSeconds: 0 }),
      fetch: network.fetch, now: () => 0, instanceId: 'c',
    });
    expect(() => runner.start()).toThrow(RangeError);
    expect(runner.status().scheduled).toBe(false);
  });
});
