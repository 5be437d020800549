// Decodes a message from a declarative spec (key → field number and kind), skipping unknown fields and fields
// whose wire type does not match, as protobuf readers do. Repeated numeric fields accept packed and unpacked.
import type { ProtoDecoder } from './decoder.js';
import { ProtoWireType } from './wire.js';

export type ProtoScalarKind =
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'int64'
  | 'bool'
  | 'float'
  | 'double'
  | 'fixed64'
  | 'string'
  | 'bytes';

export type ProtoFieldKind =
  | ProtoScalarKind
  | `${ProtoScalarKind}[]`
  | { readonly message: (d: ProtoDecoder) => unknown }
  | { readonly repeated: (d: ProtoDecoder) => unknown };

/** Key → field number, kind, and optionally the value to report when the field is absent (protobuf's default). */
export type ProtoMessageSpec = Readonly<
  Record<
    string,
    readonly [field: number, kind: ProtoFieldKind] | readonly [field: number, kind: ProtoFieldKind, absent: unknown]
  >
>;

interface CompiledField {
  readonly key: string;
  readonly hasAbsent: boolean;
  readonly absent: unknown;
  readonly wireType: number;
  readonly repeated: boolean;
  readonly read: (d: ProtoDecoder) => unknown;
}

const WIRE: Record<ProtoScalarKind, number> = {
  uint32: ProtoWireType.VARINT,
  int32: ProtoWireType.VARINT,
  uint64: ProtoWireType.VARINT,
  int64: ProtoWireType.VARINT,
  bool: ProtoWireType.VARINT,
  float: ProtoWireType.I32,
  double: ProtoWireType.I64,
  fixed64: ProtoWireType.I64,
  string: ProtoWireType.LEN,
  bytes: ProtoWireType.LEN,
};

const READ: Record<ProtoScalarKind, (d: ProtoDecoder) => unknown> = {
  uint32: (d) => d.uint32(),
  int32: (d) => d.int32(),
  uint64: (d) => d.uint64(),
  int64: (d) => d.int64(),
  bool: (d) => d.bool(),
  float: (d) => d.float(),
  double: (d) => d.double(),
  fixed64: (d) => d.fixed64(),
  string: (d) => d.string(),
  bytes: (d) => d.bytesField(),
};

const compiled = new WeakMap<ProtoMessageSpec, Map<number, CompiledField>>();

function compile(spec: ProtoMessageSpec): Map<number, CompiledField> {
  const cached = compiled.get(spec);
  if (cached !== undefined) return cached;
  const fields = new Map<number, CompiledField>();
  for (const [key, entry] of Object.entries(spec)) {
    const [field, kind] = entry;
    const absent = { hasAbsent: entry.length === 3, absent: entry[2] };
    if (typeof kind === 'object') {
      const repeated = 'repeated' in kind;
      const read = 'repeated' in kind ? kind.repeated : kind.message;
      fields.set(field, { key, ...absent, wireType: ProtoWireType.LEN, repeated, read: (d) => read(d.message()) });
    } else {
      const repeated = kind.endsWith('[]');
      const scalar = (repeated ? kind.slice(0, -2) : kind) as ProtoScalarKind;
      fields.set(field, { key, ...absent, wireType: WIRE[scalar], repeated, read: READ[scalar] });
    }
  }
  compiled.set(spec, fields);
  return fields;
}

/** Shared by every repeated field that stays empty, so a message costs no arrays it does not use. */
const NONE: readonly unknown[] = Object.freeze([]);

/**
 * Decodes every field of `d`. Repeated keys are always present (maybe empty, then a shared frozen array), keys
 * with an `absent` value always, others only when seen. `into` receives the fields (callers may preset some).
 */
export function decodeProtoMessage<T>(d: ProtoDecoder, spec: ProtoMessageSpec, into: Record<string, unknown> = {}): T {
  const fields = compile(spec);
  const out = into;
  for (const f of fields.values()) {
    if (f.repeated) out[f.key] = NONE;
    else if (f.hasAbsent) out[f.key] = f.absent;
  }
  while (!d.done) {
    const tag = d.tag();
    const wireType = tag & 7;
    const f = fields.get(tag >>> 3);
    if (f === undefined) {
      d.skip(wireType);
    } else if (!f.repeated) {
      if (wireType === f.wireType) out[f.key] = f.read(d);
      else d.skip(wireType);
    } else if (wireType === f.wireType || (wireType === ProtoWireType.LEN && f.wireType !== ProtoWireType.LEN)) {
      let list = out[f.key] as unknown[];
      if (list === NONE) out[f.key] = list = [];
      if (wireType === f.wireType) list.push(f.read(d));
      else {
        const packed = d.message();
        while (!packed.done) list.push(f.read(packed));
      }
    } else {
      d.skip(wireType);
    }
  }
  return out as T;
}
