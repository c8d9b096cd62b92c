/** Builds the PWA for the browser bench: the project's vite build of the current sources, into a folder of its own, with hidden source maps. */

import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { SourceMapV3 } from './browser-source-map.ts';

/** A built site: its folder and how long the build took. */
export interface BuiltSite {
  root: string;
  seconds: number;
}

/**
 * Runs the project's vite config (app, sync worker, service worker, manifest) into a fresh temp
 * folder, so the bench measures the sources as they are now and never rewrites dist/ under a
 * test that serves it. `sourcemap: 'hidden'` writes .map files without pointing the bundles at
 * them: the code the browser runs is byte for byte what `npm run build` puts in dist/.
 */
export async function buildSiteForBench(): Promise<BuiltSite> {
  const root = await mkdtemp(join(tmpdir(), 'browser-bench-site-'));
  const started = performance.now();
  await build({ logLevel: 'warn', build: { outDir: root, emptyOutDir: true, sourcemap: 'hidden' } });
  return { root, seconds: (performance.now() - started) / 1000 };
}

/** The source map of the built bundle `pathname` (e.g. `/assets/sync-worker-abc.js`), if the build wrote one. */
export async function readBundleMap(site: BuiltSite, pathname: string): Promise<SourceMapV3 | undefined> {
  try {
    return JSON.parse(await readFile(join(site.root, `${pathname}.map`), 'utf8')) as SourceMapV3;
  } catch {
    return undefined;
  }
}

/** The built sync worker bundle's path under the site (`/assets/sync-worker-….js`). */
export async function workerBundlePath(site: BuiltSite): Promise<string> {
  const name = (await readdir(join(site.root, 'assets'))).find((f) => f.startsWith('sync-worker-') && f.endsWith('.js'));
  if (!name) throw new Error(`no sync worker bundle in ${site.root}/assets`);
  return `/assets/${name}`;
}
