// Finds the Electron binary without require('electron'): from Electron 42 on, that call
// downloads the binary when it is missing, which must never happen as a side effect.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronBinary(root: string): ElectronBinary {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { ok: false, reason: 'the Electron binary has not been downloaded (node_modules/electron/path.txt is missing)' };
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { ok: false, reason: `the Electron binary is missing at ${binary}` };
  return { ok: true, path: binary };
}

/** Runs electron's own installer once, bounded in time; resolves to whether it succeeded. */
export function tryFetchElectron(root: string, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
      cwd: join(root, 'node_modules', 'electron'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = stderr.trim().split('\n').map((l) => l.trim()).filter(Boolean);
      const reason = lines.find((l) => /Error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/.test(l) && !l.startsWith('at ')) ?? `exit code ${String(code)}`;
      resolve({ ok: code === 0, detail: code === 0 ? 'downloaded' : reason.slice(0, 160) });
    });
  });
}
