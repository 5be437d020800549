// Builds the browser host script (window.tetherscope over the bridge's WebSocket)
// as one classic script that `tetherscope serve` puts in front of the app bundle.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'out/host',
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: resolve('src/preload/browser/index.ts'),
      formats: ['iife'],
      name: 'tetherscopeHost',
      fileName: () => 'host.js',
    },
  },
});
