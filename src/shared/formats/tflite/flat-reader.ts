// A FlatBuffers reader that checks every offset before following it. The `flatbuffers` runtime reads
// out-of-range bytes as 0 or undefined rather than failing, so each read here is bounds-checked first and
// a bad file ends in a TfliteFormatError naming the byte offset.
//
// Reading is driven by the schema, so a file whose offsets form a cycle cannot make it loop; what a crafted
// file can do is point many slots at the same large table or vector. The budgets below bound that work the
// way the C++ verifier's `max_tables` does (tflite-format.md §1.2).
import { ByteBuffer } from 'flatbuffers';
import { TfliteFormatError } from './errors.js';

const MAX_TABLES = 1_000_000;
const MAX_DEPTH = 64;

/** A table located in the buffer: where it starts and what its vtable declares. */
export interface TfliteFlatTable {
  readonly pos: number;
  readonly vtable: number;
  readonly vtableSize: number;
  readonly inlineSize: number;
  readonly depth: number;
}

export class TfliteFlatReader {
  readonly bytes: Uint8Array;
  readonly #bb: ByteBuffer;
  #tablesLeft = MAX_TABLES;
  #elementsLeft: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.#bb = new ByteBuffer(bytes);
    // Each vector element (or 4 string bytes) decoded must pay for itself with a byte of the file, plus slack.
    this.#elementsLeft = bytes.length * 4 + 65_536;
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The file identifier at bytes 4–7, as printable text. */
  identifier(): string {
    return printable(this.bytes.subarray(4, 8));
  }

  root(): TfliteFlatTable {
    this.#need(0, 8, 'the file header');
    return this.#table(this.#bb.readUint32(0), 0, 'the root table');
  }

  has(t: TfliteFlatTable, id: number): boolean {
    return this.#field(t, id, 0) !== 0;
  }

  int8(t: TfliteFlatTable, id: number, fallback = 0): number {
    const o = this.#field(t, id, 1);
    return o === 0 ? fallback : this.#bb.readInt8(t.pos + o);
  }

  uint8(t: TfliteFlatTable, id: number, fallback = 0): number {
    const o = this.#field(t, id, 1);
    return o === 0 ? fallback : this.#bb.readUint8(t.pos + o);
  }

  bool(t: TfliteFlatTable, id: number, fallback = false): boolean {
    const o = this.#field(t, id, 1);
    return o === 0 ? fallback : this.#bb.readUint8(t.pos + o) !== 0;
  }

  int32(t: TfliteFlatTable, id: number, fallback = 0): number {
    const o = this.#field(t, id, 4);
    return o === 0 ? fallback : this.#bb.readInt32(t.pos + o);
  }

  uint32(t: TfliteFlatTable, id: number, fallback = 0): number {
    const o = this.#field(t, id, 4);
    return o === 0 ? fallback : this.#bb.readUint32(t.pos + o);
  }

  float32(t: TfliteFlatTable, id: number, fallback = 0): number {
    const o = this.#field(t, id, 4);
    return o === 0 ? fallback : this.#bb.readFloat32(t.pos + o);
  }

  uint64(t: TfliteFlatTable, id: number, fallback = 0n): bigint {
    const o = this.#field(t, id, 8);
    return o === 0 ? fallback : this.#bb.readUint64(t.pos + o);
  }

  string(t: TfliteFlatTable, id: number, what: string): string | null {
    const vec = this.#vector(t, id, 1, what, 1);
    if (vec === null) return null;
    return new TextDecoder().decode(this.bytes.subarray(vec.start, vec.start + vec.length));
  }

  child(t: TfliteFlatTable, id: number, what: string): TfliteFlatTable | null {
    const at = this.#ref(t, id, what);
    return at === null ? null : this.#table(at, t.depth + 1, what);
  }

