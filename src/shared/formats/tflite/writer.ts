// .tflite writer: TfliteModelSpec → bytes, built with the `flatbuffers` Builder (tflite-format.md §1.3, §5).
// The output passes the loader's checks: TFL3 identifier, version 3, empty buffer 0, constant data of the
// exact size, buffers 16-aligned, one operator code per (op, custom code, version).
import { Builder } from 'flatbuffers';
import { TfliteBuiltinOperator } from './builtin-operator.js';
import { TfliteSpecError } from './errors.js';
import {
  TfliteOptionTables,
  type TfliteOptionTableName,
  tfliteOptionFields,
  tfliteOptionTableOfOp,
} from './options.js';
import {
  TFLITE_BUFFER_ALIGNMENT,
  TFLITE_FILE_IDENTIFIER,
  TFLITE_PLACEHOLDER_FOR_GREATER_OP_CODES,
  TFLITE_SCHEMA_VERSION,
  TfliteBufferField,
  TfliteMetadataField,
  TfliteModelField,
  TfliteOperatorCodeField,
  TfliteOperatorField,
  TfliteQuantizationField,
  TfliteSubgraphField,
  TfliteTensorField,
} from './schema.js';
import type { TfliteModelSpec, TfliteOperatorSpec, TfliteSubgraphSpec, TfliteTensorSpec } from './spec.js';
import { TfliteTensorType, tfliteTensorByteSize } from './tensor-type.js';

type Offset = number;

interface OperatorCodeKey {
  readonly code: number;
  readonly customCode: string | null;
  readonly version: number;
}

/** Builds a .tflite file. Throws TfliteSpecError when the description is inconsistent. */
export function writeTfliteModel(spec: TfliteModelSpec): Uint8Array {
  validate(spec);
  const constants = spec.subgraphs.flatMap((s) => s.tensors.filter((t) => t.data !== undefined));
  const metadata = spec.metadata ?? [];
  const dataBytes = [...constants.map((t) => t.data?.byteLength ?? 0), ...metadata.map((m) => m.data.byteLength)];
  const builder = new Builder(dataBytes.reduce((a, b) => a + b + TFLITE_BUFFER_ALIGNMENT, 64 * 1024));

  // Buffer 0 is the empty sentinel; then one per constant tensor, then one per metadata entry.
  const bufferOffsets: Offset[] = [emptyTable(builder)];
  const bufferOf = new Map<TfliteTensorSpec, number>();
  for (const tensor of constants) {
    bufferOf.set(tensor, bufferOffsets.length);
    bufferOffsets.push(bufferTable(builder, asBytes(tensor.data)));
  }
  const metadataOffsets = metadata.map((m) => {
    const buffer = bufferOffsets.length;
    bufferOffsets.push(bufferTable(builder, m.data));
    const name = builder.createString(m.name);
    builder.startObject(2);
    builder.addFieldOffset(TfliteMetadataField.name, name, 0);
    builder.addFieldInt32(TfliteMetadataField.buffer, buffer, 0);
    return builder.endObject();
  });

  const codes: OperatorCodeKey[] = [];
  const subgraphOffsets = spec.subgraphs.map((s) => subgraphTable(builder, s, bufferOf, codes));
  const codeOffsets = codes.map((c) => operatorCodeTable(builder, c));

  const codesVec = tableVector(builder, codeOffsets);
  const subgraphsVec = tableVector(builder, subgraphOffsets);
  const buffersVec = tableVector(builder, bufferOffsets);
  const metadataVec = metadataOffsets.length > 0 ? tableVector(builder, metadataOffsets) : 0;
  const description = spec.description === undefined ? 0 : builder.createString(spec.description);

  builder.startObject(8);
  builder.addFieldInt32(TfliteModelField.version, TFLITE_SCHEMA_VERSION, 0);
  builder.addFieldOffset(TfliteModelField.operatorCodes, codesVec, 0);
  builder.addFieldOffset(TfliteModelField.subgraphs, subgraphsVec, 0);
  builder.addFieldOffset(TfliteModelField.description, description, 0);
  builder.addFieldOffset(TfliteModelField.buffers, buffersVec, 0);
  builder.addFieldOffset(TfliteModelField.metadata, metadataVec, 0);
  builder.finish(builder.endObject(), TFLITE_FILE_IDENTIFIER);

  const bytes = builder.asUint8Array();
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

function validate(spec: TfliteModelSpec): void {
  if (spec.subgraphs.length === 0) throw new TfliteSpecError('a model needs at least one subgraph');
  spec.subgraphs.forEach((subgraph, s) => {
    const count = subgraph.tensors.length;
    const check = (indices: readonly number[], what: string, allowOmitted: boolean) => {
      for (const i of indices) {
        if (!Number.isInteger(i) || i >= count || i < (allowOmitted ? -1 : 0)) {
          throw new TfliteSpecError(`${what} of subgraph ${s} names tensor ${i}, but it has ${count}`);
        }
      }
    };
    check(subgraph.inputs, 'an input', false);
    check(subgraph.outputs, 'an output', false);
    subgraph.operators.forEach((op, i) => {
      check(op.inputs, `an input of operator ${i} (${op.op})`, true);
      check(op.outputs, `an output of operator ${i} (${op.op})`, false);
    });
    for (const tensor of subgraph.tensors) {
      if (tensor.data === undefined) continue;
      const type = TfliteTensorType[tensor.type ?? 'FLOAT32'];
      const elements = tensor.shape.reduce((n, d) => n * d, 1);
      const expected = tfliteTensorByteSize(type, elements);
      if (expected !== null && expected !== tensor.data.byteLength) {
        throw new TfliteSpecError(
          `tensor '${tensor.name}' of shape [${tensor.shape.join(', ')}] needs ${expected} bytes of data, ` +
            `but was given ${tensor.data.byteLength}`,
        );
      }
    }
  });
}

function asBytes(data: TfliteTensorSpec['data']): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function emptyTable(builder: Builder): Offset {
  builder.startObject(0);
  return builder.endObject();
}

/** A Buffer whose data vector starts on a 16-byte boundary (`force_align: 16`, §1.2). */
function bufferTable(builder: Builder, data: Uint8Array): Offset {
  builder.startVector(1, data.length, TFLITE_BUFFER_ALIGNMENT);
  builder.pad(data.length);
  const start = builder.dataBuffer().capacity() - builder.offset();
  builder.dataBuffer().bytes().set(data, start);
  const vector = builder.endVector();
  builder.startObject(1);
  builder.addFieldOffset(TfliteBufferField.data, vector, 0);
  return builder.endObject();
}

function tableVector(builder: Builder, offsets: readonly Offset[]): Offset {
  builder.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) builder.addOffset(offsets[i] ?? 0);
  return builder.endVector();
}

