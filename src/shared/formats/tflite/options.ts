// Builtin option tables: BuiltinOptions union ids, field ids, types and schema defaults
// (tflite-format.md §3.1–3.3; LiteRT tflite/converter/schema/schema.fbs). Declared once; the reader
// and the writer both walk these declarations, so a field is never spelled twice.
import type { TfliteBuiltinOpName } from './builtin-operator.js';

/** §3.1 */
export const TflitePadding = { SAME: 0, VALID: 1 } as const;
export type TflitePadding = (typeof TflitePadding)[keyof typeof TflitePadding];

/** §3.1 */
export const TfliteActivation = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4, SIGN_BIT: 5 } as const;
export type TfliteActivation = (typeof TfliteActivation)[keyof typeof TfliteActivation];

/** §3.1 */
export const TfliteWeightsFormat = { DEFAULT: 0, SHUFFLED4x16INT8: 1 } as const;

/** How a field is stored: scalars are inline, `int32[]` is a vector of int. */
export type TfliteOptionKind = 'bool' | 'int8' | 'int32' | 'float32' | 'int32[]';

interface TfliteOptionFieldDecl {
  readonly id: number;
  readonly kind: TfliteOptionKind;
  /** Schema default when not 0/false. */
  readonly default?: number | boolean;
}

interface TfliteOptionTableDecl {
  /** Member position in `union BuiltinOptions` + 1. */
  readonly unionType: number;
  readonly fields: Readonly<Record<string, TfliteOptionFieldDecl>>;
}

const padding = (id: number) => ({ id, kind: 'int8' }) as const;
const activation = (id: number) => ({ id, kind: 'int8' }) as const;
const int = (id: number) => ({ id, kind: 'int32' }) as const;
const bool = (id: number) => ({ id, kind: 'bool' }) as const;

export const TfliteOptionTables = {
  Conv2DOptions: {
    unionType: 1,
    fields: {
      padding: padding(0), strideW: int(1), strideH: int(2), fusedActivationFunction: activation(3),
      dilationWFactor: { id: 4, kind: 'int32', default: 1 }, dilationHFactor: { id: 5, kind: 'int32', default: 1 },
      quantizedBiasType: { id: 6, kind: 'int8' },
    },
  },
  DepthwiseConv2DOptions: {
    unionType: 2,
    fields: {
      padding: padding(0), strideW: int(1), strideH: int(2), depthMultiplier: int(3),
      fusedActivationFunction: activation(4),
      dilationWFactor: { id: 5, kind: 'int32', default: 1 }, dilationHFactor: { id: 6, kind: 'int32', default: 1 },
    },
  },
  Pool2DOptions: {
    unionType: 5,
    fields: {
      padding: padding(0), strideW: int(1), strideH: int(2), filterWidth: int(3), filterHeight: int(4),
      fusedActivationFunction: activation(5),
    },
  },
  FullyConnectedOptions: {
    unionType: 8,
    fields: {
      fusedActivationFunction: activation(0), weightsFormat: { id: 1, kind: 'int8' }, keepNumDims: bool(2),
      asymmetricQuantizeInputs: bool(3), quantizedBiasType: { id: 4, kind: 'int8' },
    },
  },
  // beta defaults to 0 in the schema; a SOFTMAX without it divides by zero, so write 1.0 explicitly (§3.3).
  SoftmaxOptions: { unionType: 9, fields: { beta: { id: 0, kind: 'float32' } } },
  ConcatenationOptions: { unionType: 10, fields: { axis: int(0), fusedActivationFunction: activation(1) } },
  AddOptions: {
    unionType: 11,
    fields: { fusedActivationFunction: activation(0), potScaleInt16: { id: 1, kind: 'bool', default: true } },
  },
  ResizeBilinearOptions: { unionType: 15, fields: { alignCorners: bool(2), halfPixelCenters: bool(3) } },
  ReshapeOptions: { unionType: 17, fields: { newShape: { id: 0, kind: 'int32[]' } } },
  MulOptions: { unionType: 21, fields: { fusedActivationFunction: activation(0) } },
  PadOptions: { unionType: 22, fields: {} },
  GatherOptions: { unionType: 23, fields: { axis: int(0), batchDims: int(1) } },
  TransposeOptions: { unionType: 26, fields: {} },
  ReducerOptions: { unionType: 27, fields: { keepDims: bool(0) } },
  SubOptions: {
    unionType: 28,
    fields: { fusedActivationFunction: activation(0), potScaleInt16: { id: 1, kind: 'bool', default: true } },
  },
  DivOptions: { unionType: 29, fields: { fusedActivationFunction: activation(0) } },
  SqueezeOptions: { unionType: 30, fields: { squeezeDims: { id: 0, kind: 'int32[]' } } },
  StridedSliceOptions: {
    unionType: 32,
    fields: {
      beginMask: int(0), endMask: int(1), ellipsisMask: int(2), newAxisMask: int(3), shrinkAxisMask: int(4),
      offset: bool(5),
    },
  },
  SplitOptions: { unionType: 35, fields: { numSplits: int(0) } },
  LogSoftmaxOptions: { unionType: 36, fields: {} },
  CastOptions: { unionType: 37, fields: { inDataType: { id: 0, kind: 'int8' }, outDataType: { id: 1, kind: 'int8' } } },
  DequantizeOptions: { unionType: 38, fields: {} },
  ArgMaxOptions: { unionType: 40, fields: { outputType: { id: 0, kind: 'int8' } } },
  TransposeConvOptions: {
    unionType: 49,
    fields: {
      padding: padding(0), strideW: int(1), strideH: int(2), fusedActivationFunction: activation(3),
      quantizedBiasType: { id: 4, kind: 'int8' },
    },
  },
  ExpandDimsOptions: { unionType: 52, fields: {} },
  ArgMinOptions: { unionType: 57, fields: { outputType: { id: 0, kind: 'int8' } } },
  PackOptions: { unionType: 59, fields: { valuesCount: int(0), axis: int(1) } },
  UnpackOptions: { unionType: 64, fields: { num: int(0), axis: int(1) } },
  ResizeNearestNeighborOptions: { unionType: 74, fields: { alignCorners: bool(0), halfPixelCenters: bool(1) } },
  LeakyReluOptions: { unionType: 75, fields: { alpha: { id: 0, kind: 'float32' } } },
  MirrorPadOptions: { unionType: 77, fields: { mode: { id: 0, kind: 'int8' } } },
  SplitVOptions: { unionType: 79, fields: { numSplits: int(0) } },
  QuantizeOptions: { unionType: 89, fields: {} },
  HardSwishOptions: { unionType: 91, fields: {} },
  BatchMatMulOptions: { unionType: 101, fields: { adjX: bool(0), adjY: bool(1), asymmetricQuantizeInputs: bool(2) } },
  GeluOptions: { unionType: 116, fields: { approximate: bool(0) } },
} as const satisfies Record<string, TfliteOptionTableDecl>;

