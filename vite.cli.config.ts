// Builds the command line as Node ES modules that import their dependencies from node_modules:
// bin/tetherscope.mjs runs this build whenever it is newer than every source file. With `--mode bench`
// it builds bench:capture instead, so the telemetry stream is measured as the product runs it.
//
// Run from source, the CLI goes through tsx, and a process in which tsx had to compile a file keeps
// esbuild's service running, which pings it every second for as long as it lives (about 1 ms of CPU
// a second here, as much as a capture's telemetry stream costs).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const bench = mode === 'bench';
  return {
    build: {
      ssr: true,
      target: 'node20',
      outDir: bench ? 'out/bench' : 'out/cli',
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: bench
          ? { 'capture.bench': resolve('tests/bench/capture.bench.ts'), 'sim-ipc-child': resolve('tests/bench/helpers/sim-ipc-child.ts') }
          : { cli: resolve('src/main/cli/index.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      },
    },
  };
});
