// usbmuxd's Listen: one socket that stays open and receives Attached / Detached events.
// appium-ios-device has no Listen, so this small client speaks it directly, with the wire
// structs the virtual iPhone's usbmuxd uses (wire/usbmux-protocol.ts).
import type { Socket } from 'node:net';
import { connectUsbmuxd, type UsbmuxAddress } from './usbmux-address.js';
import { decodePlistDict, type PlistObject } from './wire/plist-codec.js';
import { encodeUsbmuxMessage, USBMUX_MAX_MESSAGE_BYTES, UsbmuxHeader } from './wire/usbmux-protocol.js';

export { encodeUsbmuxMessage };

export type UsbmuxEvent =
  | { type: 'attached'; deviceId: number; udid: string; connectionType: string }
  | { type: 'detached'; deviceId: number };

/** Splits a byte stream into usbmuxd plist messages; returns the rest and any framing problem. */
export function decodeUsbmuxMessages(buffer: Buffer): { messages: PlistObject[]; rest: Buffer; problem: string | null } {
  const messages: PlistObject[] = [];
  let offset = 0;
  while (buffer.length - offset >= UsbmuxHeader.size) {
    const { length } = UsbmuxHeader.decode(buffer, offset);
    if (length < UsbmuxHeader.size || length > USBMUX_MAX_MESSAGE_BYTES) return { messages, rest: Buffer.alloc(0), problem: `a message of ${length} bytes` };
    if (buffer.length - offset < length) break;
    const body = buffer.subarray(offset + UsbmuxHeader.size, offset + length);
    offset += length;
    try {
      messages.push(decodePlistDict(body));
    } catch {
      return { messages, rest: Buffer.alloc(0), problem: 'a message that is not a plist' };
    }
  }
  return { messages, rest: buffer.subarray(offset), problem: null };
}

function toEvent(message: PlistObject): UsbmuxEvent | null {
  const type = message['MessageType'];
  const deviceId = Number(message['DeviceID']);
  if (type === 'Attached') {
    const props = (message['Properties'] ?? {}) as Record<string, unknown>;
    const udid = props['SerialNumber'];
    if (typeof udid !== 'string') return null;
    return { type: 'attached', deviceId, udid, connectionType: typeof props['ConnectionType'] === 'string' ? props['ConnectionType'] : 'USB' };
  }
  if (type === 'Detached') return { type: 'detached', deviceId };
  return null;
}

export interface UsbmuxListener {
  /** Resolves when usbmuxd accepted the Listen; rejects if it could not be reached. */
  readonly ready: Promise<void>;
  close(): void;
}

/** Listens until closed or the socket ends (onEnd then tells why; the caller reconnects). */
export function listenUsbmux(address: UsbmuxAddress, onEvent: (event: UsbmuxEvent) => void, onEnd: (why: string) => void): UsbmuxListener {
  let socket: Socket | null = null;
  let closed = false;
  let ended = false;
  const end = (why: string): void => {
    if (ended) return;
    ended = true;
    socket?.destroy();
    if (!closed) onEnd(why);
  };
  const ready = (async () => {
    socket = await connectUsbmuxd(address);
    if (closed) {
      socket.destroy();
      return;
    }
    let pending: Buffer = Buffer.alloc(0);
    let accepted: ((ok: boolean) => void) | null = null;
    const acceptance = new Promise<boolean>((resolve) => (accepted = resolve));
    socket.on('data', (chunk: Buffer) => {
      const { messages, rest, problem } = decodeUsbmuxMessages(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const message of messages) {
        if (message['MessageType'] === 'Result') {
          accepted?.(Number(message['Number']) === 0);
          accepted = null;
          continue;
        }
        const event = toEvent(message);
        if (event) onEvent(event);
      }
      if (problem) end(`usbmuxd sent ${problem}`);
    });
    socket.on('error', (e) => end(e.message));
    socket.on('close', () => {
      accepted?.(false);
      end('usbmuxd closed the connection');
    });
    socket.write(encodeUsbmuxMessage({ MessageType: 'Listen', ClientVersionString: 'tetherscope', ProgName: 'tetherscope', kLibUSBMuxVersion: 3 }, 1));
    const timer = setTimeout(() => accepted?.(false), 5000);
    const ok = await acceptance;
    clearTimeout(timer);
    if (!ok) {
      end('usbmuxd refused to listen');
      throw new Error('usbmuxd refused to listen');
    }
  })();
  ready.catch(() => {});
  return {
    ready,
    close: () => {
      closed = true;
      socket?.destroy();
    },
  };
}
