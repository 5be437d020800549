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

export async function pushToPhone(device: AdbkitDeviceClient, serial: string, source: string | Buffer, remotePath: string, options: PushOptions): Promise<number> {
  const stream = typeof source === 'string' ? createReadStream(source) : Readable.from([source]);
  const transfer = await device.push(stream, remotePath, options.mode);
  return await new Promise<number>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        transfer.cancel();
        stream.destroy();
        settle(() => reject(new DeviceCommandTimeoutError(serial, `copying a file to ${remotePath}`, options.stallMs)));
      }, options.stallMs);
    };
    arm();
    transfer.on('progress', (stats: { bytesTransferred: number }) => {
      arm();
      options.onProgress?.(stats.bytesTransferred);
    });
    transfer.on('end', () => settle(() => resolve(transfer.stats.bytesTransferred)));
    transfer.on('error', (error: Error) => settle(() => reject(new AndroidDeviceError(`Copying to ${remotePath} on ${serial} failed: ${error.message}`))));
    stream.on('error', (error: Error) => settle(() => reject(new AndroidDeviceError(`Reading the file to copy failed: ${error.message}`))));
  });
}

export async function pullFromPhone(device: AdbkitDeviceClient, serial: string, remotePath: string, stallMs: number): Promise<Buffer> {
  const transfer = await device.pull(remotePath);
  return await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    let timer: NodeJS.Timeout;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        transfer.destroy();
        settle(() => reject(new DeviceCommandTimeoutError(serial, `copying ${remotePath} from the phone`, stallMs)));
      }, stallMs);
    };
    arm();
    transfer.on('data', (chunk: Buffer) => {
      arm();
      chunks.push(chunk);
    });
    // adbkit emits 'end' before 'error' for a missing file: wait a tick before trusting 'end'.
    transfer.on('end', () => setImmediate(() => settle(() => resolve(Buffer.concat(chunks)))));
    transfer.on('error', (error: Error) => settle(() => reject(new AndroidDeviceError(`Copying ${remotePath} from ${serial} failed: ${error.message}`))));
  });
}
