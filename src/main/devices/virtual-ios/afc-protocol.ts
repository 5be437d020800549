// Apple File Conduit (libimobiledevice src/afc.h; appium-ios-device lib/afc/protocol.js):
// 8-byte magic `CFA6LPAA`, then four little-endian u64 — entire length, this (header +
// header payload) length, packet number, operation. Data follows the header payload.
import { wireStruct } from '../wire/wire-struct.js';
import type { WireStructValue } from '../wire/wire-struct.js';

export const AFC_MAGIC = Buffer.from('CFA6LPAA', 'latin1');
export const AfcPacketHeader = wireStruct({ entireLength: 'u64', thisLength: 'u64', packetNumber: 'u64', operation: 'u64' });
export type AfcPacketHeader = WireStructValue<typeof AfcPacketHeader>;
export const AFC_HEADER_BYTES = AFC_MAGIC.length + AfcPacketHeader.size;

/** Packets larger than this close the connection (hosts write files in ≤ 1 MiB chunks). */
export const AFC_MAX_PACKET_BYTES = 64 * 1024 * 1024;

export const AfcOperation = {
  Status: 0x01,
  Data: 0x02,
  ReadDir: 0x03,
  RemovePath: 0x08,
  MakeDir: 0x09,
  GetFileInfo: 0x0a,
  GetDeviceInfo: 0x0b,
  FileOpen: 0x0d,
  FileOpenResult: 0x0e,
  FileRead: 0x0f,
  FileWrite: 0x10,
  FileSeek: 0x11,
  FileTell: 0x12,
  FileTellResult: 0x13,
  FileClose: 0x14,
  FileSetSize: 0x15,
  RenamePath: 0x18,
  RemovePathAndContents: 0x22,
} as const;
export type AfcOperation = (typeof AfcOperation)[keyof typeof AfcOperation];

export const AfcStatus = {
  Success: 0,
  UnknownError: 1,
  OpHeaderInvalid: 2,
  UnknownPacketType: 6,
  InvalidArg: 7,
  ObjectNotFound: 8,
  ObjectIsDir: 9,
  PermDenied: 10,
  EndOfData: 14,
  ObjectExists: 16,
  NoSpaceLeft: 18,
  DirNotEmpty: 33,
} as const;
export type AfcStatus = (typeof AfcStatus)[keyof typeof AfcStatus];

/** FileOpen modes (afc_file_mode_t). */
export const AfcFileMode = {
  ReadOnly: 1,
  ReadWrite: 2,
  WriteOnly: 3,
  ReadWriteTruncate: 4,
  Append: 5,
  ReadAppend: 6,
} as const;
export type AfcFileMode = (typeof AfcFileMode)[keyof typeof AfcFileMode];

export interface AfcPacket {
  readonly packetNumber: number;
  readonly operation: number;
  readonly headerPayload: Buffer;
  readonly data: Buffer;
}

export function encodeAfcPacket(packet: AfcPacket): Buffer {
  const thisLength = AFC_HEADER_BYTES + packet.headerPayload.length;
  const header = AfcPacketHeader.encode({
    entireLength: thisLength + packet.data.length,
    thisLength,
    packetNumber: packet.packetNumber,
    operation: packet.operation,
  });
  return Buffer.concat([AFC_MAGIC, header, packet.headerPayload, packet.data]);
}

/** Strings in AFC payloads are NUL-terminated by libimobiledevice and not by appium; accept both. */
export function afcString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end === -1 ? bytes.length : end);
}

/** `a\0b\0` lists (directory entries, key/value pairs). */
export function afcStringList(items: readonly string[]): Buffer {
  return Buffer.from(items.map((item) => `${item}\0`).join(''), 'utf8');
}

export function afcU64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value), 0);
  return bytes;
}
