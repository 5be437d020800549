import { execFile } from 'node:child_process';
import { AdbCliError } from './errors.js';

export interface AdbCliOptions {
  /** The adb server's port (`adb -P`). */
  readonly serverPort: number;
  readonly adbPath?: string;
  readonly timeoutMs?: number;
}

/** Runs `adb -P <port> ...args`; settles once, with a timeout. */
export function runAdb(options: AdbCliOptions, args: readonly string[]): Promise<string> {
  const fullArgs = ['-P', String(options.serverPort), ...args];
  const timeout = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    execFile(options.adbPath ?? 'adb', fullArgs, { timeout, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error !== null) {
        reject(new AdbCliError(`adb ${fullArgs.join(' ')} failed: ${error.message.trim()}`, fullArgs, output));
        return;
      }
      resolve(output);
    });
  });
}

/** The default adb server port: ANDROID_ADB_SERVER_PORT or 5037. */
export function defaultAdbServerPort(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env['ANDROID_ADB_SERVER_PORT']);
  return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : 5037;
}
