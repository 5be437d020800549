// A protobuf writer into one growing, reused buffer. Nested messages are written in place: `fork` reserves one
// length byte, `join` fills it in and, only for messages of 128 bytes or more, shifts the body to make room.
// Reset and reuse one encoder per packet to keep the hot path free of allocations.
import { PROTO_MAX_FIELD_NUMBER, ProtoEncodeError, ProtoWireType, protoVarintSize } from './wire.js';

const utf8 = new TextEncoder();
// Read once: module namespace lookups cost more than locals on a path taken millions of times.
const { VARINT, I64, LEN, I32 } = ProtoWireType;
const MAX_FIELD = PROTO_MAX_FIELD_NUMBER;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Room kept before the body so `frame` can prefix a tag and a length without moving it. */
const HEADROOM = 16;

export class ProtoEncoder {
  #buf: Uint8Array;
  #view: DataView;
  #start = HEADROOM;
  #pos = HEADROOM;

  constructor(initialBytes = 256) {
    this.#buf = new Uint8Array(initialBytes + HEADROOM);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes written since the last reset. */
  get length(): number {
    return this.#pos - this.#start;
  }

  reset(): void {
    this.#start = HEADROOM;
    this.#pos = HEADROOM;
  }

  /** The bytes written so far: a view, valid until the next write or reset. */
  view(): Uint8Array {
    return this.#buf.subarray(this.#start, this.#pos);
  }

  /**
   * Turns what was written into a length-delimited field `field` of an outer message, by writing its tag and
   * length just before it; `buffer`, `frameStart` and `frameEnd` then give the framed bytes without a copy.
   */
  frame(field: number): void {
    const tag = field * 8 + LEN;
    if (field < 1 || tag > 0x7f) throw new ProtoEncodeError(`field ${field} needs a one-byte tag to be framed`);
    let length = this.#pos - this.#start;
    const start = this.#start - 1 - protoVarintSize(length);
    const buf = this.#buf;
    buf[start] = tag;
    let at = start + 1;
    while (length > 0x7f) {
      buf[at++] = (length & 0x7f) | 0x80;
      length >>>= 7;
    }
    buf[at] = length;
    this.#start = start;
  }

  get buffer(): Uint8Array {
    return this.#buf;
  }

  get frameStart(): number {
    return this.#start;
  }

  get frameEnd(): number {
    return this.#pos;
  }

  tag(field: number, wireType: ProtoWireType): void {
    if (!(field >= 1 && field <= MAX_FIELD) || field % 1 !== 0) {
      throw new ProtoEncodeError(`field number ${field} is out of range`);
    }
    this.rawVarint(field * 8 + wireType);
  }

  /** uint32 / uint64 given as a Number (non-negative integer below 2^53). */
  uint(field: number, value: number): void {
    const tag = field * 8;
    if (tag >= 8 && tag < 0x80 && value >= 0 && value < 0x80) {
      // One-byte tag and value: the common case on the per-event path.
      this.#reserve(2);
      this.#buf[this.#pos++] = tag;
      this.#buf[this.#pos++] = value;
      return;
    }
    this.tag(field, VARINT);
    this.rawVarint(value);
  }

  /** int32 / int64 / enum given as a Number: negatives take 10 bytes, as the format says. */
  int(field: number, value: number): void {
    this.tag(field, VARINT);
    if (value >= 0) this.rawVarint(value);
    else this.#varintHalves(value >>> 0, Math.floor(value / 2 ** 32) >>> 0);
  }

  /** uint64 / int64 given as a bigint (two's complement for negatives). */
  int64(field: number, value: bigint): void {
    this.tag(field, VARINT);
    this.rawVarint64(value);
  }

  sint32(field: number, value: number): void {
    this.tag(field, VARINT);
    this.rawVarint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  sint64(field: number, value: bigint): void {
    this.tag(field, VARINT);
    this.rawVarint64(BigInt.asUintN(64, (value << 1n) ^ (value >> 63n)));
  }

  bool(field: number, value: boolean): void {
    this.tag(field, VARINT);
    this.rawVarint(value ? 1 : 0);
  }

  fixed32(field: number, value: number): void {
    this.tag(field, I32);
    const at = this.#grow(4);
    this.#view.setUint32(at, value >>> 0, true);
  }

  sfixed32(field: number, value: number): void {
    this.tag(field, I32);
    const at = this.#grow(4);
    this.#view.setInt32(at, value, true);
  }

  float(field: number, value: number): void {
    this.tag(field, I32);
    const at = this.#grow(4);
    this.#view.setFloat32(at, value, true);
  }

  fixed64(field: number, value: bigint): void {
    this.tag(field, I64);
    const at = this.#grow(8);
    this.#view.setBigUint64(at, BigInt.asUintN(64, value), true);
  }

  double(field: number, value: number): void {
    this.tag(field, I64);
    const at = this.#grow(8);
    this.#view.setFloat64(at, value, true);
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, LEN);
    this.rawVarint(value.length);
    const at = this.#grow(value.length);
    this.#buf.set(value, at);
  }

  string(field: number, value: string): void {
    const mark = this.fork(field);
    this.#reserve(value.length * 3);
    this.#pos += utf8.encodeInto(value, this.#buf.subarray(this.#pos)).written;
    this.join(mark);
  }

  /** Starts a nested message; pass the returned mark to `join` when its fields are written. */
  fork(field: number): number {
    this.tag(field, LEN);
    return this.#grow(1);
  }

  join(mark: number): void {
    const length = this.#pos - mark - 1;
    if (length < 0x80) {
      this.#buf[mark] = length;
      return;
    }
    const extra = protoVarintSize(length) - 1;
    this.#reserve(extra);
    this.#buf.copyWithin(mark + 1 + extra, mark + 1, this.#pos);
    const end = this.#pos + extra;
    this.#pos = mark;
    this.rawVarint(length);
    this.#pos = end;
  }

  /** A bare varint (no tag) of a non-negative integer below 2^53. */
  rawVarint(value: number): void {
    this.#reserve(10);
    const buf = this.#buf;
    let pos = this.#pos;
    let n = value;
    if (n < 0x80000000) {
      while (n > 0x7f) {
        buf[pos++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
    } else {
      while (n > 0x7f) {
        buf[pos++] = (n % 128) | 0x80;
        n = Math.floor(n / 128);
      }
    }
    buf[pos++] = n;
    this.#pos = pos;
  }

  rawVarint64(value: bigint): void {
    if (value >= 0n && value <= MAX_SAFE) {
      this.rawVarint(Number(value));
      return;
    }
    const n = BigInt.asUintN(64, value);
    this.#varintHalves(Number(n & 0xffffffffn), Number(n >> 32n));
  }

  /** Appends raw bytes (an already-encoded message body, say). */
  raw(bytes: Uint8Array): void {
    const at = this.#grow(bytes.length);
    this.#buf.set(bytes, at);
  }

  #varintHalves(lo: number, hi: number): void {
    this.#reserve(10);
    const buf = this.#buf;
    let pos = this.#pos;
    while (hi > 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.#pos = pos;
  }

  /** Advances past `size` bytes, growing as needed; returns where they start. Call it before reading
   * `#buf` or `#view`, which growing replaces. */
  #grow(size: number): number {
    this.#reserve(size);
    const at = this.#pos;
    this.#pos += size;
    return at;
  }

  #reserve(size: number): void {
    if (this.#pos + size <= this.#buf.length) return;
    let capacity = this.#buf.length * 2;
    while (capacity < this.#pos + size) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}
