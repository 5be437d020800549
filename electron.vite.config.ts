import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './scripts/csp-meta-plugin.js';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/electron/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload can require nothing but 'electron': bundle everything else, emit CommonJS.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/electron/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react(), cspMetaPlugin()],
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 6000,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
