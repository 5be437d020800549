import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdbProtocolError } from '../errors.js';
import { ADB_MAX_PAYLOAD, AdbCommand, AdbPacketHeader, AdbPacketReader, adbChecksum, encodeAdbPacket } from './packet.js';

describe('AdbPacket', () => {
  it('encodes the 24-byte little-endian header with magic and byte-sum checksum', () => {
    const bytes = encodeAdbPacket({ command: AdbCommand.Write, arg0: 1, arg1: 0x3c, payload: Buffer.from('hi') }, true);
    expect(bytes.length).toBe(AdbPacketHeader.size + 2);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('WRTE');
    expect(AdbPacketHeader.decode(bytes)).toEqual({
      command: AdbCommand.Write,
      arg0: 1,
      arg1: 0x3c,
      payloadLength: 2,
      checksum: 0x68 + 0x69,
      magic: (AdbCommand.Write ^ 0xffffffff) >>> 0,
    });
    expect(AdbPacketHeader.decode(encodeAdbPacket({ command: AdbCommand.Okay, arg0: 1, arg1: 2, payload: Buffer.from('x') }, false)).checksum).toBe(0);
  });

  it('reassembles packets whatever the chunking, ignoring checksums', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ arg0: fc.nat(), arg1: fc.nat(), payload: fc.uint8Array({ maxLength: 300 }) }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (packets, cuts) => {
          const wire = Buffer.concat(
            packets.map((p) => {
              const encoded = encodeAdbPacket({ command: AdbCommand.Write, arg0: p.arg0, arg1: p.arg1, payload: Buffer.from(p.payload) }, true);
              encoded.writeUInt32LE(0xdeadbeef, 16); // a wrong checksum must not matter
              return encoded;
            }),
          );
          const reader = new AdbPacketReader(() => ADB_MAX_PAYLOAD);
          const out = [];
          let at = 0;
          for (let i = 0; at < wire.length; i++) {
            const size = cuts[i % cuts.length]!;
            out.push(...reader.push(wire.subarray(at, at + size)));
            at += size;
          }
          expect(out.map((p) => [p.arg0, p.arg1, [...p.payload]])).toEqual(packets.map((p) => [p.arg0, p.arg1, [...p.payload]]));
        },
      ),
    );
  });

  it('rejects a bad magic and an oversized payload', () => {
    const bad = encodeAdbPacket({ command: AdbCommand.Open, arg0: 1, arg1: 0, payload: Buffer.alloc(0) }, false);
    bad.writeUInt32LE(0, 20);
    expect(() => new AdbPacketReader(() => 4096).push(bad)).toThrow(AdbProtocolError);
    const big = encodeAdbPacket({ command: AdbCommand.Write, arg0: 1, arg1: 1, payload: Buffer.alloc(5000) }, false);
    expect(() => new AdbPacketReader(() => 4096).push(big)).toThrow(/exceeds/);
  });

  it('sums bytes as adbd does', () => {
    expect(adbChecksum(Buffer.from([0xff, 0xff, 1]))).toBe(511);
  });
});
