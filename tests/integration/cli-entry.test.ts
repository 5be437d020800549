// bin/tetherscope.mjs runs the built CLI only while every file it was built from is unchanged, and
// the build answers as the sources do.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_CLI_INPUTS, builtCliPath, builtCliStaleReason, type BuiltCliInputs } from '../../bin/built-cli.mjs';
import { builtFile, repoRoot } from '../built.js';

describe('which CLI the bin runs', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  const INPUTS = ['src/main/a.ts', 'src/shared/deep/er/b.ts'];
  /** A project with two source files and a build listing them as they are now. */
  function project(): string {
    const root = mkdtempSync(join(tmpdir(), 'tetherscope-bin-'));
    roots.push(root);
    for (const path of INPUTS) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), `export const a = 1; // ${path}\n`);
    }
    mkdirSync(join(root, 'out', 'cli'), { recursive: true });
    writeFileSync(builtCliPath(root), '');
    const list: BuiltCliInputs = { files: INPUTS.map((path) => ({ path, size: statSync(join(root, path)).size, mtimeMs: statSync(join(root, path)).mtimeMs })) };
    writeFileSync(join(root, 'out', 'cli', BUILT_CLI_INPUTS), JSON.stringify(list));
    return root;
  }

  it('runs the build while every file it was built from is unchanged', () => {
    expect(builtCliStaleReason(project())).toBeNull();
  });
  it('runs the sources once a file changed, however deep, even when its time went backwards (a checkout, cp -p)', () => {
    const edited = project();
    writeFileSync(join(edited, INPUTS[1]!), 'export const a = 22;\n');
    expect(builtCliStaleReason(edited)).toMatch(/src\/shared\/deep\/er\/b\.ts changed since the build/);
    const older = project();
    utimesSync(join(older, INPUTS[0]!), 1000, 1000);
    expect(builtCliStaleReason(older)).toMatch(/src\/main\/a\.ts changed since the build/);
  });
  it('runs the sources when a file is gone, or the build or its list is missing', () => {
    const deleted = project();
    rmSync(join(deleted, INPUTS[0]!));
    expect(builtCliStaleReason(deleted)).toMatch(/src\/main\/a\.ts is gone/);
    const unlisted = project();
    rmSync(join(unlisted, 'out', 'cli', BUILT_CLI_INPUTS));
    expect(builtCliStaleReason(unlisted)).toMatch(/no readable list/);
    const unbuilt = project();
    rmSync(builtCliPath(unbuilt));
    expect(builtCliStaleReason(unbuilt)).toMatch(/there is no build/);
  });
});

const run = (env: NodeJS.ProcessEnv, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const bin = join(repoRoot, 'bin', 'tetherscope.mjs');
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, TETHERSCOPE_DEBUG_ENTRY: '1', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });

describe('the built CLI', () => {
  it('is current after npm run build, runs, and answers --help, a command’s help and an unknown command as the sources do', async () => {
    builtFile('cli', 'cli.mjs');
    const stale = builtCliStaleReason(repoRoot);
    if (stale !== null) throw new Error(`The build in out/cli is not current (${stale}): run \`npm run build\` first (npm test does).`);
    for (const args of [['--help'], ['profile', '--help'], ['no-such-command']]) {
      const built = await run({ TETHERSCOPE_FROM_SOURCE: '' }, args);
      const source = await run({ TETHERSCOPE_FROM_SOURCE: '1' }, args);
      expect(built.stderr).toMatch(/^tetherscope: running the build in out\/cli\n/);
      expect(source.stderr).toMatch(/^tetherscope: running the sources through tsx: TETHERSCOPE_FROM_SOURCE=1\n/);
      expect(built.code).toBe(source.code);
      expect(built.stdout).toBe(source.stdout);
      expect(built.stderr.split('\n').slice(1)).toEqual(source.stderr.split('\n').slice(1));
      expect(`${built.stdout}${built.stderr}`.length).toBeGreaterThan(60);
    }
  }, 120_000);
});
