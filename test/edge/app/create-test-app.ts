/** An edge app called in-process (no socket) for route tests: `request(path, init)` on `http://edge.test`. */

import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../src/core/store/store-port.ts';
import { createApp, type EdgeApp } from '../../../src/edge/app/create-app.ts';
import { createUserDirectory } from '../../../src/edge/app/user-directory.ts';
import { adminAuth, defaultTestUsers, type StartTestEdgeOptions, testInstanceId } from './start-test-edge.ts';

export const testOrigin = 'http://edge.test';
export const testBase = `${testOrigin}/openmrs`;
export const fhirBase = `${testBase}/ws/fhir2/R4`;
export const restBase = `${testBase}/ws/rest/v1`;

export interface TestApp {
  app: EdgeApp;
  store: SyncStore;
  /** Fetches `path` (absolute, or relative to the origin) as the admin unless `authorization` is given (`''`: none). */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** A fake clock that only moves when told. */
export function fakeClock(start = Date.UTC(2026, 2, 2, 8, 0, 0)): { now: () => number; advance(ms: number): void } {
  let time = start;
  return { now: () => time, advance: (ms) => { time += ms; } };
}

export async function createTestApp(options: StartTestEdgeOptions = {}): Promise<TestApp> {
  const { users, extraUsers = [], ...rest } = options;
  const store = rest.store ?? createMemoryStore();
  const all = [...(users ?? (await defaultTestUsers())), ...extraUsers];
  const app = createApp({ now: Date.now, instanceId: testInstanceId, ...rest, store, users: createUserDirectory(all) });
  return {
    app,
    store,
    request(path, init = {}) {
      const { json, ...requestInit } = init;
      const headers = new Headers(requestInit.headers);
      if (!headers.has('authorization')) headers.set('authorization', adminAuth);
      if (headers.get('authorization') === '') headers.delete('authorization');
      if (json !== undefined) {
        headers.set('content-type', 'application/json');
        requestInit.body = JSON.stringify(json);
      }
      const url = path.startsWith('http') ? path : `${testOrigin}${path}`;
      return app.fetch(new Request(url, { ...requestInit, headers }));
    },
  };
}
