/** Vitest browser mode: the Dexie store suites (`test/browser/*.chromium.ts`) in Debian's headless Chromium. */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const quotaSuite = 'test/browser/dexie-quota.chromium.ts';
// `npx playwright install` cannot download a browser here: .ci/chromium.sh installs Debian's.
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(`Chromium not found at ${executablePath}: run \`bash .ci/chromium.sh\` (or set CHROMIUM_PATH)`);
}

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  // Pre-bundled up front, so the first run does not reload the page halfway to optimise it.
  optimizeDeps: { include: ['dexie'] },
  test: {
    include: ['test/browser/**/*.chromium.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      // The quota suite needs a browser context whose IndexedDB is still unused: its own instance.
      instances: [
        { browser: 'chromium', name: 'chromium', exclude: [quotaSuite] },
        { browser: 'chromium', name: 'chromium-quota', include: [quotaSuite] },
      ],
      provider: playwright({
        launchOptions: {
          executablePath,
          // Without the networking flags Chromium keeps calling home on a closed network.
          args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync',
          ],
        },
      }),
    },
  },
});
