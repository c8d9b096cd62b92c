/** Builds the PWA once before the e2e suite (a clean clone has no dist/), into the suite's own folder. */

import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { artifactsDir, e2eDistDir, repoRoot } from './_e2e-paths.ts';

/** `vite build` as `npm run build` runs it, but into {@linkcode e2eDistDir}; always rebuilt (about 2 s), so never stale. */
export default async function setup(): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  const vite = `${repoRoot}/node_modules/vite/bin/vite.js`;
  // A separate process: under vitest NODE_ENV is `test`, which would build the app with
  // `import.meta.env.PROD` false, and so without its service worker.
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', e2eDistDir, '--emptyOutDir'], {
    cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production' },
  });
}
