// File transfers over adb's sync service, each bounded in time and settled once.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { AdbkitDeviceClient } from './adbkit.js';
import { AndroidDeviceError, DeviceCommandTimeoutError } from './errors.js';

export interface PushOptions {
  mode: number;
  /** No progress for this long is a stalled transfer. */
  stallMs: number;
  onProgress?: (bytes: number) => void;
}

/**
 * Settles a transfer once: with its result, its error, or a timeout when no progress was
 * seen for `stallMs` (each `progress()` call re-arms it).
 */
function transferGuard<T>(stallMs: number, onStall: () => Error, resolve: (v: T) => void, reject: (e: Error) => void) {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const settle = (fn: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    fn();
  };
  const progress = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => settle(() => reject(onStall())), stallMs);
  };
  progress();
  return { progress, done: (value: T) => settle(() => resolve(value)), fail: (error: Error) => settle(() => reject(error)) };
}

export async function pushToPhone(device: AdbkitDeviceClient, serial: string, source: string | Buffer, remotePath: string, options: PushOptions): Promise<number> {
  const stream = typeof source === 'string' ? createReadStream(source) : Readable.from([source]);
  const transfer = await device.push(stream, remotePath, options.mode);
  return await new Promise<number>((resolve, reject) => {
    const guard = transferGuard<number>(
      options.stallMs,
      () => {
        transfer.cancel();
        stream.destroy();
        return new DeviceCommandTimeoutError(serial, `copying a file to ${remotePath}`, options.stallMs);
      },
      resolve,
      reject,
    );
    transfer.on('progress', (stats: { bytesTransferred: number }) => {
      guard.progress();
      options.onProgress?.(stats.bytesTransferred);
    });
    transfer.on('end', () => guard.done(transfer.stats.bytesTransferred));
    transfer.on('error', (error: Error) => guard.fail(new AndroidDeviceError(`Copying to ${remotePath} on ${serial} failed: ${error.message}`)));
    stream.on('error', (error: Error) => guard.fail(new AndroidDeviceError(`Reading the file to copy failed: ${error.message}`)));
  });
}

export async function pullFromPhone(device: AdbkitDeviceClient, serial: string, remotePath: string, stallMs: number): Promise<Buffer> {
  const transfer = await device.pull(remotePath);
  return await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const guard = transferGuard<Buffer>(
      stallMs,
      () => {
        transfer.destroy();
        return new DeviceCommandTimeoutError(serial, `copying ${remotePath} from the phone`, stallMs);
      },
      resolve,
      reject,
    );
    transfer.on('data', (chunk: Buffer) => {
      guard.progress();
      chunks.push(chunk);
    });
    // adbkit emits 'end' before 'error' for a missing file: wait a tick before trusting 'end'.
    transfer.on('end', () => setImmediate(() => guard.done(Buffer.concat(chunks))));
    transfer.on('error', (error: Error) => guard.fail(new AndroidDeviceError(`Copying ${remotePath} from ${serial} failed: ${error.message}`)));
  });
}
