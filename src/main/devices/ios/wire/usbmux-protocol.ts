// usbmuxd's client protocol (libusbmuxd include/usbmuxd-proto.h): a 16-byte little-endian
// header, then (version 1, message PLIST) an XML property list.
import { wireStruct } from '../../wire/wire-struct.js';
import type { WireStructValue } from '../../wire/wire-struct.js';
import { encodeXmlPlist, type PlistObject } from './plist-codec.js';

export const UsbmuxHeader = wireStruct({ length: 'u32', version: 'u32', message: 'u32', tag: 'u32' });
export type UsbmuxHeader = WireStructValue<typeof UsbmuxHeader>;

export const UsbmuxVersion = { Binary: 0, Plist: 1 } as const;
export type UsbmuxVersion = (typeof UsbmuxVersion)[keyof typeof UsbmuxVersion];

export const UsbmuxMessage = {
  Result: 1,
  Connect: 2,
  Listen: 3,
  DeviceAdd: 4,
  DeviceRemove: 5,
  DevicePaired: 6,
  Plist: 8,
} as const;
export type UsbmuxMessage = (typeof UsbmuxMessage)[keyof typeof UsbmuxMessage];

/** `Number` of a Result reply. */
export const UsbmuxResult = {
  Ok: 0,
  BadCommand: 1,
  BadDevice: 2,
  ConnectionRefused: 3,
  BadVersion: 6,
} as const;
export type UsbmuxResult = (typeof UsbmuxResult)[keyof typeof UsbmuxResult];

/** Requests larger than this end the connection (pair records are a few KiB). */
export const USBMUX_MAX_MESSAGE_BYTES = 1024 * 1024;

/** Events (Attached, Detached) carry tag 0. */
export const USBMUX_EVENT_TAG = 0;

export function encodeUsbmuxMessage(payload: PlistObject, tag: number): Buffer {
  const body = encodeXmlPlist(payload);
  const header = UsbmuxHeader.encode({ length: UsbmuxHeader.size + body.length, version: UsbmuxVersion.Plist, message: UsbmuxMessage.Plist, tag });
  return Buffer.concat([header, body]);
}

export function usbmuxResult(number: UsbmuxResult): PlistObject {
  return { MessageType: 'Result', Number: number };
}

/** The port a Connect asks for: clients send htons(port) stored in a host-order integer. */
export function usbmuxPortFromWire(portNumber: number): number {
  return ((portNumber & 0xff) << 8) | ((portNumber >> 8) & 0xff);
}
