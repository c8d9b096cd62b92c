/** Small test doubles for the client tests: an instant sleep, a SyncError catcher and a manager on the fake parent. */

import { createResourceManager, type ResourceManagerOptions } from '../../../src/core/clients/create-resource-manager.ts';
import type { ResourceManager } from '../../../src/core/clients/resource-manager.ts';
import { SyncError } from '../../../src/core/errors/sync-error.ts';
import type { Sleep } from '../../../src/core/http/sleep.ts';
import { type FakeParent, parentBase } from './_fake-parent.ts';

/** A sleep that returns at once and records its delays. */
export function instantSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => { delays.push(ms); } };
}

/** The SyncError a promise rejects with; throws when it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw new Error(`Expected a SyncError, got ${String(error)}`, { cause: error });
  }
  throw new Error('Expected a SyncError, but the promise resolved');
}

export const credentials = { username: 'admin', password: 'Admin123' };
export const expectedAuthorization = 'Basic YWRtaW46QWRtaW4xMjM=';

/** A manager on `parent` with credentials, instant retries and no jitter randomness. */
export function managerOn(parent: FakeParent, options: Partial<ResourceManagerOptions> = {}): ResourceManager {
  return createResourceManager({
    base: parentBase, fetch: parent.fetch, credentials, sleep: instantSleep().sleep, random: () => 0.5, ...options,
  });
}

/** Requests the fake saw, as `METHOD path?query` relative to the parent base (others keep their URL). */
export function seen(parent: FakeParent): string[] {
  return parent.requests.map((r) => `${r.method} ${r.url.startsWith(parentBase) ? r.url.slice(parentBase.length) : r.url}`);
}
