// Reads a .mlmodel (a serialized CoreML.Specification.Model protobuf) into the subset Tetherscope uses: the
// description, and for neural network models every layer with its type and, for the types we model, its
// parameters. Anything that is not a readable model becomes a CoremlFormatError saying why in plain words;
// a readable model of another kind (ML Program, pipeline...) a CoremlUnsupportedModelError.
import { ProtoDecoder } from '../perfetto/proto/decoder.js';
import { ProtoDecodeError, ProtoWireType } from '../perfetto/proto/wire.js';
import { eachField, expectWire } from './decode-helpers.js';
import { readDescription } from './description-reader.js';
import { CoremlError, CoremlFormatError, CoremlUnsupportedModelError } from './errors.js';
import { readNetwork } from './layer-reader.js';
import { CoremlModelField, CoremlModelTypeField } from './fields.js';
import type { CoremlDescription, CoremlLayer, CoremlLayerParams, CoremlModel, CoremlOpCount, CoremlWeightInfo } from './model.js';

const { VARINT, LEN } = ProtoWireType;
/** Newest specification version known (iOS 18 is 9); later ones are allowed a little headroom. */
const MAX_SPEC_VERSION = 20;
const NEURAL_NETWORK_TYPES = new Set<number>([
  CoremlModelTypeField.neuralNetwork,
  CoremlModelTypeField.neuralNetworkClassifier,
  CoremlModelTypeField.neuralNetworkRegressor,
]);

const MODEL_TYPE_NAMES = new Map<number, string>(Object.entries(CoremlModelTypeField).map(([k, v]) => [v, k]));

export function readCoremlModel(bytes: Uint8Array): CoremlModel {
  foreignCheck(bytes);
  try {
    return readModel(bytes);
  } catch (error) {
    if (error instanceof CoremlError) throw error;
    if (error instanceof ProtoDecodeError) throw new CoremlFormatError(`it is cut off or garbled: ${error.message}`, error.offset);
    // A check is missing somewhere above; say so plainly rather than leak a TypeError.
    throw new CoremlFormatError(`it could not be decoded (${error instanceof Error ? error.message : String(error)})`);
  }
}

function foreignCheck(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new CoremlFormatError('the file is empty', 0);
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && ascii(4, 8) === 'TFL3') throw new CoremlFormatError('it is a TensorFlow Lite model (.tflite), not a Core ML model', 4);
  if (bytes.length >= 4 && ascii(0, 4) === 'PK\x03\x04') {
    throw new CoremlFormatError('it is a zip archive; unzip an .mlpackage first, or send the .mlmodel itself', 0);
  }
  if (bytes.length >= 4 && ascii(0, 4) === '\x7fELF') throw new CoremlFormatError('it is an executable (ELF), not a model', 0);
}

function readModel(bytes: Uint8Array): CoremlModel {
  const d = new ProtoDecoder(bytes);
  let specificationVersion: number | null = null;
  let description: CoremlDescription | null = null;
  let modelTypeField: number | null = null;
  let layers: CoremlLayer[] = [];
  eachField(d, (field, wire) => {
    if (field === CoremlModelField.specificationVersion) {
      expectWire(wire, VARINT, 'the specification version', d);
      specificationVersion = d.int32();
      return true;
    }
    if (field === CoremlModelField.description) {
      expectWire(wire, LEN, 'the model description', d);
      description = readDescription(d.message());
      return true;
    }
    if (MODEL_TYPE_NAMES.has(field)) {
      expectWire(wire, LEN, `the ${MODEL_TYPE_NAMES.get(field) ?? 'model'} part`, d);
      modelTypeField = field;
      if (NEURAL_NETWORK_TYPES.has(field)) layers = readNetwork(d.message());
      else d.skip(wire);
      return true;
    }
    return false;
  });
  const version = specificationVersion as number | null;
  if (version === null) throw new CoremlFormatError('it has no specification version (the first field of every Core ML model)');
  if (version < 1 || version > MAX_SPEC_VERSION) throw new CoremlFormatError(`its specification version ${version} is not one Core ML has`);
  const typeField = modelTypeField as number | null;
  if (typeField === null) throw new CoremlFormatError('it holds no model (no neural network or any other model type)');
  const modelType = MODEL_TYPE_NAMES.get(typeField) ?? 'unknown';
  if (!NEURAL_NETWORK_TYPES.has(typeField)) throw new CoremlUnsupportedModelError(modelType);
  const desc = (description as CoremlDescription | null) ?? { inputs: [], outputs: [], metadata: null };
  if (desc.inputs.length === 0) throw new CoremlFormatError('its description declares no inputs');
  const weightCount = layers.reduce((n, l) => n + layerWeightCount(l.params), 0);
  return {
    specificationVersion: version,
    modelType,
    description: desc,
    layers,
    ops: opCounts(layers),
    summary: { fileBytes: bytes.length, layerCount: layers.length, weightCount },
  };
}

function opCounts(layers: readonly CoremlLayer[]): CoremlOpCount[] {
  const counts = new Map<string, number>();
  for (const layer of layers) counts.set(layer.opType, (counts.get(layer.opType) ?? 0) + 1);
  return [...counts].map(([opType, count]) => ({ opType, count }));
}

function layerWeightCount(params: CoremlLayerParams<CoremlWeightInfo> | null): number {
  if (params === null) return 0;
  switch (params.type) {
    case 'convolution':
    case 'innerProduct':
      return params.weights.count + (params.bias?.count ?? 0);
    case 'batchnorm':
      return params.gamma.count + params.beta.count + params.mean.count + params.variance.count;
    default:
      return 0;
  }
}
