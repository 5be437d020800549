#!/usr/bin/env node
// Runs the TypeScript CLI from source through tsx, so `npx tetherscope` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
