// What the writer takes: a small typed description of a model. Tensors carry their own constant data;
// the writer lays out buffers, operator codes and option tables.
import type { TfliteBuiltinOpName } from './builtin-operator.js';
import type { TfliteOpWithOptions, TfliteOptionInput, TfliteOptionTableOf } from './options.js';
import type { TfliteTensorTypeName } from './tensor-type.js';

export interface TfliteModelSpec {
  readonly description?: string;
  /** Index 0 is the main graph. */
  readonly subgraphs: readonly TfliteSubgraphSpec[];
  /** Named metadata entries, each stored in a buffer of its own (`Model.metadata`). */
  readonly metadata?: readonly { readonly name: string; readonly data: Uint8Array }[];
}

export interface TfliteSubgraphSpec {
  readonly name?: string;
  readonly tensors: readonly TfliteTensorSpec[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** In execution order. */
  readonly operators: readonly TfliteOperatorSpec[];
}

export type TfliteTensorData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigInt64Array;

export interface TfliteTensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** Default FLOAT32. */
  readonly type?: TfliteTensorTypeName;
  /** Constant contents, little-endian; must be exactly product(shape) × element size bytes. */
  readonly data?: TfliteTensorData;
  readonly quantization?: {
    readonly scale: readonly number[];
    readonly zeroPoint: readonly (number | bigint)[];
    readonly quantizedDimension?: number;
  };
}

interface TfliteOperatorSpecBase {
  /** Tensor indices; −1 omits an optional input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** OperatorCode.version; default 1 (float kernels, tflite-format.md §3.4). */
  readonly version?: number;
}

type TfliteBuiltinOperatorSpecOf<Op extends TfliteBuiltinOpName> = TfliteOperatorSpecBase & {
  readonly op: Op;
} & (Op extends TfliteOpWithOptions ? { readonly options?: TfliteOptionInput<TfliteOptionTableOf<Op>> } : unknown);

export type TfliteBuiltinOperatorSpec = {
  [Op in Exclude<TfliteBuiltinOpName, 'CUSTOM'>]: TfliteBuiltinOperatorSpecOf<Op>;
}[Exclude<TfliteBuiltinOpName, 'CUSTOM'>];

export interface TfliteCustomOperatorSpec extends TfliteOperatorSpecBase {
  readonly op: 'CUSTOM';
  readonly customCode: string;
  readonly customOptions?: Uint8Array;
}

export type TfliteOperatorSpec = TfliteBuiltinOperatorSpec | TfliteCustomOperatorSpec;
