// Small helpers the .mlmodel reader uses over the shared protobuf decoder.
import type { ProtoDecoder } from '../perfetto/proto/decoder.js';
import { ProtoWireType } from '../perfetto/proto/wire.js';
import { CoremlFormatError } from './errors.js';

/** Calls `onField` for each field of a message; the handler consumes the value, or returns false to skip it. */
export function eachField(d: ProtoDecoder, onField: (field: number, wire: number) => boolean): void {
  while (!d.done) {
    const tag = d.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (!onField(field, wire)) d.skip(wire);
  }
}

export function expectWire(wire: number, want: number, what: string, d: ProtoDecoder): void {
  if (wire !== want) throw new CoremlFormatError(`${what} has the wrong protobuf wire type`, d.pos);
}

/** Repeated integers, packed or not. */
export function readInts(d: ProtoDecoder, wire: number, into: number[], what: string): void {
  if (wire !== ProtoWireType.VARINT && wire !== ProtoWireType.LEN) expectWire(wire, ProtoWireType.VARINT, what, d);
  d.varints(wire, (inner) => into.push(Number(inner.int64())));
}

export function nameOf<T extends Record<string, number>>(table: T, n: number): keyof T | undefined {
  return (Object.keys(table) as (keyof T)[]).find((k) => table[k] === n);
}
