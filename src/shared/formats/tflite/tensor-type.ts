// TensorType (byte) and element sizes (tflite-format.md §2.5).

export const TfliteTensorType = {
  FLOAT32: 0,
  FLOAT16: 1,
  INT32: 2,
  UINT8: 3,
  INT64: 4,
  STRING: 5,
  BOOL: 6,
  INT16: 7,
  COMPLEX64: 8,
  INT8: 9,
  FLOAT64: 10,
  COMPLEX128: 11,
  UINT64: 12,
  RESOURCE: 13,
  VARIANT: 14,
  UINT32: 15,
  UINT16: 16,
  INT4: 17,
  BFLOAT16: 18,
  INT2: 19,
  UINT4: 20,
  FLOAT8_E4M3FN: 21,
  FLOAT8_E5M2: 22,
} as const;
export type TfliteTensorType = (typeof TfliteTensorType)[keyof typeof TfliteTensorType];
export type TfliteTensorTypeName = keyof typeof TfliteTensorType;

const TYPE_NAMES = new Map<number, TfliteTensorTypeName>(
  Object.entries(TfliteTensorType).map(([name, code]) => [code, name as TfliteTensorTypeName]),
);

/** The schema name of a type code, or `UNKNOWN_<code>` for a code newer than this table. */
export function tfliteTensorTypeName(code: number): TfliteTensorTypeName | `UNKNOWN_${number}` {
  return TYPE_NAMES.get(code) ?? `UNKNOWN_${code}`;
}

/** Bits per element; packed types are fractional bytes, variable-size ones have none. */
const BITS_PER_ELEMENT: Partial<Record<TfliteTensorTypeName, number>> = {
  FLOAT32: 32, FLOAT16: 16, INT32: 32, UINT8: 8, INT64: 64, BOOL: 8, INT16: 16, COMPLEX64: 64, INT8: 8,
  FLOAT64: 64, COMPLEX128: 128, UINT64: 64, UINT32: 32, UINT16: 16, INT4: 4, BFLOAT16: 16, INT2: 2, UINT4: 4,
  FLOAT8_E4M3FN: 8, FLOAT8_E5M2: 8,
};

/** Bytes a dense tensor of `elements` elements needs, or null for STRING, RESOURCE, VARIANT and unknown types. */
export function tfliteTensorByteSize(type: number, elements: number): number | null {
  const bits = BITS_PER_ELEMENT[tfliteTensorTypeName(type) as TfliteTensorTypeName];
  return bits === undefined ? null : Math.ceil((elements * bits) / 8);
}
