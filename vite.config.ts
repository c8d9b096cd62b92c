/** Vite build of the browser node (the PWA), served by the edge node from dist/: app, module worker, service worker, manifest. */
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  preview: { host: '127.0.0.1', strictPort: true },
  // The sync worker is started with `{ type: 'module' }`.
  worker: { format: 'es' },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'worker',
      filename: 'service-worker.ts',
      // src/browser/register-service-worker.ts registers it (production builds only).
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        // One classic script: no module service worker needed, and nothing imported at run time.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ico,txt}'],
        // The engine's worker bundle is the largest file of the shell; it must be precached to run offline.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      includeAssets: ['icons/*.svg', 'icons/*.png'],
      manifest: {
        name: 'OpenMRS Sync',
        short_name: 'OpenMRS Sync',
        description: 'Patient records that keep syncing with the clinic hub, online or offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#00557a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
