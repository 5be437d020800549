// .tflite reader: bytes → TfliteModel. Structure errors and the loader's own checks (tflite-format.md §5 #1–4,
// #6–9) become a TfliteFormatError in plain words; nothing else escapes.
import { tfliteBuiltinOpName } from './builtin-operator.js';
import { TfliteFormatError } from './errors.js';
import { type TfliteFlatTable, TfliteFlatReader } from './flat-reader.js';
import type {
  TfliteBuffer,
  TfliteMetadata,
  TfliteModel,
  TfliteOperator,
  TfliteOperatorCode,
  TfliteQuantization,
  TfliteSignature,
  TfliteSubgraph,
  TfliteTensor,
} from './model.js';
import {
  type TfliteOperatorOptions,
  type TfliteOptionFieldDecl,
  tfliteOptionFields,
  tfliteOptionTableByUnionType,
} from './options.js';
import {
  TFLITE_FILE_IDENTIFIER,
  TFLITE_SCHEMA_VERSION,
  TfliteBufferField,
  TfliteMetadataField,
  TfliteModelField,
  TfliteOperatorCodeField,
  TfliteOperatorField,
  TfliteQuantizationField,
  TfliteSignatureDefField,
  TfliteSubgraphField,
  TfliteTensorField,
  TfliteTensorMapField,
} from './schema.js';
import { summarizeTfliteModel } from './summary.js';
import { tfliteTensorTypeName } from './tensor-type.js';

/** Reads a whole .tflite file. Throws TfliteFormatError for anything that is not a loadable model. */
export function readTfliteModel(bytes: Uint8Array): TfliteModel {
  try {
    return readModel(new TfliteFlatReader(bytes));
  } catch (error) {
    if (error instanceof TfliteFormatError) throw error;
    // The checks above should leave nothing to reach here; if something does, it is still a bad file.
    throw new TfliteFormatError(`its contents could not be decoded (${String(error)})`);
  }
}

function readModel(r: TfliteFlatReader): TfliteModel {
  checkHeader(r);
  const root = r.root();
  const version = r.uint32(root, TfliteModelField.version);
  if (version !== TFLITE_SCHEMA_VERSION) {
    throw new TfliteFormatError(
      `it uses schema version ${version}; only version ${TFLITE_SCHEMA_VERSION} is supported`,
    );
  }
  const buffers = r.tables(root, TfliteModelField.buffers, 'the buffer list').map((t, i) => readBuffer(r, t, i));
  if (!r.has(root, TfliteModelField.buffers)) throw new TfliteFormatError('it has no buffer list');
  const operatorCodes = r
    .tables(root, TfliteModelField.operatorCodes, 'the operator code list')
    .map((t) => readOperatorCode(r, t));
  const subgraphs = r
    .tables(root, TfliteModelField.subgraphs, 'the subgraph list')
    .map((t, i) => readSubgraph(r, t, i, operatorCodes, buffers));
  if (subgraphs.length === 0) throw new TfliteFormatError('it has no subgraphs');
  const metadata = r
    .tables(root, TfliteModelField.metadata, 'the metadata list')
    .map((t): TfliteMetadata => ({
      name: r.string(t, TfliteMetadataField.name, 'a metadata name'),
      buffer: r.uint32(t, TfliteMetadataField.buffer),
    }));
  const signatures = r
    .tables(root, TfliteModelField.signatureDefs, 'the signature list')
    .map((t) => readSignature(r, t));
  return {
    version,
    description: r.string(root, TfliteModelField.description, 'the description'),
    operatorCodes,
    subgraphs,
    buffers,
    metadata,
    signatures,
    summary: summarizeTfliteModel(subgraphs, buffers, r.length),
  };
}

function checkHeader(r: TfliteFlatReader): void {
  if (r.length === 0) throw new TfliteFormatError('the file is empty');
  if (r.length < 8) throw new TfliteFormatError(`it is only ${r.length} bytes long, too short for a model header`);
  const foreign = describeForeign(r.bytes);
  if (foreign !== null) throw new TfliteFormatError(`it looks like ${foreign}`, 0);
  const id = r.identifier();
  if (id !== TFLITE_FILE_IDENTIFIER) {
    throw new TfliteFormatError(`its identifier is '${id}' where a model has '${TFLITE_FILE_IDENTIFIER}'`, 4);
  }
}

