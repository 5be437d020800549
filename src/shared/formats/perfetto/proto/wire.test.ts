// The wire codec against itself (properties over random values) and against hand-computed bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtoChunkWriter, ProtoMemorySink } from './chunks.js';
import { ProtoDecoder } from './decoder.js';
import { ProtoEncoder } from './encoder.js';
import { ProtoDecodeError, zigzagDecode32, zigzagDecode64, zigzagEncode32, zigzagEncode64 } from './wire.js';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function encoded(write: (e: ProtoEncoder) => void): Uint8Array {
  const e = new ProtoEncoder(4);
  write(e);
  return e.view().slice();
}

describe('ProtoEncoder', () => {
  it('writes the bytes the protobuf spec gives', () => {
    expect(hex(encoded((e) => e.uint(1, 150)))).toBe('089601');
    expect(hex(encoded((e) => e.int(2, -1)))).toBe('10ffffffffffffffffff01');
    expect(hex(encoded((e) => e.sint32(3, -2)))).toBe('1803');
    expect(hex(encoded((e) => e.string(2, 'testing')))).toBe('120774657374696e67');
    expect(hex(encoded((e) => e.int64(8, 2n ** 63n)))).toBe('40808080808080808080' + '01');
    expect(hex(encoded((e) => e.double(44, 1)))).toBe('e102000000000000f03f');
    expect(hex(encoded((e) => e.fixed64(47, 1n)))).toBe('f9020100000000000000');
    expect(hex(encoded((e) => e.uint(38, 0)))).toBe('b00200');
  });

  it('shifts nested messages of 128 bytes and more to fit their length', () => {
    const bytes = encoded((e) => {
      const outer = e.fork(1);
      const inner = e.fork(2);
      e.string(3, 'x'.repeat(300));
      e.join(inner);
      e.uint(4, 7);
      e.join(outer);
    });
    const d = new ProtoDecoder(bytes);
    expect(d.tag()).toBe((1 << 3) | 2);
    const outer = d.message();
    expect(outer.tag()).toBe((2 << 3) | 2);
    const inner = outer.message();
    expect(inner.tag()).toBe((3 << 3) | 2);
    expect(inner.string()).toBe('x'.repeat(300));
    expect(outer.tag()).toBe(4 << 3);
    expect(outer.uint32()).toBe(7);
    expect(d.done).toBe(true);
  });

  it('keeps every value when its buffer grows in the middle of a write', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }).map((v) => ({ kind: 'double' as const, v })),
      fc.integer().map((v) => ({ kind: 'sfixed32' as const, v })),
      fc.uint8Array({ maxLength: 40 }).map((v) => ({ kind: 'bytes' as const, v })),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        const e = new ProtoEncoder(1);
        values.forEach((x, i) => {
          if (x.kind === 'double') e.double(i + 1, x.v);
          else if (x.kind === 'sfixed32') e.sfixed32(i + 1, x.v);
          else e.bytes(i + 1, x.v);
        });
        const d = new ProtoDecoder(e.view().slice());
        values.forEach((x, i) => {
          expect(d.tag() >>> 3).toBe(i + 1);
          if (x.kind === 'double') expect(Object.is(d.double(), x.v)).toBe(true);
          else if (x.kind === 'sfixed32') expect(d.sfixed32()).toBe(x.v);
          else expect(d.bytesField()).toEqual(x.v);
        });
        expect(d.done).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('frames a body as a field of an outer message without moving it', () => {
    const e = new ProtoEncoder();
    e.uint(8, 5);
    e.frame(1);
    expect(hex(e.buffer.subarray(e.frameStart, e.frameEnd))).toBe('0a024005');
  });
});

describe('ProtoDecoder', () => {
  it('round-trips every scalar kind', () => {
    fc.assert(
      fc.property(
        fc.record({
          u: fc.maxSafeNat(),
          i: fc.integer(),
          s32: fc.integer(),
          big: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          ubig: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
          f: fc.double({ noNaN: true }),
          text: fc.string({ unit: 'grapheme', maxLength: 200 }),
          flag: fc.boolean(),
        }),
        (v) => {
          const bytes = encoded((e) => {
            e.uint(1, v.u);
            e.int(2, v.i);
            e.sint32(3, v.s32);
            e.int64(4, v.big);
            e.sint64(5, v.big);
            e.int64(6, v.ubig);
            e.double(7, v.f);
            e.string(8, v.text);
            e.bool(9, v.flag);
            e.sfixed32(10, v.s32);
            e.fixed64(11, v.ubig);
          });
          const d = new ProtoDecoder(bytes);
          const next = () => d.tag() >>> 3;
          expect(next()).toBe(1);
          expect(d.varint()).toBe(v.u);
          expect(next()).toBe(2);
          expect(d.int32()).toBe(v.i | 0);
          expect(next()).toBe(3);
          expect(d.sint32()).toBe(v.s32);
          expect(next()).toBe(4);
          expect(d.int64()).toBe(v.big);
          expect(next()).toBe(5);
          expect(d.sint64()).toBe(v.big);
          expect(next()).toBe(6);
          expect(d.uint64()).toBe(v.ubig);
          expect(next()).toBe(7);
          expect(Object.is(d.double(), v.f)).toBe(true);
          expect(next()).toBe(8);
          expect(d.string()).toBe(v.text);
          expect(next()).toBe(9);
          expect(d.bool()).toBe(v.flag);
          expect(next()).toBe(10);
          expect(d.sfixed32()).toBe(v.s32);
          expect(next()).toBe(11);
          expect(d.fixed64()).toBe(v.ubig);
          expect(d.done).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('zigzag maps small magnitudes to small numbers', () => {
    expect([0, -1, 1, -2, 2147483647, -2147483648].map(zigzagEncode32)).toEqual([0, 1, 2, 3, 4294967294, 4294967295]);
    fc.assert(fc.property(fc.integer(), (n) => zigzagDecode32(zigzagEncode32(n)) === n));
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => zigzagDecode64(zigzagEncode64(n)) === n),
    );
  });

  it('throws ProtoDecodeError on cut-off and overlong input', () => {
    expect(() => new ProtoDecoder(new Uint8Array([0x96])).varint()).toThrow(/cut off/);
    expect(() => new ProtoDecoder(new Uint8Array(11).fill(0xff)).varint()).toThrow(/longer than 10 bytes/);
    const d = new ProtoDecoder(new Uint8Array([0x12, 0x05, 0x01]));
    d.tag();
    expect(() => d.bytesField()).toThrow(/claims 5 bytes/);
    expect(() => new ProtoDecoder(new Uint8Array([0x0b])).skip(3)).toThrow(/wire type 3/);
    expect(() => new ProtoDecoder(new Uint8Array([0x00])).tag()).toThrow(/number 0/);
  });

  it('never throws anything but ProtoDecodeError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const d = new ProtoDecoder(bytes);
        try {
          while (!d.done) d.skip(d.tag() & 7);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtoDecodeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ProtoChunkWriter', () => {
  it('hands full chunks to the sink and keeps bytes in order across chunk edges', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 50 }), fc.integer({ min: 16, max: 64 }), (parts, size) => {
        const sink = new ProtoMemorySink();
        const w = new ProtoChunkWriter(sink.write, size);
        parts.forEach((p, i) => (i % 2 === 0 ? w.write(p) : w.writeRange(p, 0, p.length)));
        w.flush();
        const all = Uint8Array.from(parts.flatMap((p) => [...p]));
        expect(sink.concat()).toEqual(all);
        expect(w.bytesWritten).toBe(all.length);
        expect(sink.chunks.slice(0, -1).every((c) => c.length === size)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
