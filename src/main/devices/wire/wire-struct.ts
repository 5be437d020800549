/**
 * Little-endian wire structs declared once: the field list gives both the byte
 * layout and the TypeScript type (as ya-webadb's `struct()` does).
 * `id` is a 4-byte ASCII tag such as "STAT"; 64-bit fields are read as numbers
 * (every value we carry is far below 2^53).
 */
export type WireFieldType = 'id' | 'u32' | 'i32' | 'u64' | 'i64';

const FIELD_SIZE: Record<WireFieldType, number> = { id: 4, u32: 4, i32: 4, u64: 8, i64: 8 };

type WireFieldValue<T extends WireFieldType> = T extends 'id' ? string : number;

export type WireFields = Readonly<Record<string, WireFieldType>>;

export type WireStructValue<S> =
  S extends WireStruct<infer F> ? { [K in keyof F]: WireFieldValue<F[K]> } : never;

export interface WireStruct<F extends WireFields> {
  readonly size: number;
  readonly fields: F;
  encode(value: { [K in keyof F]: WireFieldValue<F[K]> }, target?: Buffer, offset?: number): Buffer;
  decode(source: Uint8Array, offset?: number): { [K in keyof F]: WireFieldValue<F[K]> };
}

export function wireStruct<const F extends WireFields>(fields: F): WireStruct<F> {
  const entries = Object.entries(fields) as [keyof F & string, WireFieldType][];
  const size = entries.reduce((sum, [, type]) => sum + FIELD_SIZE[type], 0);
  type Value = { [K in keyof F]: WireFieldValue<F[K]> };
  return {
    size,
    fields,
    encode(value: Value, target = Buffer.alloc(size), offset = 0): Buffer {
      let at = offset;
      for (const [name, type] of entries) {
        const v = value[name];
        switch (type) {
          case 'id':
            target.write(String(v).padEnd(4, '\0').slice(0, 4), at, 'latin1');
            break;
          case 'u32':
            target.writeUInt32LE(Number(v) >>> 0, at);
            break;
          case 'i32':
            target.writeInt32LE(Number(v) | 0, at);
            break;
          case 'u64':
            target.writeBigUInt64LE(BigInt(Math.max(0, Math.trunc(Number(v)))), at);
            break;
          case 'i64':
            target.writeBigInt64LE(BigInt(Math.trunc(Number(v))), at);
            break;
        }
        at += FIELD_SIZE[type];
      }
      return target;
    },
    decode(source: Uint8Array, offset = 0): Value {
      const view = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
      const out: Record<string, string | number> = {};
      let at = offset;
      for (const [name, type] of entries) {
        switch (type) {
          case 'id':
            out[name] = view.toString('latin1', at, at + 4);
            break;
          case 'u32':
            out[name] = view.readUInt32LE(at);
            break;
          case 'i32':
            out[name] = view.readInt32LE(at);
            break;
          case 'u64':
            out[name] = Number(view.readBigUInt64LE(at));
            break;
          case 'i64':
            out[name] = Number(view.readBigInt64LE(at));
            break;
        }
        at += FIELD_SIZE[type];
      }
      return out as Value;
    },
  };
}
