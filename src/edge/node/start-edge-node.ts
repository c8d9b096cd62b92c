/** Starts an edge node: config, store, instance id, users, demo data or the sync with its parent, the app and static files, then listens. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { createApp } from '../app/create-app.ts';
import { pageSizeSettingKey } from '../app/page-size-keeper.ts';
import { createUserDirectory, type EdgeUser } from '../app/user-directory.ts';
import { type ChildSync, startChildSync } from '../child/start-child-sync.ts';
import type { EdgeOptions } from '../cli/edge-options.ts';
import { seedDemoData } from '../seed/seed-demo-data.ts';
import { composeEdgeHandler } from './compose-edge-handler.ts';
import type { EdgeNode, EdgeRuntime, ServeOptions } from './edge-runtime.ts';
import { ensureAdminUser } from './ensure-admin-user.ts';
import { ensureChildUsers } from './ensure-child-users.ts';
import { ensureInstanceId } from './ensure-instance-id.ts';
import { openEdgeStore } from './open-edge-store.ts';
import { type NodeRole, readNodeRole } from './read-node-role.ts';
import { createStaticSite } from './static-site.ts';

/**
 * Starts a node as `options` say. Its sync2.json (`--config`) is read and checked first: any
 * invalid field fails with CONFIG_INVALID before the store is opened. On first start it generates
 * the admin password (printed once through `runtime.print`, stored hashed) and the instance id;
 * the child users of `ts.children` are stored hashed. A root node with an empty store is seeded
 * with demo data; a child never is: it syncs with its parent on schedule (once listening) and on
 * `POST /sync`. Any failure before listening closes the store and rethrows.
 *
 * @example
 * ```ts
 * const node = await startEdgeNode(options, runtime);
 * // … later
 * await node.close();
 * ```
 */
export async function startEdgeNode(options: EdgeOptions, runtime: EdgeRuntime): Promise<EdgeNode> {
  const role = await readNodeRole(options.configPath, { readFile: runtime.readFile, adminUser: options.adminUser });
  const tls = options.tls === undefined ? undefined : await readTls(options.tls, runtime);
  const store = await openEdgeStore(options, runtime);
  let child: ChildSync | undefined;
  try {
    const instanceId = await prepareStore(store, options, { runtime, role });
    const users = await prepareUsers(store, options, { runtime, role });
    if (!role.root && role.config) {
      const fetch = runtime.fetch ?? ((input, init) => globalThis.fetch(input, init));
      child = await startChildSync(role.config, { store, fetch, now: runtime.now, log: runtime.log, instanceId });
    }
    const app = createApp({
      store, now: runtime.now, log: runtime.log, newId: newIdOf(runtime), instanceId, pageSize: options.pageSize,
      users: createUserDirectory(users), corsOrigins: options.corsOrigins,
      status: async () => child?.statusFields() ?? { role: 'root', parent: null },
      ...(child ? { syncNow: child.syncNow } : {}),
      ...(runtime.gzip ? { gzip: runtime.gzip } : {}),
    });
    const site = await chooseSite(options.staticDirs, runtime);
    const serveOptions: ServeOptions = { port: options.port, hostname: options.host, ...(tls ? { tls } : {}) };
    const server = await runtime.serve(composeEdgeHandler({ app: (r) => app.fetch(r), site }), serveOptions);
    runtime.log.info('edge node listening', { url: server.url, instanceId, role: role.root ? 'root' : 'child', ...(role.parentUrl ? { parent: role.parentUrl } : {}) });
    if (runtime.scheduleSync ?? true) child?.start();
    let closing: Promise<void> | undefined;
    const stopSync = child ? child.stop : async () => undefined;
    const close = () => (closing ??= stopSync().finally(() => server.close()).finally(() => store.close()));
    return { url: server.url, instanceId, store, ...(child ? { child } : {}), close };
  } catch (error) {
    await child?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** Shows a generated password once, apart from the log records, so it is easy to spot and copy. */
function printPassword(runtime: EdgeRuntime, user: string, password: string): void {
  runtime.print('');
  runtime.print(`  admin user:     ${user}`);
  runtime.print(`  admin password: ${password} (shown once; stored hashed)`);
  runtime.print('');
}

const newIdOf = (runtime: EdgeRuntime) => runtime.newId ?? (() => crypto.randomUUID());

/** Instance id (option, else the config's `localInstanceId`, else stored), then demo data for an empty root. */
async function prepareStore(store: SyncStore, options: EdgeOptions, ctx: { runtime: EdgeRuntime; role: NodeRole }): Promise<string> {
  const { runtime } = ctx;
  const configured = options.instanceId ?? ctx.role.config?.sync.general.localInstanceId;
  const { instanceId, generated } = await ensureInstanceId(store, { ...(configured ? { configured } : {}), newId: newIdOf(runtime) });
  if (generated) runtime.log.info('generated this node\'s instance id (kept in the store)', { instanceId });
  if (!ctx.role.root || options.seedPatients === 0) return instanceId;
  const started = runtime.now();
  const result = await seedDemoData(store, {
    patients: options.seedPatients, now: runtime.now, instanceId, newId: newIdOf(runtime), log: runtime.log,
    firstBatchSettings: { [pageSizeSettingKey]: options.pageSize },
  });
  if (result.seeded) runtime.log.info('seeded demo data', { ...result.counts, ms: runtime.now() - started });
  return instanceId;
}

/** The admin (password generated and printed on first start), then the child users of `ts.children`. */
async function prepareUsers(store: SyncStore, options: EdgeOptions, ctx: { runtime: EdgeRuntime; role: NodeRole }): Promise<EdgeUser[]> {
  const admin = await ensureAdminUser(store, adminOptions(options, ctx.runtime));
  if (admin.generatedPassword !== undefined) printPassword(ctx.runtime, options.adminUser, admin.generatedPassword);
  return await ensureChildUsers(store, ctx.role.config?.children, { users: admin.users, log: ctx.runtime.log });
}

function adminOptions(options: EdgeOptions, runtime: EdgeRuntime) {
  const randomBytes = runtime.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const base = { name: options.adminUser, randomBytes, log: runtime.log };
  return options.adminPassword === undefined ? base : { ...base, password: options.adminPassword };
}

async function readTls(files: { certFile: string; keyFile: string }, runtime: EdgeRuntime): Promise<{ cert: string; key: string }> {
  const [cert, key] = await Promise.all([runtime.readFile(files.certFile), runtime.readFile(files.keyFile)]);
  const missing = cert === undefined ? files.certFile : key === undefined ? files.keyFile : undefined;
  if (missing !== undefined) throw new SyncError('CONFIG_INVALID', { message: `The TLS file ${missing} does not exist`, details: { path: missing } });
  const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
  return { cert: text(cert), key: text(key) };
}

/** The first folder holding an index.html; without one every static path is a 404. */
async function chooseSite(dirs: readonly string[], runtime: EdgeRuntime) {
  for (const root of dirs) {
    if ((await runtime.readFile(`${root}/index.html`)) !== undefined) {
      runtime.log.info('serving static files', { dir: root });
      return createStaticSite({ root, readFile: runtime.readFile });
    }
  }
  runtime.log.warn('no static files to serve: none of these folders has an index.html', { dirs: dirs.join(',') });
  return createStaticSite({ root: dirs[0] ?? '.', readFile: async () => undefined });
}
