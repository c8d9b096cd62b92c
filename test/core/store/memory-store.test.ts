import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import { expectSyncError, obj } from './_contract-fixtures.ts';
import { runStoreContract } from './store-contract.ts';

runStoreContract('memory', async () => createMemoryStore());

describe('createMemoryStore()', () => {
  it('rejects every call after close() with STORE_UNAVAILABLE', async () => {
    const store = createMemoryStore();
    await store.close();
    await expectSyncError(store.getObject('patient', 'x'), 'STORE_UNAVAILABLE');
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 1)] }), 'STORE_UNAVAILABLE');
  });

  it('rejects a plan holding values that cannot be copied, writing nothing', async () => {
    const store = createMemoryStore();
    const body = { fn: () => 1 } as never;
    await expectSyncError(store.applyBatch({ objects: [obj('patient', 1), obj('patient', 2, { body })] }), 'STORE_BATCH_INVALID');
    expect(await store.countObjects()).toEqual({});
  });
});
