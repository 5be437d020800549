#!/usr/bin/env node
// Runs the built CLI (out/cli, from `npm run build`) when it is newer than every source file under
// src/main and src/shared; otherwise runs the TypeScript from source through tsx, so `npx tetherscope`
// needs no build step and never runs a stale build. The build is preferred because a process in which
// tsx had to compile a file keeps esbuild's service alive, pinging it every second for the whole run.
// TETHERSCOPE_FROM_SOURCE=1 runs from source whatever the build.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtCliIsCurrent, builtCliPath } from './built-cli.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
let main;
if (process.env.TETHERSCOPE_FROM_SOURCE !== '1' && builtCliIsCurrent(root)) {
  ({ main } = await import(pathToFileURL(builtCliPath(root)).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main/cli/index.ts'));
}
process.exitCode = await main(process.argv.slice(2));
