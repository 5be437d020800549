// lockdownd and its plist services (diagnostics_relay, house_arrest, installation_proxy)
// frame each message as a 4-byte big-endian length, then a property list. Clients send XML
// (libimobiledevice) or binary (appium-ios-device); the phone answers XML.
import type { Duplex } from 'node:stream';
import { ByteQueue } from '../wire/byte-queue.js';
import { PlistCodecError, PlistServiceProtocolError } from './errors.js';
import { decodePlistDict, type PlistObject } from '../ios/wire/plist-codec.js';
import { encodePlistFrame, PLIST_FRAME_LENGTH_BYTES } from '../ios/wire/plist-frame.js';
import { handOffStream } from './stream-handoff.js';
import type { VirtualIphoneEvent, VirtualIphoneLog } from './virtual-iphone-log.js';

export const PLIST_SERVICE_LENGTH_BYTES = PLIST_FRAME_LENGTH_BYTES;
/** Larger messages close the connection (lockdownd's own limit is far lower). */
export const PLIST_SERVICE_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export type PlistServiceName = Extract<VirtualIphoneEvent, { kind: 'request' }>['protocol'];

/** What to do after a request: answer, then keep reading, close, or give the stream to another protocol. */
export interface PlistServiceStep {
  readonly replies?: readonly PlistObject[];
  readonly then?: 'continue' | 'close' | { readonly handOff: (stream: Duplex) => void };
}

export interface PlistServiceOptions {
  readonly protocol: PlistServiceName;
  readonly log: VirtualIphoneLog;
  readonly stalledMessageMs: number;
}

export const encodePlistServiceMessage = encodePlistFrame;

/** Reads framed plists from `stream` and answers each through `handle`, one at a time. */
export function servePlistService(stream: Duplex, options: PlistServiceOptions, handle: (request: PlistObject) => PlistServiceStep): void {
  const queue = new ByteQueue();
  let stallTimer: NodeJS.Timeout | undefined;
  let done = false;
  const fail = (message: string): void => {
    options.log({ kind: 'protocol-error', protocol: options.protocol, message });
    finish();
    stream.destroy();
  };
  const finish = (): void => {
    done = true;
    clearTimeout(stallTimer);
    stream.removeListener('data', onData);
  };
  const onData = (chunk: Buffer): void => {
    if (done) return;
    queue.push(chunk);
    while (!done && !stream.destroyed) {
      if (queue.length < PLIST_SERVICE_LENGTH_BYTES) break;
      const lengthBytes = queue.peek(PLIST_SERVICE_LENGTH_BYTES);
      const length = lengthBytes.readUInt32BE(0);
      if (length === 0 || length > PLIST_SERVICE_MAX_MESSAGE_BYTES) {
        fail(new PlistServiceProtocolError(`message length ${length} out of range`).message);
        return;
      }
      if (queue.length < PLIST_SERVICE_LENGTH_BYTES + length) break;
      const message = queue.take(PLIST_SERVICE_LENGTH_BYTES + length);
      let request: PlistObject;
      try {
        request = decodePlistDict(message.subarray(PLIST_SERVICE_LENGTH_BYTES));
      } catch (error) {
        if (!(error instanceof PlistCodecError)) throw error;
        fail(error.message);
        return;
      }
      options.log({ kind: 'request', protocol: options.protocol, request });
      let step: PlistServiceStep;
      let replies: Buffer[];
      try {
        step = handle(request);
        replies = (step.replies ?? []).map(encodePlistServiceMessage);
      } catch (error) {
        // A bug behind a handler (or a body reading that cannot be encoded) drops this connection, not the phone.
        fail(`handler failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      for (const reply of replies) stream.write(reply);
      const then = step.then ?? 'continue';
      if (then === 'close') {
        finish();
        stream.end();
        return;
      }
      if (then !== 'continue') {
        finish();
        handOffStream(stream, onData, queue.takeAll());
        then.handOff(stream);
        return;
      }
    }
    clearTimeout(stallTimer);
    if (queue.length > 0) stallTimer = setTimeout(() => fail('message stalled part-way'), options.stalledMessageMs);
  };
  stream.on('data', onData);
  stream.on('error', () => stream.destroy());
  stream.on('close', () => clearTimeout(stallTimer));
}
