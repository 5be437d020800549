// Runs commands on a phone through adbkit's legacy `shell:` service, which carries neither
// an exit status nor stderr: the script's status comes back in-band on a marker line.
import type { Duplex } from 'node:stream';
import type { AdbkitDeviceClient } from './adbkit.js';
import { DeviceCommandTimeoutError, AndroidDeviceError } from './errors.js';

const EXIT_MARKER = '__TETHERSCOPE_EXIT__';

/** Quotes one argument for a POSIX shell (mksh on the phone): everything inside '...' is literal. */
export function shQuote(value: string): string {
  if (value.includes('\0')) throw new AndroidDeviceError('A command argument contains a NUL character.');
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface ShellResult {
  stdout: string;
  exitCode: number;
}

/**
 * Wraps a script so its exit status is printed on the last line (stderr folded into stdout).
 * A subshell, not a { } group: an `exit` in the script must not skip the marker.
 */
export function withExitMarker(script: string): string {
  return `( ${script}\n) 2>&1; echo "${EXIT_MARKER}$?"`;
}

export function splitExitMarker(output: string): ShellResult | null {
  const text = output.replaceAll('\r\n', '\n');
  const at = text.lastIndexOf(EXIT_MARKER);
  if (at === -1) return null;
  const code = Number.parseInt(text.slice(at + EXIT_MARKER.length), 10);
  if (!Number.isInteger(code)) return null;
  return { stdout: text.slice(0, at), exitCode: code };
}

export interface ShellOptions {
  timeoutMs: number;
  /** Words for errors: "reading the phone's properties". */
  what: string;
}

/** Runs a script to completion; rejects on timeout or a lost connection, exactly once. */
export async function runShell(device: AdbkitDeviceClient, serial: string, script: string, options: ShellOptions): Promise<ShellResult> {
  const stream: Duplex = await device.shell(withExitMarker(script));
  return await new Promise<ShellResult>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new DeviceCommandTimeoutError(serial, options.what, options.timeoutMs)));
      stream.destroy();
    }, options.timeoutMs);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (error: Error) => settle(() => reject(new AndroidDeviceError(`Lost the phone ${serial} while ${options.what}: ${error.message}`))));
    stream.on('end', () => {
      const result = splitExitMarker(Buffer.concat(chunks).toString('utf8'));
      settle(() =>
        result ? resolve(result) : reject(new AndroidDeviceError(`The phone ${serial} stopped answering while ${options.what}.`, 'Check the cable and that the phone is unlocked.')),
      );
    });
  });
}
