export * from './errors.js';
export * from './fields.js';
export type * from './model.js';
export { readCoremlModel } from './reader.js';
export { writeCoremlModel } from './writer.js';
export { COREML_SAMPLE_MODELS, COREML_SAMPLE_MODEL_IDS, buildCoremlFallbackMix, buildCoremlMobilenetMini, coremlSampleModel } from './samples.js';
export type { CoremlSampleModel, CoremlSampleModelId } from './samples.js';
