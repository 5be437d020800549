// Perfetto trace codec: reader, streaming writer, TrackEvent resolution and the TFLite slice extractor.
export * from './atrace.js';
export * from './errors.js';
export * from './fields.js';
export * from './reader.js';
export * from './sequence-clock.js';
export * from './sequence-writer.js';
export * from './tflite-slices.js';
export * from './trace-types.js';
export * from './track-events.js';
export * from './write-types.js';
export * from './writer.js';
export { ProtoChunkWriter, ProtoMemorySink, type ProtoChunkSink } from './proto/chunks.js';
export { ProtoDecoder } from './proto/decoder.js';
export { ProtoEncoder } from './proto/encoder.js';
export * from './proto/wire.js';
