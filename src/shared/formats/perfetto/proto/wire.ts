// Protobuf wire basics (protobuf.dev/programming-guides/encoding; perfetto.md §0): wire types, zigzag, sizes.

export const ProtoWireType = {
  VARINT: 0,
  I64: 1,
  LEN: 2,
  /** Deprecated groups; never used by Perfetto, rejected when read. */
  SGROUP: 3,
  EGROUP: 4,
  I32: 5,
} as const;
export type ProtoWireType = (typeof ProtoWireType)[keyof typeof ProtoWireType];

export abstract class ProtoError extends Error {
  override readonly name: string = 'ProtoError';
}

/** The bytes do not follow the protobuf wire format (truncated, overlong varint, bad wire type, ...). */
export class ProtoDecodeError extends ProtoError {
  override readonly name = 'ProtoDecodeError';
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.offset = offset;
  }
}

/** A value that cannot be encoded as asked (e.g. a field number out of range). */
export class ProtoEncodeError extends ProtoError {
  override readonly name = 'ProtoEncodeError';
}

export const PROTO_MAX_FIELD_NUMBER = 2 ** 29 - 1;

export function protoTag(field: number, wireType: ProtoWireType): number {
  return field * 8 + wireType;
}

export function zigzagEncode32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}

export function zigzagDecode32(n: number): number {
  return (n >>> 1) ^ -(n & 1);
}

export function zigzagEncode64(n: bigint): bigint {
  return BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
}

export function zigzagDecode64(n: bigint): bigint {
  return BigInt.asIntN(64, (n >> 1n) ^ -(n & 1n));
}

/** Bytes a varint of the non-negative integer `n` (< 2^53) takes. */
export function protoVarintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}
