/** Starts an edge node: store, instance id, admin user, demo data, the app and static files, then listens. */

import { SyncError } from '../../core/errors/sync-error.ts';
import type { SyncStore } from '../../core/store/store-port.ts';
import { createApp } from '../app/create-app.ts';
import { pageSizeSettingKey } from '../app/page-size-keeper.ts';
import { createUserDirectory } from '../app/user-directory.ts';
import type { EdgeOptions } from '../cli/edge-options.ts';
import { seedDemoData } from '../seed/seed-demo-data.ts';
import { openSqlStore } from '../sql-store/open-sql-store.ts';
import { composeEdgeHandler } from './compose-edge-handler.ts';
import type { EdgeNode, EdgeRuntime, OpenStoreOptions, ServeOptions } from './edge-runtime.ts';
import { ensureAdminUser } from './ensure-admin-user.ts';
import { ensureInstanceId } from './ensure-instance-id.ts';
import { readNodeRole } from './read-node-role.ts';
import { createStaticSite } from './static-site.ts';

/**
 * Starts a node as `options` say. On first start it generates the admin password (printed once
 * through `runtime.print`, stored hashed) and the instance id; a root node with an empty store is
 * seeded with demo data. Any failure before listening closes the store and rethrows.
 *
 * @example
 * ```ts
 * const node = await startEdgeNode(options, runtime);
 * // … later
 * await node.close();
 * ```
 */
export async function startEdgeNode(options: EdgeOptions, runtime: EdgeRuntime): Promise<EdgeNode> {
  const role = await readNodeRole(options.configPath, runtime.readFile);
  const tls = options.tls === undefined ? undefined : await readTls(options.tls, runtime);
  const store = await openStore(options, runtime);
  try {
    const instanceId = await prepareStore(store, options, { runtime, root: role.root });
    const admin = await ensureAdminUser(store, adminOptions(options, runtime));
    if (admin.generatedPassword !== undefined) printPassword(runtime, options.adminUser, admin.generatedPassword);
    const app = createApp({
      store, now: runtime.now, log: runtime.log, newId: newIdOf(runtime), instanceId, pageSize: options.pageSize,
      users: createUserDirectory(admin.users), corsOrigins: options.corsOrigins,
      status: async () => ({ role: role.root ? 'root' : 'child', parent: role.parentUrl ?? null }),
    });
    const site = await chooseSite(options.staticDirs, runtime);
    const serveOptions: ServeOptions = { port: options.port, hostname: options.host, ...(tls ? { tls } : {}) };
    const server = await runtime.serve(composeEdgeHandler({ app: (r) => app.fetch(r), site }), serveOptions);
    runtime.log.info('edge node listening', { url: server.url, instanceId, role: role.root ? 'root' : 'child', ...(role.parentUrl ? { parent: role.parentUrl } : {}) });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= server.close().finally(() => store.close()));
    return { url: server.url, instanceId, store, close };
  } catch (error) {
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

async function openStore(options: EdgeOptions, runtime: EdgeRuntime): Promise<SyncStore> {
  const open = runtime.openStore ?? ((o: OpenStoreOptions) => openSqlStore(o));
  if (options.databaseUrl !== undefined) {
    runtime.log.info('opening the store', { kind: 'PostgreSQL', host: hostOf(options.databaseUrl) });
  } else {
    runtime.log.info('opening the store', { kind: 'PGlite', dataDir: options.dataDir });
  }
  const started = runtime.now();
  const store = await open({ dataDir: options.dataDir, log: runtime.log, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  runtime.log.info('store ready', { ms: runtime.now() - started });
  return store;
}

/** The database host, for logs: never the URL, which may carry a password. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unreadable URL)';
  }
}

/** Instance id, then demo data for an empty root: returns the instance id. */
async function prepareStore(store: SyncStore, options: EdgeOptions, ctx: { runtime: EdgeRuntime; root: boolean }): Promise<string> {
  const { runtime } = ctx;
  const { instanceId, generated } = await ensureInstanceId(store, { ...(options.instanceId ? { configured: options.instanceId } : {}), newId: newIdOf(runtime) });
  if (generated) runtime.log.info('generated this node\'s instance id (kept in the store)', { instanceId });
  if (!ctx.root || options.seedPatients === 0) return instanceId;
  const started = runtime.now();
  const result = await seedDemoData(store, {
    patients: options.seedPatients, now: runtime.now, instanceId, newId: newIdOf(runtime), log: runtime.log,
    firstBatchSettings: { [pageSizeSettingKey]: options.pageSize },
  });
  if (result.seeded) runtime.log.info('seeded demo data', { ...result.counts, ms: runtime.now() - started });
  return instanceId;
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
