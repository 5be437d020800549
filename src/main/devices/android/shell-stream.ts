// A long-lived command on the phone whose output is read line by line as it arrives
// (the telemetry loop, the benchmark tool, logcat). Stopping closes the stream; the
// caller kills the phone-side process by its pidfile, since a closed adb stream does not.
import type { Duplex } from 'node:stream';
import type { AdbkitDeviceClient } from './adbkit.js';
import { withExitMarker, splitExitMarker } from './shell.js';

export interface ShellStream {
  /** Resolves when the command ends: its exit status, or null when the stream was cut. */
  readonly done: Promise<number | null>;
  stop(): void;
}

export interface ShellStreamOptions {
  onLine: (line: string) => void;
  /** Report the exit status in-band (adds a marker line, not passed to onLine). */
  exitStatus: boolean;
}

export async function streamShell(device: AdbkitDeviceClient, script: string, options: ShellStreamOptions): Promise<ShellStream> {
  const stream: Duplex = await device.shell(options.exitStatus ? withExitMarker(script) : script);
  let tail = '';
  let exitCode: number | null = null;
  const handleLine = (raw: string): void => {
    const line = raw.replace(/\r$/, '');
    if (options.exitStatus) {
      const marker = splitExitMarker(`${line}\n`);
      if (marker && marker.stdout === '') {
        exitCode = marker.exitCode;
        return;
      }
    }
    options.onLine(line);
  };
  const done = new Promise<number | null>((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (tail !== '') handleLine(tail);
      tail = '';
      resolve(exitCode);
    };
    stream.on('data', (chunk: Buffer) => {
      const lines = (tail + chunk.toString('utf8')).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) handleLine(line);
    });
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
  });
  return {
    done,
    stop: () => {
      stream.destroy();
    },
  };
}