function int32Vector(builder: Builder, values: readonly number[]): Offset {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) builder.addInt32(values[i] ?? 0);
  return builder.endVector();
}

function floatVector(builder: Builder, values: readonly number[]): Offset {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) builder.addFloat32(values[i] ?? 0);
  return builder.endVector();
}

function int64Vector(builder: Builder, values: readonly (number | bigint)[]): Offset {
  builder.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) builder.addInt64(BigInt(values[i] ?? 0));
  return builder.endVector();
}

function operatorCodeTable(builder: Builder, key: OperatorCodeKey): Offset {
  const custom = key.customCode === null ? 0 : builder.createString(key.customCode);
  builder.startObject(4);
  builder.addFieldInt8(
    TfliteOperatorCodeField.deprecatedBuiltinCode,
    Math.min(key.code, TFLITE_PLACEHOLDER_FOR_GREATER_OP_CODES),
    0,
  );
  builder.addFieldOffset(TfliteOperatorCodeField.customCode, custom, 0);
  builder.addFieldInt32(TfliteOperatorCodeField.version, key.version, 1);
  builder.addFieldInt32(TfliteOperatorCodeField.builtinCode, key.code, 0);
  return builder.endObject();
}

function subgraphTable(
  builder: Builder,
  subgraph: TfliteSubgraphSpec,
  bufferOf: ReadonlyMap<TfliteTensorSpec, number>,
  codes: OperatorCodeKey[],
): Offset {
  const tensors = subgraph.tensors.map((t) => tensorTable(builder, t, bufferOf.get(t) ?? 0));
  const operators = subgraph.operators.map((op) => operatorTable(builder, op, codeIndex(codes, op)));
  const tensorsVec = tableVector(builder, tensors);
  const inputs = int32Vector(builder, subgraph.inputs);
  const outputs = int32Vector(builder, subgraph.outputs);
  const operatorsVec = tableVector(builder, operators);
  const name = subgraph.name === undefined ? 0 : builder.createString(subgraph.name);
  builder.startObject(5);
  builder.addFieldOffset(TfliteSubgraphField.tensors, tensorsVec, 0);
  builder.addFieldOffset(TfliteSubgraphField.inputs, inputs, 0);
  builder.addFieldOffset(TfliteSubgraphField.outputs, outputs, 0);
  builder.addFieldOffset(TfliteSubgraphField.operators, operatorsVec, 0);
  builder.addFieldOffset(TfliteSubgraphField.name, name, 0);
  return builder.endObject();
}