  tables(t: TfliteFlatTable, id: number, what: string): TfliteFlatTable[] {
    const vec = this.#vector(t, id, 4, what);
    if (vec === null) return [];
    const out: TfliteFlatTable[] = [];
    for (let i = 0; i < vec.length; i++) {
      const slot = vec.start + 4 * i;
      out.push(this.#table(slot + this.#bb.readUint32(slot), t.depth + 1, `${what} #${i}`));
    }
    return out;
  }

  int32s(t: TfliteFlatTable, id: number, what: string): number[] {
    const vec = this.#vector(t, id, 4, what);
    if (vec === null) return [];
    const out = new Array<number>(vec.length);
    for (let i = 0; i < vec.length; i++) out[i] = this.#bb.readInt32(vec.start + 4 * i);
    return out;
  }

  float32s(t: TfliteFlatTable, id: number, what: string): number[] {
    const vec = this.#vector(t, id, 4, what);
    if (vec === null) return [];
    const out = new Array<number>(vec.length);
    for (let i = 0; i < vec.length; i++) out[i] = this.#bb.readFloat32(vec.start + 4 * i);
    return out;
  }

  int64s(t: TfliteFlatTable, id: number, what: string): bigint[] {
    const vec = this.#vector(t, id, 8, what);
    if (vec === null) return [];
    const out = new Array<bigint>(vec.length);
    for (let i = 0; i < vec.length; i++) out[i] = this.#bb.readInt64(vec.start + 8 * i);
    return out;
  }

  /** A byte vector as a view into the file (no copy), or null when absent. */
  bytesOf(t: TfliteFlatTable, id: number, what: string): Uint8Array | null {
    const vec = this.#vector(t, id, 1, what, 0);
    return vec === null ? null : this.bytes.subarray(vec.start, vec.start + vec.length);
  }

  #table(pos: number, depth: number, what: string): TfliteFlatTable {
    if (depth > MAX_DEPTH) throw new TfliteFormatError(`${what} is nested deeper than ${MAX_DEPTH} levels`, pos);
    if (--this.#tablesLeft < 0) {
      throw new TfliteFormatError(`it refers to more than ${MAX_TABLES} tables, far more than any real model`, pos);
    }
    this.#need(pos, 4, what);
    const vtable = pos - this.#bb.readInt32(pos);
    this.#need(vtable, 4, `the field list of ${what}`);
    const vtableSize = this.#bb.readUint16(vtable);
    const inlineSize = this.#bb.readUint16(vtable + 2);
    if (vtableSize < 4 || vtableSize % 2 !== 0) {
      throw new TfliteFormatError(`the field list of ${what} has an impossible size (${vtableSize})`, vtable);
    }
    this.#need(vtable, vtableSize, `the field list of ${what}`);
    if (inlineSize < 4) throw new TfliteFormatError(`${what} has an impossible size (${inlineSize})`, pos);
    this.#need(pos, inlineSize, what);
    return { pos, vtable, vtableSize, inlineSize, depth };
  }

  /** Offset of field `id` inside the table, 0 when absent; checks that `size` bytes fit in the table. */
  #field(t: TfliteFlatTable, id: number, size: number): number {
    const slot = 4 + 2 * id;
    if (slot + 2 > t.vtableSize) return 0;
    const o = this.#bb.readUint16(t.vtable + slot);
    if (o !== 0 && o + size > t.inlineSize) {
      throw new TfliteFormatError(`field ${id} of a table lies outside that table`, t.pos + o);
    }
    return o;
  }

  #ref(t: TfliteFlatTable, id: number, what: string): number | null {
    const o = this.#field(t, id, 4);
    if (o === 0) return null;
    const at = t.pos + o;
    const target = at + this.#bb.readUint32(at);
    if (target >= this.bytes.length) throw new TfliteFormatError(`${what} points outside the file`, at);
    return target;
  }

  #vector(
    t: TfliteFlatTable,
    id: number,
    elementSize: number,
    what: string,
    trailing = 0,
  ): { start: number; length: number } | null {
    const at = this.#ref(t, id, what);
    if (at === null) return null;
    this.#need(at, 4, what);
    const length = this.#bb.readUint32(at);
    const start = at + 4;
    if (length * elementSize + trailing > this.bytes.length - start) {
      throw new TfliteFormatError(`${what} claims ${length} entries, more than the file holds`, at);
    }
    if (elementSize > 1 || trailing > 0) {
      this.#elementsLeft -= elementSize > 1 ? length : Math.ceil(length / 4);
      if (this.#elementsLeft < 0) {
        throw new TfliteFormatError('it refers to the same data over and over, far more than any real model', at);
      }
    }
    return { start, length };
  }

  #need(pos: number, size: number, what: string): void {
    if (pos < 0 || pos + size > this.bytes.length) {
      const outside = pos >= this.bytes.length || pos < 0;
      throw new TfliteFormatError(
        outside ? `${what} points outside the file` : `${what} is cut off (the file is truncated)`,
        pos,
      );
    }
  }
}

function printable(bytes: Uint8Array): string {
  const show = (b: number) =>
    b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return Array.from(bytes, show).join('');
}
