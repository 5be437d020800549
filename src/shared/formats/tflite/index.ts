// .tflite codec: reader, writer, graph builder, sample models and delegate support prediction.
export * from './builtin-operator.js';
export * from './delegate-context.js';
export * from './delegate-partition.js';
export { TFLITE_GPU_RULES, GPU_OPERATION_NOT_SUPPORTED, GPU_TENSORS_NOT_COMPATIBLE } from './delegate-rules-gpu.js';
export { TFLITE_NNAPI_RULES, NNAPI_UNSUPPORTED_OPERATION, NnapiSdk } from './delegate-rules-nnapi.js';
export * from './delegate-support.js';
export * from './errors.js';
export * from './graph-builder.js';
export type * from './model.js';
export * from './options.js';
export * from './reader.js';
export * from './samples.js';
export * from './schema.js';
export type * from './spec.js';
export * from './tensor-type.js';
export * from './writer.js';
