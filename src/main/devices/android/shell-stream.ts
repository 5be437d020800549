// A long-lived command on the phone whose output is read line by line as it arrives
// (the telemetry loop, the benchmark tool, logcat). Stopping closes the stream; the
// caller kills the phone-side process by its pidfile, since a closed adb stream does not.
import { StringDecoder } from 'node:string_decoder';
import { openAdbHostStream } from './adb-host-stream.js';
import type { AdbkitDeviceClient } from './adbkit.js';
import { withExitMarker, splitExitMarker } from './shell.js';

export interface ShellStream {
  /** Resolves when the command ends: its exit status, or null when the stream was cut. */
  readonly done: Promise<number | null>;
  stop(): void;
}

export interface ShellStreamOptions {
  onLine: (line: string) => void;
  /** Called once the lines of each chunk read from the phone were passed to onLine. */
  onChunkEnd?: () => void;
  /** Report the exit status in-band (adds a marker line, not passed to onLine). */
  exitStatus: boolean;
}

const OPEN_TIMEOUT_MS = 10_000;
const CR = 13;

export async function streamShell(device: AdbkitDeviceClient, script: string, options: ShellStreamOptions): Promise<ShellStream> {
  // A chunk may end inside a UTF-8 character; the decoder keeps its first bytes for the next.
  const decoder = new StringDecoder('utf8');
  let tail = '';
  let exitCode: number | null = null;
  const handleLine = (raw: string): void => {
    const line = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
    if (options.exitStatus) {
      const marker = splitExitMarker(`${line}\n`);
      if (marker && marker.stdout === '') {
        exitCode = marker.exitCode;
        return;
      }
    }
    options.onLine(line);
  };
  let resolveDone: (code: number | null) => void = () => {};
  const done = new Promise<number | null>((resolve) => {
    resolveDone = resolve;
  });
  const { host, port = 5037 } = device.client.options;
  const stream = await openAdbHostStream({ host, port }, device.serial, `shell:${options.exitStatus ? withExitMarker(script) : script}`, {
    onData: (bytes) => {
      const lines = (tail + decoder.write(bytes)).split('\n');
      tail = lines.pop() ?? '';
      for (let i = 0; i < lines.length; i++) handleLine(lines[i]!);
      options.onChunkEnd?.();
    },
    onClose: () => {
      // Only whole lines are passed on. What is left without its newline was cut off (the phone unplugged, the
      // stream stopped): every command streamed here ends its lines, and a cut line would be misread (a reading
      // of 41500 cut to 415, a tool's average cut to its first digits).
      tail = '';
      resolveDone(exitCode);
    },
  }, OPEN_TIMEOUT_MS);
  return { done, stop: () => stream.stop() };
}
