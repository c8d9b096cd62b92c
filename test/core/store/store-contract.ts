/** The SyncStore contract: one vitest suite that every store (memory, Dexie, SQL) must pass unchanged. */

import { afterEach, beforeEach, describe } from 'vitest';
import type { SyncStore } from '../../../src/core/store/store-port.ts';
import { auditContract } from './_contract-audit.ts';
import { batchContract } from './_contract-batch.ts';
import { changeLogContract } from './_contract-changes.ts';
import { objectContract } from './_contract-objects.ts';
import { recordsContract } from './_contract-records.ts';

/**
 * Registers the contract suite for a store. Each test gets a fresh store from `makeStore` and
 * closes it afterwards (in `afterEach`: the Deno shim runs no `afterAll`). Only the port's
 * behaviour is tested, so a slow-to-open store costs one open per test (about 35).
 *
 * @example Run the contract against the memory store
 * ```ts
 * runStoreContract('memory', async () => createMemoryStore());
 * ```
 */
export function runStoreContract(name: string, makeStore: () => Promise<SyncStore>): void {
  describe(`SyncStore contract: ${name}`, () => {
    let current: SyncStore | undefined;
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    const store = (): SyncStore => {
      if (!current) throw new Error('The contract store is not open');
      return current;
    };
    describe('objects', () => objectContract(store));
    describe('change log', () => changeLogContract(store));
    describe('markers, failed events, conflicts, settings', () => recordsContract(store));
    describe('audit', () => auditContract(store));
    describe('applyBatch', () => batchContract(store));
  });
}
