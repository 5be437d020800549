// Writes a NeuralNetwork .mlmodel from a CoremlModelSpec: the description (multi-array features, metadata)
// and the layers of the types in CoremlLayerParams, weights as packed float32. Checks what a reader would
// trip over (empty names, weight counts that do not match the declared sizes) before writing anything.
import { ProtoEncoder } from '../perfetto/proto/encoder.js';
import { CoremlSpecError } from './errors.js';
import {
  CoremlActivationParamField,
  CoremlActivationType,
  CoremlAddField,
  CoremlArrayDataType,
  CoremlArrayField,
  CoremlArrayShapeMapping,
  CoremlBatchnormField,
  CoremlClampedReluField,
  CoremlConcatField,
  CoremlConcatNdField,
  CoremlConvolutionField,
  CoremlCustomField,
  CoremlDescriptionField,
  CoremlFeatureField,
  CoremlFeatureTypeField,
  CoremlFlattenField,
  CoremlImageField,
  CoremlInnerProductField,
  CoremlLayerField,
  CoremlLayerType,
  CoremlMapEntryField,
  CoremlMetadataField,
  CoremlModelField,
  CoremlModelTypeField,
  CoremlNeuralNetworkField,
  CoremlPoolingField,
  CoremlPoolingType,
  CoremlReshapeField,
  CoremlWeightField,
} from './fields.js';
import type { CoremlFeature, CoremlLayerParams, CoremlLayerSpec, CoremlMetadata, CoremlModelSpec } from './model.js';

type Params = CoremlLayerParams<Float32Array>;

export function writeCoremlModel(spec: CoremlModelSpec): Uint8Array {
  validate(spec);
  const e = new ProtoEncoder(4096);
  e.int(CoremlModelField.specificationVersion, spec.specificationVersion);
  const description = e.fork(CoremlModelField.description);
  for (const f of spec.description.inputs) writeFeature(e, CoremlDescriptionField.input, f);
  for (const f of spec.description.outputs) writeFeature(e, CoremlDescriptionField.output, f);
  if (spec.description.metadata !== null) writeMetadata(e, spec.description.metadata);
  e.join(description);
  const network = e.fork(CoremlModelTypeField.neuralNetwork);
  for (const layer of spec.layers) writeLayer(e, layer);
  if (spec.exactArrayMapping ?? true) e.int(CoremlNeuralNetworkField.arrayInputShapeMapping, CoremlArrayShapeMapping.EXACT_ARRAY_MAPPING);
  e.join(network);
  return e.view().slice();
}

function validate(spec: CoremlModelSpec): void {
  if (!Number.isInteger(spec.specificationVersion) || spec.specificationVersion < 1) {
    throw new CoremlSpecError(`specification version ${spec.specificationVersion} is not a positive integer`);
  }
  if (spec.description.inputs.length === 0) throw new CoremlSpecError('a model needs at least one input');
  for (const f of [...spec.description.inputs, ...spec.description.outputs]) {
    if (f.name === '') throw new CoremlSpecError('every feature needs a name');
  }
  const names = new Set<string>();
  for (const layer of spec.layers) {
    if (layer.name === '') throw new CoremlSpecError('every layer needs a name');
    if (names.has(layer.name)) throw new CoremlSpecError(`two layers are named "${layer.name}"`);
    names.add(layer.name);
    checkWeights(layer);
  }
}

function checkWeights(layer: CoremlLayerSpec): void {
  const p = layer.params;
  const expect = (what: string, got: number, want: number): void => {
    if (got !== want) throw new CoremlSpecError(`layer "${layer.name}": ${what} has ${got} values, ${want} expected`);
  };
  if (p.type === 'convolution') {
    expect('weights', p.weights.length, p.outputChannels * p.kernelChannels * p.kernelSize[0] * p.kernelSize[1]);
    if (p.bias !== null) expect('bias', p.bias.length, p.outputChannels);
  } else if (p.type === 'innerProduct') {
    expect('weights', p.weights.length, p.inputChannels * p.outputChannels);
    if (p.bias !== null) expect('bias', p.bias.length, p.outputChannels);
  } else if (p.type === 'batchnorm') {
    for (const [what, w] of [['gamma', p.gamma], ['beta', p.beta], ['mean', p.mean], ['variance', p.variance]] as const) {
      expect(what, w.length, p.channels);
    }
  }
}

function writeFeature(e: ProtoEncoder, field: number, f: CoremlFeature): void {
  const mark = e.fork(field);
  e.string(CoremlFeatureField.name, f.name);
  if (f.shortDescription !== '') e.string(CoremlFeatureField.shortDescription, f.shortDescription);
  const type = e.fork(CoremlFeatureField.type);
  const t = f.type;
  if (t.kind === 'multiArray') {
    const array = e.fork(CoremlFeatureTypeField.multiArrayType);
    packedInts(e, CoremlArrayField.shape, t.shape);
    if (t.dataType !== 'unknown') e.int(CoremlArrayField.dataType, CoremlArrayDataType[t.dataType]);
    e.join(array);
  } else if (t.kind === 'image') {
    const image = e.fork(CoremlFeatureTypeField.imageType);
    e.int(CoremlImageField.width, t.width);
    e.int(CoremlImageField.height, t.height);
    e.int(CoremlImageField.colorSpace, t.colorSpace);
    e.join(image);
  } else if (t.kind !== 'unknown') {
    e.join(e.fork(CoremlFeatureTypeField[`${t.kind}Type`]));
  }
  e.join(type);
  e.join(mark);
}

