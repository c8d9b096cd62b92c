// The run lock an edge node's runner uses: the store's database lock when it has one, else an in-process lock.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { runLockOf } from '../../../src/edge/child/run-lock-of.ts';

describe('runLockOf()', () => {
  it('runLockOf() uses the store\'s withRunLock when it has one', async () => {
    const names: string[] = [];
    const store = Object.assign(createMemoryStore(), {
      withRunLock: async <T>(name: string, fn: () => Promise<T>) => { names.push(name); return { acquired: true as const, value: await fn() }; },
    });
    expect(await runLockOf(store)('sync', async () => 7)).toEqual({ acquired: true, value: 7 });
    expect(names).toEqual(['sync']);
  });

  it('runLockOf() keeps two runs of a memory store apart in this process', async () => {
    const lock = runLockOf(createMemoryStore());
    let release!: () => void;
    const first = lock('sync', () => new Promise<string>((resolve) => { release = () => resolve('first'); }));
    expect(await lock('sync', async () => 'second')).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await lock('sync', async () => 'third')).toEqual({ acquired: true, value: 'third' });
  });
});
