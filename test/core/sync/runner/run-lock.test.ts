import { describe, expect, it } from 'vitest';
import { createInProcessRunLock } from '../../../../src/core/sync/runner/run-lock.ts';
import { gate } from './_runner-kit.ts';

describe('createInProcessRunLock()', () => {
  it('createInProcessRunLock() refuses a second holder of the same name until the first is done', async () => {
    const lock = createInProcessRunLock();
    const held = gate();
    const first = lock('sync', async () => { await held.pass(); return 'first'; });
    await held.reached;
    expect(await lock('sync', async () => 'second')).toEqual({ acquired: false });
    expect(await lock('other', async () => 'other')).toEqual({ acquired: true, value: 'other' });
    held.open();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await lock('sync', async () => 'third')).toEqual({ acquired: true, value: 'third' });
  });

  it('createInProcessRunLock() releases the lock when the function throws', async () => {
    const lock = createInProcessRunLock();
    await expect(lock('sync', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await lock('sync', async () => 1)).toEqual({ acquired: true, value: 1 });
  });
});
