// Plist requests and replies on a lockdown-style socket: a 4-byte big-endian length, then a
// plist (we send XML; a phone answers XML, some services binary). One request at a time.
//
// Our own reader rather than appium's PlistService for two reasons: the socket can be handed
// on (to TLS, after StartSession) with no reader left on it, and 64-bit integers survive
// (the shared plist codec reads them signed; appium's parser turns them into inexact doubles).
import type { Duplex } from 'node:stream';
import { decodePlistDict, type PlistObject } from './wire/plist-codec.js';
import { encodePlistFrame } from './wire/plist-frame.js';

const MAX_REPLY_BYTES = 4 << 20;

/** An XML or binary plist dictionary, 64-bit integers read as the signed values they encode. */
export function parseDevicePlist(body: Uint8Array): Record<string, unknown> {
  return decodePlistDict(body);
}

const frame = (message: Record<string, unknown>): Buffer => encodePlistFrame(message as PlistObject);

export class LockdownChannel {
  readonly #socket: Duplex;
  #buffer: Buffer = Buffer.alloc(0);
  #waiter: ((reply: Record<string, unknown> | Error) => void) | null = null;
  #ended: Error | null = null;
  readonly #onData = (chunk: Buffer): void => this.#read(chunk);
  readonly #onEnd = (): void => this.#fail(new Error('the phone closed the connection'));
  readonly #onError = (e: Error): void => this.#fail(e);

  constructor(socket: Duplex) {
    this.#socket = socket;
    socket.on('data', this.#onData);
    socket.on('close', this.#onEnd);
    socket.on('error', this.#onError);
    // A socket that came through a usbmuxd Connect is paused until someone reads it.
    socket.resume();
  }

  request(message: Record<string, unknown>, timeoutMs: number): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      if (this.#ended) return reject(this.#ended);
      if (this.#waiter) return reject(new Error('a lockdown request is already waiting for its reply'));
      const timer = setTimeout(() => {
        this.#waiter = null;
        reject(new Error(`Failed to receive any data within the timeout: ${timeoutMs}`));
      }, timeoutMs);
      this.#waiter = (reply) => {
        clearTimeout(timer);
        this.#waiter = null;
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      };
      this.#socket.write(frame(message));
    });
  }

  /** Sends without waiting for a reply (Goodbye). */
  send(message: Record<string, unknown>): void {
    if (this.#ended || this.#socket.destroyed) return;
    this.#socket.write(frame(message));
  }

  /** Stops reading and leaves the socket paused, for TLS to take over. */
  release(): Duplex {
    this.#socket.off('data', this.#onData);
    this.#socket.off('close', this.#onEnd);
    this.#socket.off('error', this.#onError);
    this.#socket.pause();
    return this.#socket;
  }

  close(): void {
    this.release();
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 4) {
      const length = this.#buffer.readUInt32BE(0);
      if (length > MAX_REPLY_BYTES) return this.#fail(new Error(`the phone announced a reply of ${length} bytes`));
      if (this.#buffer.length < 4 + length) return;
      const body = this.#buffer.subarray(4, 4 + length);
      this.#buffer = this.#buffer.subarray(4 + length);
      let reply: Record<string, unknown> | Error;
      try {
        reply = parseDevicePlist(body);
      } catch (error) {
        reply = new Error(`the phone sent a reply that is not a plist dictionary (${error instanceof Error ? error.message : String(error)})`);
      }
      this.#waiter?.(reply);
    }
  }

  #fail(error: Error): void {
    this.#ended ??= error;
    this.#waiter?.(error);
  }
}