export type TfliteOptionTableName = keyof typeof TfliteOptionTables;

/** The options table each op's parser reads (§3.2). Ops absent here take none (union NONE). */
export const TFLITE_OP_OPTIONS = {
  ADD: 'AddOptions',
  AVERAGE_POOL_2D: 'Pool2DOptions',
  MAX_POOL_2D: 'Pool2DOptions',
  L2_POOL_2D: 'Pool2DOptions',
  CONCATENATION: 'ConcatenationOptions',
  CONV_2D: 'Conv2DOptions',
  DEPTHWISE_CONV_2D: 'DepthwiseConv2DOptions',
  FULLY_CONNECTED: 'FullyConnectedOptions',
  MUL: 'MulOptions',
  RESHAPE: 'ReshapeOptions',
  RESIZE_BILINEAR: 'ResizeBilinearOptions',
  SOFTMAX: 'SoftmaxOptions',
  GATHER: 'GatherOptions',
  MEAN: 'ReducerOptions',
  SUM: 'ReducerOptions',
  REDUCE_MAX: 'ReducerOptions',
  REDUCE_MIN: 'ReducerOptions',
  REDUCE_PROD: 'ReducerOptions',
  REDUCE_ANY: 'ReducerOptions',
  SUB: 'SubOptions',
  DIV: 'DivOptions',
  SQUEEZE: 'SqueezeOptions',
  STRIDED_SLICE: 'StridedSliceOptions',
  SPLIT: 'SplitOptions',
  SPLIT_V: 'SplitVOptions',
  CAST: 'CastOptions',
  ARG_MAX: 'ArgMaxOptions',
  ARG_MIN: 'ArgMinOptions',
  TRANSPOSE_CONV: 'TransposeConvOptions',
  PACK: 'PackOptions',
  UNPACK: 'UnpackOptions',
  RESIZE_NEAREST_NEIGHBOR: 'ResizeNearestNeighborOptions',
  LEAKY_RELU: 'LeakyReluOptions',
  MIRROR_PAD: 'MirrorPadOptions',
  BATCH_MATMUL: 'BatchMatMulOptions',
  GELU: 'GeluOptions',
} as const satisfies Partial<Record<TfliteBuiltinOpName, TfliteOptionTableName>>;

type Fields<T extends TfliteOptionTableName> = (typeof TfliteOptionTables)[T]['fields'];
type KindValue<K> = K extends 'bool' ? boolean : K extends 'int32[]' ? readonly number[] : number;

/** A decoded options table: every field, schema defaults filled in. */
export type TfliteOptionValues<T extends TfliteOptionTableName> = {
  readonly [F in keyof Fields<T>]: KindValue<Fields<T>[F] extends { kind: infer K } ? K : never>;
};
/** Options handed to the writer: any field may be left out to take its schema default. */
export type TfliteOptionInput<T extends TfliteOptionTableName> = Partial<TfliteOptionValues<T>>;

/** A decoded options table tagged with its name, so `table` narrows `values`. */
export type TfliteOperatorOptions = {
  [T in TfliteOptionTableName]: { readonly table: T; readonly values: TfliteOptionValues<T> };
}[TfliteOptionTableName];

export type TfliteOpWithOptions = keyof typeof TFLITE_OP_OPTIONS;
export type TfliteOptionTableOf<Op extends TfliteBuiltinOpName> = Op extends TfliteOpWithOptions
  ? (typeof TFLITE_OP_OPTIONS)[Op]
  : never;

const BY_UNION_TYPE = new Map<number, TfliteOptionTableName>(
  Object.entries(TfliteOptionTables).map(([name, decl]) => [decl.unionType, name as TfliteOptionTableName]),
);

export function tfliteOptionTableByUnionType(unionType: number): TfliteOptionTableName | null {
  return BY_UNION_TYPE.get(unionType) ?? null;
}

export function tfliteOptionTableOfOp(op: string): TfliteOptionTableName | null {
  return Object.hasOwn(TFLITE_OP_OPTIONS, op) ? TFLITE_OP_OPTIONS[op as TfliteOpWithOptions] : null;
}

/** Fields of a table as a list, for the generic reader and writer. */
export function tfliteOptionFields(
  table: TfliteOptionTableName,
): readonly (readonly [name: string, decl: TfliteOptionFieldDecl])[] {
  return Object.entries(TfliteOptionTables[table].fields as Readonly<Record<string, TfliteOptionFieldDecl>>);
}

export type { TfliteOptionFieldDecl };