function writeMetadata(e: ProtoEncoder, m: CoremlMetadata): void {
  const mark = e.fork(CoremlDescriptionField.metadata);
  const F = CoremlMetadataField;
  if (m.shortDescription !== '') e.string(F.shortDescription, m.shortDescription);
  if (m.versionString !== '') e.string(F.versionString, m.versionString);
  if (m.author !== '') e.string(F.author, m.author);
  if (m.license !== '') e.string(F.license, m.license);
  for (const [key, value] of Object.entries(m.userDefined)) {
    const entry = e.fork(F.userDefined);
    e.string(CoremlMapEntryField.key, key);
    e.string(CoremlMapEntryField.value, value);
    e.join(entry);
  }
  e.join(mark);
}

function packedInts(e: ProtoEncoder, field: number, values: readonly number[]): void {
  if (values.length === 0) return;
  const mark = e.fork(field);
  for (const v of values) {
    if (v >= 0) e.rawVarint(v);
    else e.rawVarint64(BigInt.asUintN(64, BigInt(v)));
  }
  e.join(mark);
}

function weights(e: ProtoEncoder, field: number, values: Float32Array): void {
  const mark = e.fork(field);
  if (values.length > 0) {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    e.bytes(CoremlWeightField.floatValue, bytes);
  }
  e.join(mark);
}

function writeLayer(e: ProtoEncoder, layer: CoremlLayerSpec): void {
  const mark = e.fork(CoremlNeuralNetworkField.layers);
  e.string(CoremlLayerField.name, layer.name);
  for (const input of layer.inputs) e.string(CoremlLayerField.input, input);
  for (const output of layer.outputs) e.string(CoremlLayerField.output, output);
  const params = e.fork(CoremlLayerType[layer.params.type]);
  writeParams(e, layer.params);
  e.join(params);
  e.join(mark);
}

function writeParams(e: ProtoEncoder, p: Params): void {
  switch (p.type) {
    case 'convolution': {
      const F = CoremlConvolutionField;
      e.uint(F.outputChannels, p.outputChannels);
      e.uint(F.kernelChannels, p.kernelChannels);
      if (p.nGroups !== 1) e.uint(F.nGroups, p.nGroups);
      packedInts(e, F.kernelSize, p.kernelSize);
      packedInts(e, F.stride, p.stride);
      packedInts(e, F.dilationFactor, p.dilation);
      e.join(e.fork(p.padding === 'same' ? F.same : F.valid));
      if (p.bias !== null) e.bool(F.hasBias, true);
      weights(e, F.weights, p.weights);
      if (p.bias !== null) weights(e, F.bias, p.bias);
      return;
    }
    case 'pooling': {
      const F = CoremlPoolingField;
      const type = p.pooling === 'average' ? CoremlPoolingType.AVERAGE : p.pooling === 'l2' ? CoremlPoolingType.L2 : CoremlPoolingType.MAX;
      if (type !== 0) e.int(F.type, type);
      packedInts(e, F.kernelSize, p.kernelSize);
      packedInts(e, F.stride, p.stride);
      e.join(e.fork(p.padding === 'same' ? F.same : p.padding === 'valid' ? F.valid : F.includeLastPixel));
      if (p.globalPooling) e.bool(F.globalPooling, true);
      return;
    }
    case 'activation': {
      if (p.activation === 'unknown') throw new CoremlSpecError('an activation layer needs a known activation');
      const inner = e.fork(CoremlActivationType[p.activation]);
      if (p.alpha !== 0) e.float(CoremlActivationParamField.alpha, p.alpha);
      e.join(inner);
      return;
    }
    case 'innerProduct': {
      const F = CoremlInnerProductField;
      e.uint(F.inputChannels, p.inputChannels);
      e.uint(F.outputChannels, p.outputChannels);
      if (p.bias !== null) e.bool(F.hasBias, true);
      weights(e, F.weights, p.weights);
      if (p.bias !== null) weights(e, F.bias, p.bias);
      return;
    }
    case 'batchnorm': {
      const F = CoremlBatchnormField;
      e.uint(F.channels, p.channels);
      e.float(F.epsilon, p.epsilon);
      weights(e, F.gamma, p.gamma);
      weights(e, F.beta, p.beta);
      weights(e, F.mean, p.mean);
      weights(e, F.variance, p.variance);
      return;
    }
    case 'add':
      if (p.alpha !== 0) e.float(CoremlAddField.alpha, p.alpha);
      return;
    case 'clampedReLU':
      e.float(CoremlClampedReluField.alpha, p.alpha);
      e.float(CoremlClampedReluField.beta, p.beta);
      return;
    case 'reshape':
      packedInts(e, CoremlReshapeField.targetShape, p.targetShape);
      return;
    case 'flatten':
      if (p.channelLast) e.int(CoremlFlattenField.mode, 1);
      return;
    case 'concat':
      if (p.sequenceConcat) e.bool(CoremlConcatField.sequenceConcat, true);
      return;
    case 'concatND':
      if (p.axis !== 0) e.int(CoremlConcatNdField.axis, p.axis);
      return;
    case 'custom':
      e.string(CoremlCustomField.className, p.className);
      if (p.description !== '') e.string(CoremlCustomField.description, p.description);
      return;
    case 'softmax':
    case 'addBroadcastable':
      return;
  }
}
