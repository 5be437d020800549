import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./sim-child.ts', import.meta.url));

export interface SimProcess {
  readonly child: ChildProcess;
  readonly serial: string;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
  /** SIGKILL if still running (for cleanup after failures). */
  kill(): void;
}

/** Runs `tetherscope sim ARGS` in a child node process; resolves once it printed its serial. */
export function startSimProcess(args: readonly string[], timeoutMs = 30_000): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`sim did not start in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(127\.0\.0\.1:\d+)$/m.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, serial: match[1]!, exited, kill });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`sim exited (${code}) before printing its serial: ${err}`));
    });
  });
}
