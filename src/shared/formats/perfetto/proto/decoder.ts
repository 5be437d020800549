// A bounds-checked protobuf reader over a byte range. Every read either returns a value or throws a
// ProtoDecodeError with the byte offset; views (bytes, sub-messages) share the input, nothing is copied.
import { ProtoDecodeError, ProtoWireType } from './wire.js';

const utf8 = new TextDecoder();
const TWO_32 = 2 ** 32;

export class ProtoDecoder {
  readonly bytes: Uint8Array;
  pos: number;
  readonly end: number;
  readonly #view: DataView;
  #lo = 0;
  #hi = 0;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next tag as `field << 3 | wireType`; split it with `>>> 3` and `& 7`. */
  tag(): number {
    const at = this.pos;
    this.#raw();
    if (this.#hi !== 0) throw new ProtoDecodeError('a field tag is too large', at);
    const tag = this.#lo;
    if (tag >>> 3 === 0) throw new ProtoDecodeError('a field has number 0', at);
    return tag;
  }

  /** A varint as a Number: exact up to 2^53, for uint32, enums, sizes and counts. */
  varint(): number {
    const first = this.bytes[this.pos];
    if (first !== undefined && first < 0x80 && this.pos < this.end) {
      this.pos++;
      return first;
    }
    this.#raw();
    return this.#hi * TWO_32 + this.#lo;
  }

  uint32(): number {
    this.#raw();
    return this.#lo;
  }

  /** int32 / enum: negative values arrive as 10-byte varints; the low 32 bits carry the value. */
  int32(): number {
    this.#raw();
    return this.#lo | 0;
  }

  uint64(): bigint {
    this.#raw();
    return this.#hi === 0 ? BigInt(this.#lo) : (BigInt(this.#hi) << 32n) | BigInt(this.#lo);
  }

  int64(): bigint {
    return BigInt.asIntN(64, this.uint64());
  }

  sint32(): number {
    this.#raw();
    return (this.#lo >>> 1) ^ -(this.#lo & 1);
  }

  sint64(): bigint {
    const n = this.uint64();
    return BigInt.asIntN(64, (n >> 1n) ^ -(n & 1n));
  }

  bool(): boolean {
    this.#raw();
    return this.#lo !== 0 || this.#hi !== 0;
  }

  fixed32(): number {
    return this.#view.getUint32(this.#take(4), true);
  }

  sfixed32(): number {
    return this.#view.getInt32(this.#take(4), true);
  }

  float(): number {
    return this.#view.getFloat32(this.#take(4), true);
  }

  fixed64(): bigint {
    return this.#view.getBigUint64(this.#take(8), true);
  }

  sfixed64(): bigint {
    return this.#view.getBigInt64(this.#take(8), true);
  }

  double(): number {
    return this.#view.getFloat64(this.#take(8), true);
  }

  /** A length-delimited field as a view into the input. */
  bytesField(): Uint8Array {
    const [start, end] = this.#lengthDelimited();
    return this.bytes.subarray(start, end);
  }

  string(): string {
    const [start, end] = this.#lengthDelimited();
    return utf8.decode(this.bytes.subarray(start, end));
  }

  /** A nested message: a decoder over its bytes. */
  message(): ProtoDecoder {
    const [start, end] = this.#lengthDelimited();
    return new ProtoDecoder(this.bytes, start, end);
  }

  /** Skips the value of a field of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case ProtoWireType.VARINT:
        this.#raw();
        return;
      case ProtoWireType.I64:
        this.#take(8);
        return;
      case ProtoWireType.LEN:
        this.#lengthDelimited();
        return;
      case ProtoWireType.I32:
        this.#take(4);
        return;
      default:
        throw new ProtoDecodeError(`wire type ${wireType} is not supported`, this.pos);
    }
  }

  /** Reads a packed repeated varint field, or a single element of an unpacked one (readers accept both). */
  varints(wireType: number, read: (d: ProtoDecoder) => void): void {
    if (wireType !== ProtoWireType.LEN) {
      read(this);
      return;
    }
    const inner = this.message();
    while (!inner.done) read(inner);
  }

  #take(size: number): number {
    const at = this.pos;
    if (at + size > this.end) throw new ProtoDecodeError('a fixed-size value is cut off', at);
    this.pos = at + size;
    return at;
  }

  #lengthDelimited(): [number, number] {
    const at = this.pos;
    const length = this.varint();
    if (length > this.end - this.pos) throw new ProtoDecodeError(`a field claims ${length} bytes, past its end`, at);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  /** Reads a varint into #lo/#hi (two uint32 halves). */
  #raw(): void {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new ProtoDecodeError('a varint is cut off', start);
      const b = bytes[pos++] ?? 0;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.#lo = lo >>> 0;
        this.#hi = hi >>> 0;
        return;
      }
    }
    throw new ProtoDecodeError('a varint is longer than 10 bytes', start);
  }
}
