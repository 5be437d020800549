// bin/tetherscope.mjs runs the built CLI only while it is newer than every source file, and the
// build answers as the source does.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { builtCliIsCurrent, builtCliPath } from '../../bin/built-cli.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tetherscope.mjs');

describe('which CLI the bin runs', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  /** A project with one source file in src/main, one deep in src/shared, and a build; times in seconds. */
  function project(times: { main: number; shared: number; built: number | null }): string {
    const root = mkdtempSync(join(tmpdir(), 'tetherscope-bin-'));
    roots.push(root);
    const file = (path: string, seconds: number): void => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, '');
      utimesSync(path, seconds, seconds);
    };
    file(join(root, 'src', 'main', 'a.ts'), times.main);
    file(join(root, 'src', 'shared', 'deep', 'er', 'b.ts'), times.shared);
    if (times.built !== null) file(builtCliPath(root), times.built);
    return root;
  }

  it('runs the build when it is newer than every source file', () => {
    expect(builtCliIsCurrent(project({ main: 1000, shared: 2000, built: 3000 }))).toBe(true);
  });
  it('runs from source when any source file, however deep, is newer than the build', () => {
    expect(builtCliIsCurrent(project({ main: 1000, shared: 4000, built: 3000 }))).toBe(false);
    expect(builtCliIsCurrent(project({ main: 4000, shared: 1000, built: 3000 }))).toBe(false);
  });
  it('runs from source when there is no build', () => {
    expect(builtCliIsCurrent(project({ main: 1000, shared: 1000, built: null }))).toBe(false);
  });
});

const run = (env: NodeJS.ProcessEnv, args: readonly string[]): Promise<{ code: number; output: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, output: `${stdout}${stderr}` });
    });
  });

describe.skipIf(!builtCliIsCurrent(ROOT))('the built CLI (npm run build made it)', () => {
  it('answers --help, a command’s help and an unknown command exactly as the source does', async () => {
    for (const args of [['--help'], ['profile', '--help'], ['no-such-command']]) {
      const built = await run({}, args);
      const source = await run({ TETHERSCOPE_FROM_SOURCE: '1' }, args);
      expect(built.code).toBe(source.code);
      expect(built.output).toBe(source.output);
      expect(built.output.length).toBeGreaterThan(0);
    }
  }, 120_000);
});
