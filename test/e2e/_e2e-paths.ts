/** Where the e2e suite builds the PWA and saves its screenshots (both gitignored). */

import { fileURLToPath } from 'node:url';

/** The PWA built for this suite (the repo's vite.config.ts, its own folder: a build for `npm start` or the benchmark is never replaced under it). */
export const e2eDistDir = fileURLToPath(new URL('../../.tmp/e2e-dist', import.meta.url));

/** Screenshots of the main screens, kept as artifacts. */
export const artifactsDir = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
