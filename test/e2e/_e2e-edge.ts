/** A real edge node for the e2e suite: startEdgeNode over a memory store, serving the built PWA, with a request log and a gate. */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { silentLogger } from '../../src/core/ports/ports.ts';
import { createMemoryStore } from '../../src/core/store/memory-store.ts';
import { parseEdgeOptions } from '../../src/edge/cli/parse-edge-options.ts';
import type { EdgeHandler, EdgeNode, EdgeRuntime } from '../../src/edge/node/edge-runtime.ts';
import { startEdgeNode } from '../../src/edge/node/start-edge-node.ts';
import { e2eDistDir } from './_e2e-paths.ts';
import { createTraffic, type Hold, type RequestRecord } from './_edge-traffic.ts';
import { readFileOrUndefined } from '../../worker/read-file-or-undefined.ts';

export type { Hold, RequestRecord } from './_edge-traffic.ts';

/** The tablet's login on the edge node: a child user of its sync2.json. */
export const tabletLogin = { username: 'tablet-1', password: 'Tablet-secret-1', instanceId: 'tablet-1' } as const;
export const adminLogin = { username: 'admin', password: 'Admin-secret-1' } as const;
const adminAuthorization = `Basic ${btoa(`${adminLogin.username}:${adminLogin.password}`)}`;

export interface E2eEdge {
  /** `http://127.0.0.1:{port}` */
  url: string;
  node: EdgeNode;
  /** Every request so far, in arrival order. */
  requests: RequestRecord[];
  /** Holds the requests `match` selects (their path and query) until released. */
  hold(match: (record: RequestRecord) => boolean): Hold;
  /** A FHIR call as the admin: `path` is under `/openmrs/ws/fhir2/R4/`. */
  fhir(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export interface StartE2eEdgeOptions {
  /** Demo patients seeded (each brings visits, encounters and vital signs). @default 12 */
  seedPatients?: number;
  /** Entries per feed page. @default 100 */
  pageSize?: number;
}

/**
 * Starts an edge node as `npm start` does (options parsed from flags, sync2.json with the
 * tablet's child user, demo data, the PWA's files), but over a memory store and on a free port
 * of 127.0.0.1 (a secure context for service workers). The handler is wrapped to log requests
 * and to hold the ones a test asks for.
 */
export async function startE2eEdge(options: StartE2eEdgeOptions = {}): Promise<E2eEdge> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-edge-'));
  const configPath = join(dir, 'sync2.json');
  await writeFile(configPath, JSON.stringify({
    pull: { enabled: false }, push: { enabled: false },
    ts: { children: [{ name: tabletLogin.username, password: tabletLogin.password, instanceId: tabletLogin.instanceId }] },
  }));
  const parsed = parseEdgeOptions([
    '--port', '0', '--host', '127.0.0.1', '--data', 'memory', '--seed-patients', String(options.seedPatients ?? 12),
    '--page-size', String(options.pageSize ?? 100), '--admin-password', adminLogin.password, '--config', configPath,
    '--static', e2eDistDir, '--log-level', 'warn',
  ], {});
  if (!('ok' in parsed) || !parsed.ok) throw new Error(`edge options: ${JSON.stringify(parsed)}`);
  const traffic = createTraffic();
  let server: Server | undefined;
  const runtime: EdgeRuntime = {
    readFile: readFileOrUndefined,
    log: silentLogger,
    print: () => undefined,
    now: Date.now,
    openStore: async () => createMemoryStore(),
    async serve(handler) {
      server = await listen(traffic.wrap(handler));
      const { port } = server.address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server as Server) };
    },
  };
  const node = await startEdgeNode(parsed.options, runtime);
  return {
    url: node.url, node, requests: traffic.requests, hold: traffic.hold,
    fhir: (path, init = {}) => fetch(`${node.url}/openmrs/ws/fhir2/R4/${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: adminAuthorization, accept: 'application/fhir+json', ...(init.body ? { 'content-type': 'application/fhir+json' } : {}), ...init.headers },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    }),
    async close() {
      traffic.releaseAll();
      await node.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function listen(handler: EdgeHandler): Promise<Server> {
  return new Promise((resolve, reject) => {
    // As worker/edge.node.ts: `_id` searches of a full page make long URLs.
    const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1', serverOptions: { maxHeaderSize: 128 * 1024 } }, () => resolve(server as Server));
    (server as Server).once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