const SIGNATURES: readonly [prefix: readonly number[], what: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a native executable (ELF)'],
];

function describeForeign(bytes: Uint8Array): string | null {
  for (const [prefix, what] of SIGNATURES) {
    if (prefix.every((b, i) => bytes[i] === b)) return what;
  }
  return null;
}

function readOperatorCode(r: TfliteFlatReader, t: TfliteFlatTable): TfliteOperatorCode {
  const deprecatedBuiltinCode = r.int8(t, TfliteOperatorCodeField.deprecatedBuiltinCode);
  const builtinCode = Math.max(deprecatedBuiltinCode, r.int32(t, TfliteOperatorCodeField.builtinCode));
  const customCode = r.string(t, TfliteOperatorCodeField.customCode, 'a custom op name');
  const builtinName = tfliteBuiltinOpName(builtinCode);
  return {
    builtinCode,
    deprecatedBuiltinCode,
    opName: builtinName === 'CUSTOM' && customCode !== null ? customCode : builtinName,
    customCode,
    version: r.int32(t, TfliteOperatorCodeField.version, 1),
  };
}

function readBuffer(r: TfliteFlatReader, t: TfliteFlatTable, index: number): TfliteBuffer {
  const data = r.bytesOf(t, TfliteBufferField.data, `buffer ${index}`);
  const offset = r.uint64(t, TfliteBufferField.offset);
  const size = r.uint64(t, TfliteBufferField.size);
  if (data === null && offset > 1n) {
    if (offset + size > BigInt(r.length)) {
      throw new TfliteFormatError(`the data of buffer ${index} lies past the end of the file`);
    }
    const external = { offset: Number(offset), size: Number(size) };
    const bytes = r.bytes.subarray(external.offset, external.offset + external.size);
    return { index, size: external.size, data: bytes, external };
  }
  return { index, size: data?.length ?? 0, data: data !== null && data.length > 0 ? data : null, external: null };
}

function readSubgraph(
  r: TfliteFlatReader,
  t: TfliteFlatTable,
  index: number,
  codes: readonly TfliteOperatorCode[],
  buffers: readonly TfliteBuffer[],
): TfliteSubgraph {
  const where = `subgraph ${index}`;
  const tensors = r
    .tables(t, TfliteSubgraphField.tensors, `the tensor list of ${where}`)
    .map((tt, i) => readTensor(r, tt, i, buffers, where));
  const checkIndices = (list: number[], what: string, allowOmitted: boolean): number[] => {
    for (const i of list) {
      if (i >= tensors.length || i < (allowOmitted ? -1 : 0)) {
        throw new TfliteFormatError(`${what} in ${where} names tensor ${i}, but there are ${tensors.length}`);
      }
    }
    return list;
  };
  const operators = r
    .tables(t, TfliteSubgraphField.operators, `the operator list of ${where}`)
    .map((ot, i) => readOperator(r, ot, i, codes, where, checkIndices));
  return {
    index,
    name: r.string(t, TfliteSubgraphField.name, `the name of ${where}`),
    tensors,
    inputs: checkIndices(r.int32s(t, TfliteSubgraphField.inputs, `the inputs of ${where}`), 'an input', false),
    outputs: checkIndices(r.int32s(t, TfliteSubgraphField.outputs, `the outputs of ${where}`), 'an output', false),
    operators,
  };
}

function readTensor(
  r: TfliteFlatReader,
  t: TfliteFlatTable,
  index: number,
  buffers: readonly TfliteBuffer[],
  where: string,
): TfliteTensor {
  const what = `tensor ${index} of ${where}`;
  const type = r.int8(t, TfliteTensorField.type);
  const buffer = r.uint32(t, TfliteTensorField.buffer);
  if (buffer >= buffers.length) {
    throw new TfliteFormatError(`${what} uses buffer ${buffer}, but there are ${buffers.length}`);
  }
  const q = r.child(t, TfliteTensorField.quantization, `the quantization of ${what}`);
  const quantization: TfliteQuantization | null =
    q === null
      ? null
      : {
          scale: r.float32s(q, TfliteQuantizationField.scale, `the scales of ${what}`),
          zeroPoint: r.int64s(q, TfliteQuantizationField.zeroPoint, `the zero points of ${what}`),
          quantizedDimension: r.int32(q, TfliteQuantizationField.quantizedDimension),
        };
  return {
    index,
    name: r.string(t, TfliteTensorField.name, `the name of ${what}`) ?? '',
    shape: r.int32s(t, TfliteTensorField.shape, `the shape of ${what}`),
    shapeSignature: r.has(t, TfliteTensorField.shapeSignature)
      ? r.int32s(t, TfliteTensorField.shapeSignature, `the shape signature of ${what}`)
      : null,
    type,
    typeName: tfliteTensorTypeName(type),
    buffer,
    isConstant: buffer !== 0 && (buffers[buffer]?.size ?? 0) > 0,
    isVariable: r.bool(t, TfliteTensorField.isVariable),
    quantization: quantization !== null && quantization.scale.length === 0 ? null : quantization,
  };
}