function codeIndex(codes: OperatorCodeKey[], op: TfliteOperatorSpec): number {
  const key: OperatorCodeKey = {
    code: TfliteBuiltinOperator[op.op],
    customCode: op.op === 'CUSTOM' ? op.customCode : null,
    version: op.version ?? 1,
  };
  const found = codes.findIndex(
    (c) => c.code === key.code && c.customCode === key.customCode && c.version === key.version,
  );
  if (found >= 0) return found;
  codes.push(key);
  return codes.length - 1;
}

function tensorTable(builder: Builder, tensor: TfliteTensorSpec, buffer: number): Offset {
  const shape = int32Vector(builder, tensor.shape);
  const name = builder.createString(tensor.name);
  const quantization = tensor.quantization === undefined ? 0 : quantizationTable(builder, tensor.quantization);
  builder.startObject(5);
  builder.addFieldOffset(TfliteTensorField.shape, shape, 0);
  builder.addFieldInt8(TfliteTensorField.type, TfliteTensorType[tensor.type ?? 'FLOAT32'], 0);
  builder.addFieldInt32(TfliteTensorField.buffer, buffer, 0);
  builder.addFieldOffset(TfliteTensorField.name, name, 0);
  builder.addFieldOffset(TfliteTensorField.quantization, quantization, 0);
  return builder.endObject();
}

function quantizationTable(builder: Builder, q: NonNullable<TfliteTensorSpec['quantization']>): Offset {
  const scale = floatVector(builder, q.scale);
  const zeroPoint = int64Vector(builder, q.zeroPoint);
  builder.startObject(7);
  builder.addFieldOffset(TfliteQuantizationField.scale, scale, 0);
  builder.addFieldOffset(TfliteQuantizationField.zeroPoint, zeroPoint, 0);
  builder.addFieldInt32(TfliteQuantizationField.quantizedDimension, q.quantizedDimension ?? 0, 0);
  return builder.endObject();
}

function operatorTable(builder: Builder, op: TfliteOperatorSpec, opcodeIndex: number): Offset {
  const inputs = int32Vector(builder, op.inputs);
  const outputs = int32Vector(builder, op.outputs);
  const table = op.op === 'CUSTOM' ? null : tfliteOptionTableOfOp(op.op);
  const given = 'options' in op ? (op.options as Readonly<Record<string, unknown>> | undefined) : undefined;
  // Ops with an options table always get one, so every field takes its schema default rather than zero (§3.2).
  const options = table === null ? 0 : optionsTable(builder, table, given ?? {});
  const custom = op.op === 'CUSTOM' && op.customOptions !== undefined ? builder.createByteVector(op.customOptions) : 0;
  builder.startObject(7);
  builder.addFieldInt32(TfliteOperatorField.opcodeIndex, opcodeIndex, 0);
  builder.addFieldOffset(TfliteOperatorField.inputs, inputs, 0);
  builder.addFieldOffset(TfliteOperatorField.outputs, outputs, 0);
  if (table !== null) {
    builder.addFieldInt8(TfliteOperatorField.builtinOptionsType, TfliteOptionTables[table].unionType, 0);
    builder.addFieldOffset(TfliteOperatorField.builtinOptions, options, 0);
  }
  builder.addFieldOffset(TfliteOperatorField.customOptions, custom, 0);
  return builder.endObject();
}

function optionsTable(
  builder: Builder,
  table: TfliteOptionTableName,
  values: Readonly<Record<string, unknown>>,
): Offset {
  const fields = tfliteOptionFields(table);
  const vectors = new Map<string, Offset>();
  for (const [name, decl] of fields) {
    const value = values[name];
    if (decl.kind === 'int32[]' && Array.isArray(value)) vectors.set(name, int32Vector(builder, value as number[]));
  }
  builder.startObject(fields.reduce((n, [, decl]) => Math.max(n, decl.id + 1), 0));
  for (const [name, decl] of fields) {
    const value = values[name];
    if (value === undefined) continue;
    const fallback = Number(decl.default ?? 0);
    switch (decl.kind) {
      case 'bool':
        builder.addFieldInt8(decl.id, value === true ? 1 : 0, fallback);
        break;
      case 'int8':
        builder.addFieldInt8(decl.id, Number(value), fallback);
        break;
      case 'int32':
        builder.addFieldInt32(decl.id, Number(value), fallback);
        break;
      case 'float32':
        builder.addFieldFloat32(decl.id, Number(value), fallback);
        break;
      case 'int32[]':
        builder.addFieldOffset(decl.id, vectors.get(name) ?? 0, 0);
        break;
    }
  }
  return builder.endObject();
}
