/** Starts an edge app on loopback for tests: memory store, an admin and a child user; `close()` stops it. */

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createMemoryStore } from '../../../src/core/store/memory-store.ts';
import type { SyncStore } from '../../../src/core/store/store-port.ts';
import { createApp, type EdgeApp, type EdgeAppDeps } from '../../../src/edge/app/create-app.ts';
import { createUserDirectory, type EdgeUser, hashPassword } from '../../../src/edge/app/user-directory.ts';

export const adminCredentials = { name: 'admin', password: 'Admin123' } as const;
export const childCredentials = { name: 'child-1', password: 'Child123', instanceId: 'child-1' } as const;

/** `Authorization` header values of the test users. */
export const adminAuth = `Basic ${btoa(`${adminCredentials.name}:${adminCredentials.password}`)}`;
export const childAuth = `Basic ${btoa(`${childCredentials.name}:${childCredentials.password}`)}`;

export const testInstanceId = 'a2ad93fd-8a7f-405f-bbc1-da4535e6d05c';

// The KDF is slow on purpose (210k iterations, ~0.1 s per check). Every test app starts with an
// empty verification cache, so test users get a cheap hash; user-directory.test.ts covers the default.
const testIterations = 1000;
let testUsers: Promise<EdgeUser[]> | undefined;

/** The admin (admin / Admin123) and child (child-1 / Child123, instance child-1) users, hashed once per process. */
export function defaultTestUsers(): Promise<EdgeUser[]> {
  const hash = (password: string) => hashPassword(password, { iterations: testIterations });
  testUsers ??= Promise.all([hash(adminCredentials.password), hash(childCredentials.password)]).then(([admin, child]) => [
    { name: adminCredentials.name, role: 'admin', passwordHash: admin },
    { name: childCredentials.name, role: 'child', passwordHash: child, instanceId: childCredentials.instanceId },
  ]);
  return testUsers;
}

export interface StartTestEdgeOptions extends Partial<Omit<EdgeAppDeps, 'users'>> {
  /** Users instead of the default admin and child. */
  users?: EdgeUser[];
  /** Users added to the default ones. */
  extraUsers?: EdgeUser[];
}

export interface TestEdge {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** `url + '/openmrs'` */
  base: string;
  app: EdgeApp;
  store: SyncStore;
  close(): Promise<void>;
}

/**
 * Starts `createApp` over real HTTP on 127.0.0.1 with a free port. Defaults: a memory store,
 * `Date.now`, instance id {@linkcode testInstanceId}, the default test users.
 */
export async function startTestEdge(options: StartTestEdgeOptions = {}): Promise<TestEdge> {
  const { users, extraUsers = [], ...rest } = options;
  const store = rest.store ?? createMemoryStore();
  const all = [...(users ?? (await defaultTestUsers())), ...extraUsers];
  const app = createApp({ now: Date.now, instanceId: testInstanceId, ...rest, store, users: createUserDirectory(all) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    base: `${url}/openmrs`,
    app,
    store,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await store.close();
    },
  };
}