function readOperator(
  r: TfliteFlatReader,
  t: TfliteFlatTable,
  index: number,
  codes: readonly TfliteOperatorCode[],
  where: string,
  checkIndices: (list: number[], what: string, allowOmitted: boolean) => number[],
): TfliteOperator {
  const what = `operator ${index} of ${where}`;
  const opcodeIndex = r.uint32(t, TfliteOperatorField.opcodeIndex);
  const code = codes[opcodeIndex];
  if (code === undefined) {
    throw new TfliteFormatError(`${what} uses operator code ${opcodeIndex}, but there are ${codes.length}`);
  }
  const optionsType = r.uint8(t, TfliteOperatorField.builtinOptionsType);
  return {
    index,
    opcodeIndex,
    builtinCode: code.builtinCode,
    opName: code.opName,
    version: code.version,
    inputs: checkIndices(
      r.int32s(t, TfliteOperatorField.inputs, `the inputs of ${what}`),
      `an input of operator ${index}`,
      true,
    ),
    outputs: checkIndices(
      r.int32s(t, TfliteOperatorField.outputs, `the outputs of ${what}`),
      `an output of operator ${index}`,
      false,
    ),
    optionsType,
    options: readOptions(r, t, optionsType, what),
    customOptions: r.bytesOf(t, TfliteOperatorField.customOptions, `the custom options of ${what}`),
  };
}

function readOptions(
  r: TfliteFlatReader,
  op: TfliteFlatTable,
  type: number,
  what: string,
): TfliteOperatorOptions | null {
  const table = tfliteOptionTableByUnionType(type);
  if (table === null) return null;
  const t = r.child(op, TfliteOperatorField.builtinOptions, `the options of ${what}`);
  if (t === null) return null;
  const values: Record<string, number | boolean | readonly number[]> = {};
  for (const [name, decl] of tfliteOptionFields(table)) values[name] = readOptionField(r, t, decl, what);
  return { table, values } as TfliteOperatorOptions;
}

function readOptionField(
  r: TfliteFlatReader,
  t: TfliteFlatTable,
  decl: TfliteOptionFieldDecl,
  what: string,
): number | boolean | readonly number[] {
  switch (decl.kind) {
    case 'bool':
      return r.bool(t, decl.id, decl.default === true);
    case 'int8':
      return r.int8(t, decl.id, Number(decl.default ?? 0));
    case 'int32':
      return r.int32(t, decl.id, Number(decl.default ?? 0));
    case 'float32':
      return r.float32(t, decl.id, Number(decl.default ?? 0));
    case 'int32[]':
      return r.int32s(t, decl.id, `an option list of ${what}`);
  }
}

function readSignature(r: TfliteFlatReader, t: TfliteFlatTable): TfliteSignature {
  const maps = (id: number, what: string) =>
    r.tables(t, id, what).map((m) => ({
      name: r.string(m, TfliteTensorMapField.name, 'a signature tensor name'),
      tensorIndex: r.uint32(m, TfliteTensorMapField.tensorIndex),
    }));
  return {
    key: r.string(t, TfliteSignatureDefField.signatureKey, 'a signature key'),
    subgraphIndex: r.uint32(t, TfliteSignatureDefField.subgraphIndex),
    inputs: maps(TfliteSignatureDefField.inputs, 'signature inputs'),
    outputs: maps(TfliteSignatureDefField.outputs, 'signature outputs'),
  };
}
