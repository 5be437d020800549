// Plist requests and replies on a lockdown-style socket: a 4-byte big-endian length, then a
// plist (we send XML; a phone answers XML, some services binary). One request at a time.
//
// Our own reader rather than appium's PlistService for two reasons: the socket can be handed
// on (to TLS, after StartSession) with no reader left on it, and 64-bit integers survive —
// a JavaScript number cannot hold 18446744073709551466, which is how an unsigned field
// carries −150 mA.
import type { Duplex } from 'node:stream';
import { build as buildPlist, parse as parsePlist, parseBinary, type PlistValue } from 'plist';

const MAX_REPLY_BYTES = 4 << 20;
const INT64_WRAP = /<integer>(\d{19,20})<\/integer>/g;

/** An XML or binary plist dictionary; integers at or past 2^63 are read as the signed 64-bit value they encode. */
export function parseDevicePlist(body: Uint8Array): Record<string, unknown> {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const value =
    bytes.subarray(0, 6).toString('latin1') === 'bplist'
      ? parseBinary(bytes)
      : parsePlist(bytes.toString('utf8').replace(INT64_WRAP, (whole, digits: string) => {
          const n = BigInt(digits);
          return n >= 2n ** 63n && n < 2n ** 64n ? `<integer>${BigInt.asIntN(64, n).toString()}</integer>` : whole;
        }));
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || value instanceof Date) throw new Error('not a dictionary');
  return value as Record<string, unknown>;
}

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
      const body = Buffer.from(buildPlist(message as PlistValue), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length, 0);
      this.#socket.write(Buffer.concat([length, body]));
    });
  }

  /** Sends without waiting for a reply (Goodbye). */
  send(message: Record<string, unknown>): void {
    if (this.#ended || this.#socket.destroyed) return;
    const body = Buffer.from(buildPlist(message as PlistValue), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    this.#socket.write(Buffer.concat([length, body]));
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
