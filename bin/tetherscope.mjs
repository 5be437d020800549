#!/usr/bin/env node
// Runs the built CLI (out/cli, from `npm run build`) while every file it was built from is unchanged
// (bin/built-cli.mjs); otherwise runs the TypeScript from source through tsx, so `npx tetherscope` needs
// no build step and does not run a build older than the sources. The build is preferred because a process
// in which tsx had to compile a file keeps esbuild's service alive, pinging it every second for the whole run.
// TETHERSCOPE_FROM_SOURCE=1 runs from source whatever the build; TETHERSCOPE_DEBUG_ENTRY=1 says which ran.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtCliPath, builtCliStaleReason } from './built-cli.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const stale = process.env.TETHERSCOPE_FROM_SOURCE === '1' ? 'TETHERSCOPE_FROM_SOURCE=1' : builtCliStaleReason(root);
if (process.env.TETHERSCOPE_DEBUG_ENTRY === '1') console.error(stale === null ? 'tetherscope: running the build in out/cli' : `tetherscope: running the sources through tsx: ${stale}`);
let main;
if (stale === null) {
  ({ main } = await import(pathToFileURL(builtCliPath(root)).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main/cli/index.ts'));
}
process.exitCode = await main(process.argv.slice(2));
