// The adb server Tetherscope talks to: the one already running (never restarted, never
// killed — users often run a newer platform-tools adb than ours), on the port a setting,
// ANDROID_ADB_SERVER_PORT, or 5037 names.
import { execFile } from 'node:child_process';
import { adbkit, type AdbkitClient as Client } from './adbkit.js';
import { AdbMissingError, AdbServerUnreachableError } from './errors.js';

export const DEFAULT_ADB_SERVER_PORT = 5037;

export interface AdbServerConfig {
  host: string;
  port: number;
  /** The adb binary adbkit may use to start a server when none is running. */
  bin: string;
}

export function resolveAdbServerConfig(setting: { port?: number; bin?: string } = {}, env: NodeJS.ProcessEnv = process.env): AdbServerConfig {
  const fromEnv = Number(env['ANDROID_ADB_SERVER_PORT']);
  const port = setting.port ?? (Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : DEFAULT_ADB_SERVER_PORT);
  return { host: '127.0.0.1', port, bin: setting.bin ?? 'adb' };
}

export function createAdbClient(config: AdbServerConfig): Client {
  return adbkit.Adb.createClient({ host: config.host, port: config.port, bin: config.bin });
}

/** Whether the adb binary can be run at all; resolves to its version line or null. */
export function adbBinaryVersion(bin: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, ['version'], { timeout: 5000 }, (error, stdout) => {
      if (error) resolve(null);
      else resolve(stdout.split('\n').find((l) => l.startsWith('Version'))?.trim() ?? stdout.split('\n')[0]?.trim() ?? '');
    });
  });
}

/** The server's protocol version, or a plain-words error naming what to install or start. */
export async function checkAdbServer(client: Client, config: AdbServerConfig): Promise<number> {
  try {
    return await client.version();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || (await adbBinaryVersion(config.bin)) === null) throw new AdbMissingError();
    throw new AdbServerUnreachableError(config.port, error instanceof Error ? error.message : String(error));
  }
}
