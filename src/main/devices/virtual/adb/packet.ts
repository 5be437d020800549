import { AdbProtocolError } from '../errors.js';
import { ByteQueue } from '../../wire/byte-queue.js';
import { wireStruct } from '../../wire/wire-struct.js';
import type { WireStructValue } from '../../wire/wire-struct.js';

export const AdbCommand = {
  Auth: 0x48545541, // 'AUTH'
  Close: 0x45534c43, // 'CLSE'
  Connect: 0x4e584e43, // 'CNXN'
  Okay: 0x59414b4f, // 'OKAY'
  Open: 0x4e45504f, // 'OPEN'
  Write: 0x45545257, // 'WRTE'
} as const;
export type AdbCommand = (typeof AdbCommand)[keyof typeof AdbCommand];

export const AdbAuthType = { Token: 1, Signature: 2, PublicKey: 3 } as const;
export type AdbAuthType = (typeof AdbAuthType)[keyof typeof AdbAuthType];

export const AdbProtocolVersion = {
  Min: 0x01000000,
  SkipChecksum: 0x01000001,
} as const;
export type AdbProtocolVersion = (typeof AdbProtocolVersion)[keyof typeof AdbProtocolVersion];

/** CNXN and AUTH must fit here: they travel before the peer's limit is known. */
export const ADB_MAX_PAYLOAD_V1 = 4096;
export const ADB_MAX_PAYLOAD = 1024 * 1024;

export const AdbPacketHeader = wireStruct({
  command: 'u32',
  arg0: 'u32',
  arg1: 'u32',
  payloadLength: 'u32',
  checksum: 'u32',
  magic: 'u32',
});
export type AdbPacketHeader = WireStructValue<typeof AdbPacketHeader>;

export interface AdbPacket {
  readonly command: number;
  readonly arg0: number;
  readonly arg1: number;
  readonly payload: Buffer;
}

export function adbCommandName(command: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(command >>> 0);
  return b.toString('latin1');
}

/** The byte sum adbd calls `data_crc32`; receivers never check it. */
export function adbChecksum(payload: Uint8Array): number {
  let sum = 0;
  for (const byte of payload) sum += byte;
  return sum >>> 0;
}

export function encodeAdbPacket(packet: AdbPacket, withChecksum: boolean): Buffer {
  const out = Buffer.allocUnsafe(AdbPacketHeader.size + packet.payload.length);
  AdbPacketHeader.encode(
    {
      command: packet.command,
      arg0: packet.arg0,
      arg1: packet.arg1,
      payloadLength: packet.payload.length,
      checksum: withChecksum ? adbChecksum(packet.payload) : 0,
      magic: (packet.command ^ 0xffffffff) >>> 0,
    },
    out,
  );
  packet.payload.copy(out, AdbPacketHeader.size);
  return out;
}

/**
 * Cuts a TCP byte stream into packets. Like adbd's `check_header` it validates
 * only the magic and the length, never the checksum.
 */
export class AdbPacketReader {
  readonly #queue = new ByteQueue();
  #header: AdbPacketHeader | undefined;

  constructor(private readonly maxPayload: () => number) {}

  push(chunk: Uint8Array): AdbPacket[] {
    this.#queue.push(chunk);
    const packets: AdbPacket[] = [];
    for (;;) {
      if (this.#header === undefined) {
        if (this.#queue.length < AdbPacketHeader.size) break;
        const header = AdbPacketHeader.decode(this.#queue.take(AdbPacketHeader.size));
        if (header.magic !== (header.command ^ 0xffffffff) >>> 0) {
          throw new AdbProtocolError(`bad magic for ${adbCommandName(header.command)}`);
        }
        if (header.payloadLength > this.maxPayload()) {
          throw new AdbProtocolError(`payload of ${header.payloadLength} bytes exceeds ${this.maxPayload()}`);
        }
        this.#header = header;
      }
      const header: AdbPacketHeader = this.#header;
      if (this.#queue.length < header.payloadLength) break;
      // Node hands each 'data' event a fresh buffer, so a view into it is safe to keep.
      const payload = this.#queue.take(header.payloadLength);
      this.#header = undefined;
      packets.push({ command: header.command, arg0: header.arg0, arg1: header.arg1, payload });
    }
    return packets;
  }
}
