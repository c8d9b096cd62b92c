import { describe, expect, it } from 'vitest';
import { defaultSleep } from '../../../src/core/http/sleep.ts';
import { rejectionOf } from './_fake-http.ts';

describe('defaultSleep()', () => {
  it('defaultSleep() resolves after its delay', async () => {
    await expect(defaultSleep(1)).resolves.toBeUndefined();
  });

  it('defaultSleep() rejects with ABORTED when the signal aborts while waiting', async () => {
    const controller = new AbortController();
    const waiting = defaultSleep(60_000, controller.signal);
    controller.abort('stop');
    const error = await rejectionOf(waiting);
    expect(error.code).toBe('ABORTED');
    expect(error.cause).toBe('stop');
  });

  it('defaultSleep() rejects at once for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await rejectionOf(defaultSleep(60_000, controller.signal))).code).toBe('ABORTED');
  });
});
