// The shape of a model as the reader returns it: plain data, indices as in the file.
import type { TfliteOperatorOptions } from './options.js';

export interface TfliteModel {
  /** Schema version; always 3 once read. */
  readonly version: number;
  readonly description: string | null;
  readonly operatorCodes: readonly TfliteOperatorCode[];
  /** Index 0 is the main graph. */
  readonly subgraphs: readonly TfliteSubgraph[];
  readonly buffers: readonly TfliteBuffer[];
  readonly metadata: readonly TfliteMetadata[];
  readonly signatures: readonly TfliteSignature[];
  readonly summary: TfliteModelSummary;
}

export interface TfliteOperatorCode {
  /** max(deprecated_builtin_code, builtin_code): the rule of schema_utils `GetBuiltinCode` (§2.2). */
  readonly builtinCode: number;
  readonly deprecatedBuiltinCode: number;
  /** Op type as tools print it: the builtin name (`CONV_2D`), or the custom code for CUSTOM ops. */
  readonly opName: string;
  readonly customCode: string | null;
  readonly version: number;
}

export interface TfliteSubgraph {
  readonly index: number;
  readonly name: string | null;
  readonly tensors: readonly TfliteTensor[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** In execution order. */
  readonly operators: readonly TfliteOperator[];
}

export interface TfliteTensor {
  readonly index: number;
  readonly name: string;
  readonly shape: readonly number[];
  /** `shape` with −1 for dynamic dims, when the file has one. */
  readonly shapeSignature: readonly number[] | null;
  readonly type: number;
  readonly typeName: string;
  /** Index into `TfliteModel.buffers`; 0 = no data. */
  readonly buffer: number;
  /** True when the tensor's buffer holds data (a weight or other constant). */
  readonly isConstant: boolean;
  readonly isVariable: boolean;
  readonly quantization: TfliteQuantization | null;
}

export interface TfliteQuantization {
  readonly scale: readonly number[];
  readonly zeroPoint: readonly bigint[];
  readonly quantizedDimension: number;
}

export interface TfliteOperator {
  /** Node index in its subgraph: the number TFLite prints in `OP@<node>/<subgraph>` trace slices. */
  readonly index: number;
  readonly opcodeIndex: number;
  readonly builtinCode: number;
  readonly opName: string;
  readonly version: number;
  /** Tensor indices; −1 marks an omitted optional input. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** BuiltinOptions union type as stored (0 = NONE). */
  readonly optionsType: number;
  /** The decoded options table, or null when absent or of a table this reader does not know. */
  readonly options: TfliteOperatorOptions | null;
  readonly customOptions: Uint8Array | null;
}

export interface TfliteBuffer {
  readonly index: number;
  readonly size: number;
  /** A view into the file's bytes (not a copy), or null for an empty buffer. */
  readonly data: Uint8Array | null;
  /** Set when the data sits outside the flatbuffer at an absolute file offset (> 2 GB models, §2.6). */
  readonly external: { readonly offset: number; readonly size: number } | null;
}

export interface TfliteMetadata {
  readonly name: string | null;
  readonly buffer: number;
}

export interface TfliteSignature {
  readonly key: string | null;
  readonly subgraphIndex: number;
  readonly inputs: readonly { readonly name: string | null; readonly tensorIndex: number }[];
  readonly outputs: readonly { readonly name: string | null; readonly tensorIndex: number }[];
}

export interface TfliteModelSummary {
  readonly fileBytes: number;
  readonly subgraphCount: number;
  readonly operatorCount: number;
  readonly tensorCount: number;
  /** Operators per op type over all subgraphs, most frequent first. */
  readonly opCounts: Readonly<Record<string, number>>;
  /** Bytes of the distinct buffers constant tensors point at. */
  readonly parameterBytes: number;
  /** Elements of all constant tensors. */
  readonly parameterCount: number;
}
