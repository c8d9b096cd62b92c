/** Vite build of the browser node (the PWA), served by the edge node from dist/. */
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  preview: { host: '127.0.0.1', strictPort: true },
});
