import { spawn } from 'node:child_process';
import { projectRoot } from '../../core/version.js';
import { findElectronBinary, tryFetchElectron } from '../electron-binary.js';
import { startServe } from './serve.js';

export const START_HELP = `tetherscope start

Opens the Tetherscope window in Electron. Where the Electron binary is missing and cannot
be downloaded, says so and serves the window to a browser instead (tetherscope serve).`;

export async function runStart(argv: readonly string[]): Promise<number> {
  if (argv.length > 0) throw new Error(`start takes no arguments, but got "${argv.join(' ')}".`);
  const root = projectRoot();
  let binary = findElectronBinary(root);
  if (!binary.ok) {
    const fetched = await tryFetchElectron(root, 120_000);
    binary = fetched.ok ? findElectronBinary(root) : { ok: false, reason: `${binary.reason}, and fetching it failed: ${fetched.detail}` };
  }
  if (!binary.ok) {
    console.log(`Electron is not available here (${binary.reason}); starting browser mode instead.`);
    const canOpen = process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);
    await startServe(0, canOpen, true);
    return await new Promise<number>(() => {});
  }
  const child = spawn(binary.path, [root], { stdio: 'inherit' });
  return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
