import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../core/version.js';

export interface BuiltWindow {
  rendererDir: string;
  hostScriptFile: string;
}

export function builtWindowPaths(root: string = projectRoot()): BuiltWindow {
  return { rendererDir: join(root, 'out', 'renderer'), hostScriptFile: join(root, 'out', 'host', 'host.js') };
}

/** Builds the window once when out/ lacks it (a fresh clone run with `npx tetherscope serve`). */
export async function ensureWindowBuilt(log: (line: string) => void): Promise<BuiltWindow> {
  const root = projectRoot();
  const paths = builtWindowPaths(root);
  if (existsSync(join(paths.rendererDir, 'index.html')) && existsSync(paths.hostScriptFile)) return paths;
  log('Building the window first (once; about a minute)…');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', () => resolve(-1));
    child.on('exit', (c) => resolve(c ?? -1));
  });
  if (code !== 0) throw new Error('Building the window failed; run `npm run build` to see why.');
  return paths;
}
