// Builds the command line as one Node ES module that imports its dependencies from node_modules:
// bin/tetherscope.mjs runs this build while every file it was built from is as it was then (see
// bin/built-cli.mjs). With `--mode bench` it builds bench:capture instead, so the telemetry stream is
// measured as the product runs it.
//
// Run from source, the CLI goes through tsx, and a process in which tsx had to compile a file keeps
// esbuild's service running, which pings it every second for as long as it lives (about 1 ms of CPU
// a second here, as much as a capture's telemetry stream costs).
import { statSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { BUILT_CLI_INPUTS, type BuiltCliInputs } from './bin/built-cli.mjs';

/**
 * Records each source file the build reads, with its size and modification time taken before it is read (an edit
 * made while the build runs then shows as a change), and writes the list last, once the bundle is on disk.
 */
function recordInputs(outDir: string, extra: readonly string[]): Plugin {
  const inputs = new Map<string, { size: number; mtimeMs: number }>();
  const record = (file: string): void => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat) inputs.set(file, { size: stat.size, mtimeMs: stat.mtimeMs });
  };
  return {
    name: 'tetherscope-record-inputs',
    enforce: 'pre',
    buildStart() {
      inputs.clear();
      for (const file of extra) record(resolve(file));
    },
    load(id) {
      if (isAbsolute(id) && !id.includes('/node_modules/') && !id.includes('\0')) record(id.split('?')[0]!);
      return null;
    },
    closeBundle() {
      // Relative to the project, so a build copied from another checkout is checked against this one's files.
      const list: BuiltCliInputs = { files: [...inputs].map(([path, s]) => ({ path: relative(process.cwd(), path).split(sep).join('/'), ...s })) };
      writeFileSync(resolve(outDir, BUILT_CLI_INPUTS), `${JSON.stringify(list)}\n`);
    },
  };
}

export default defineConfig(({ mode }) => {
  const bench = mode === 'bench';
  const outDir = bench ? 'out/bench' : 'out/cli';
  return {
    plugins: bench ? [] : [recordInputs(outDir, ['vite.cli.config.ts', 'package.json'])],
    build: {
      ssr: true,
      target: 'node20',
      outDir,
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: bench
          ? { 'capture.bench': resolve('tests/bench/capture.bench.ts'), 'sim-ipc-child': resolve('tests/bench/helpers/sim-ipc-child.ts') }
          : { cli: resolve('src/main/cli/index.ts') },
        // One file: a rebuild while a built CLI runs (`tetherscope serve`) then leaves it nothing to load lazily
        // from a folder of chunks the rebuild replaced.
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs', ...(bench ? {} : { codeSplitting: false }) },
      },
    },
  };
});
