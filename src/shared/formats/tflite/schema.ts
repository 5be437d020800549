// Field ids of the TFLite FlatBuffers schema (tflite-format.md §2; LiteRT tflite/converter/schema/schema.fbs).
// A field id is its 0-based declaration position; a union takes two ids (`<name>_type`, then the value).

export const TFLITE_FILE_IDENTIFIER = 'TFL3';
/** `TFLITE_SCHEMA_VERSION`; the interpreter rejects any other (§2, §5 #2). */
export const TFLITE_SCHEMA_VERSION = 3;
/** `deprecated_builtin_code` holds this when the real code does not fit an int8 (§2.2). */
export const TFLITE_PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

/** §2.1 */
export const TfliteModelField = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;

/** §2.2 */
export const TfliteOperatorCodeField = {
  deprecatedBuiltinCode: 0,
  customCode: 1,
  version: 2,
  builtinCode: 3,
} as const;

/** §2.3 */
export const TfliteSubgraphField = {
  tensors: 0,
  inputs: 1,
  outputs: 2,
  operators: 3,
  name: 4,
} as const;

/** §2.4 */
export const TfliteTensorField = {
  shape: 0,
  type: 1,
  buffer: 2,
  name: 3,
  quantization: 4,
  isVariable: 5,
  sparsity: 6,
  shapeSignature: 7,
  hasRank: 8,
} as const;

/** §2.6 */
export const TfliteBufferField = {
  data: 0,
  offset: 1,
  size: 2,
} as const;

/** §2.6 */
export const TfliteMetadataField = {
  name: 0,
  buffer: 1,
} as const;

/** §2.6 */
export const TfliteSignatureDefField = {
  inputs: 0,
  outputs: 1,
  signatureKey: 2,
  subgraphIndex: 4,
} as const;

/** §2.6 */
export const TfliteTensorMapField = {
  name: 0,
  tensorIndex: 1,
} as const;

/** §2.7 */
export const TfliteOperatorField = {
  opcodeIndex: 0,
  inputs: 1,
  outputs: 2,
  builtinOptionsType: 3,
  builtinOptions: 4,
  customOptions: 5,
  customOptionsFormat: 6,
  mutatingVariableInputs: 7,
  intermediates: 8,
  largeCustomOptionsOffset: 9,
  largeCustomOptionsSize: 10,
} as const;

/** §2.8 */
export const TfliteQuantizationField = {
  min: 0,
  max: 1,
  scale: 2,
  zeroPoint: 3,
  detailsType: 4,
  details: 5,
  quantizedDimension: 6,
} as const;

/** Alignment the converter gives `Buffer.data` (`force_align: 16`, §1.2). */
export const TFLITE_BUFFER_ALIGNMENT = 16;
