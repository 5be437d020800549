// Reads the layers of a NeuralNetwork (or its Classifier / Regressor form): each layer's name, blobs, type,
// and the parameters of the layer types Tetherscope models. Other layer types keep their type name only.
import type { ProtoDecoder } from '../perfetto/proto/decoder.js';
import { ProtoWireType } from '../perfetto/proto/wire.js';
import { eachField, expectWire, nameOf, readInts } from './decode-helpers.js';
import { CoremlFormatError } from './errors.js';
import {
  CoremlActivationParamField,
  CoremlActivationType,
  CoremlAddField,
  CoremlBatchnormField,
  CoremlClampedReluField,
  CoremlConcatField,
  CoremlConcatNdField,
  CoremlConvolutionField,
  CoremlCustomField,
  CoremlFlattenField,
  CoremlInnerProductField,
  CoremlLayerField,
  CoremlLayerType,
  CoremlNeuralNetworkField,
  CoremlPoolingField,
  CoremlPoolingType,
  CoremlReshapeField,
  CoremlWeightField,
} from './fields.js';
import type { CoremlLayer, CoremlLayerParams, CoremlWeightInfo } from './model.js';

const { VARINT, I32, LEN } = ProtoWireType;
type Params = CoremlLayerParams<CoremlWeightInfo>;

const LAYER_TYPE_NAMES = new Map<number, string>(Object.entries(CoremlLayerType).map(([k, v]) => [v, k]));
const NO_WEIGHTS: CoremlWeightInfo = { count: 0, storage: 'none' };

export function readNetwork(d: ProtoDecoder): CoremlLayer[] {
  const layers: CoremlLayer[] = [];
  eachField(d, (field, wire) => {
    if (field !== CoremlNeuralNetworkField.layers) return false;
    expectWire(wire, LEN, 'a layer', d);
    layers.push(readLayer(d.message(), layers.length));
    return true;
  });
  return layers;
}

function readLayer(d: ProtoDecoder, index: number): CoremlLayer {
  let name = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  let opType: string | null = null;
  let params: Params | null = null;
  eachField(d, (field, wire) => {
    if (field === CoremlLayerField.name || field === CoremlLayerField.input || field === CoremlLayerField.output) {
      expectWire(wire, LEN, `layer ${index}'s name or blob`, d);
      const text = d.string();
      if (field === CoremlLayerField.name) name = text;
      else (field === CoremlLayerField.input ? inputs : outputs).push(text);
      return true;
    }
    const type = LAYER_TYPE_NAMES.get(field);
    if (type === undefined) return false;
    expectWire(wire, LEN, `layer ${index}'s ${type} parameters`, d);
    opType = type;
    params = readParams(type, d.message());
    return true;
  });
  const type = opType as string | null;
  if (type === null) {
    throw new CoremlFormatError(`layer ${index}${name === '' ? '' : ` ("${name}")`} has no layer type`);
  }
  return { name, inputs, outputs, opType: type, params };
}

function readParams(type: string, d: ProtoDecoder): Params | null {
  switch (type) {
    case 'convolution':
      return readConvolution(d);
    case 'pooling':
      return readPooling(d);
    case 'activation':
      return readActivation(d);
    case 'innerProduct':
      return readInnerProduct(d);
    case 'batchnorm':
      return readBatchnorm(d);
    case 'softmax':
      return { type: 'softmax' };
    case 'addBroadcastable':
      return { type: 'addBroadcastable' };
    case 'add': {
      const f = floats(d, [CoremlAddField.alpha]);
      return { type: 'add', alpha: f[CoremlAddField.alpha] ?? 0 };
    }
    case 'clampedReLU': {
      const f = floats(d, [CoremlClampedReluField.alpha, CoremlClampedReluField.beta]);
      return { type: 'clampedReLU', alpha: f[CoremlClampedReluField.alpha] ?? 0, beta: f[CoremlClampedReluField.beta] ?? 0 };
    }
    case 'reshape': {
      const targetShape: number[] = [];
      eachField(d, (field, wire) => {
        if (field !== CoremlReshapeField.targetShape) return false;
        readInts(d, wire, targetShape, 'a reshape target');
        return true;
      });
      return { type: 'reshape', targetShape };
    }
    case 'flatten': {
      const v = varints(d, [CoremlFlattenField.mode]);
      return { type: 'flatten', channelLast: v[CoremlFlattenField.mode] === 1 };
    }
    case 'concat': {
      const v = varints(d, [CoremlConcatField.sequenceConcat]);
      return { type: 'concat', sequenceConcat: (v[CoremlConcatField.sequenceConcat] ?? 0) !== 0 };
    }
    case 'concatND': {
      const v = varints(d, [CoremlConcatNdField.axis]);
      return { type: 'concatND', axis: v[CoremlConcatNdField.axis] ?? 0 };
    }
    case 'custom':
      return readCustom(d);
    default:
      return null;
  }
}

/** Scalar varint fields of a message (int64 read as signed, so -1 stays -1). */
function varints(d: ProtoDecoder, wanted: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  eachField(d, (field, wire) => {
    if (!wanted.includes(field)) return false;
    expectWire(wire, VARINT, 'a layer parameter', d);
    out[field] = Number(d.int64());
    return true;
  });
  return out;
}

function floats(d: ProtoDecoder, wanted: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  eachField(d, (field, wire) => {
    if (!wanted.includes(field)) return false;
    expectWire(wire, I32, 'a float layer parameter', d);
    out[field] = d.float();
    return true;
  });
  return out;
}

function pair(values: readonly number[], fallback: number): readonly [number, number] {
  return [values[0] ?? fallback, values[1] ?? values[0] ?? fallback];
}

function readWeights(d: ProtoDecoder): CoremlWeightInfo {
  let count = 0;
  let storage: CoremlWeightInfo['storage'] = 'none';
  eachField(d, (field, wire) => {
    switch (field) {
      case CoremlWeightField.floatValue:
        storage = 'float32';
        if (wire === I32) {
          d.float();
          count++;
        } else {
          expectWire(wire, LEN, 'float weights', d);
          const bytes = d.bytesField();
          if (bytes.length % 4 !== 0) throw new CoremlFormatError('packed float weights are not a whole number of floats', d.pos);
          count += bytes.length / 4;
        }
        return true;
      case CoremlWeightField.float16Value:
      case CoremlWeightField.rawValue:
      case CoremlWeightField.int8RawValue: {
        expectWire(wire, LEN, 'raw weights', d);
        const bytes = d.bytesField().length;
        if (field === CoremlWeightField.float16Value) [storage, count] = ['float16', Math.floor(bytes / 2)];
        else if (field === CoremlWeightField.rawValue) [storage, count] = ['raw', Math.floor(bytes / 4)];
        else [storage, count] = ['int8', bytes];
        return true;
      }
      default:
        return false;
    }
  });
  return { count, storage };
}

function readConvolution(d: ProtoDecoder): Params {
  const F = CoremlConvolutionField;
  const scalars: Record<number, number> = {};
  const kernel: number[] = [];
  const stride: number[] = [];
  const dilation: number[] = [];
  let padding: 'valid' | 'same' = 'valid';
  let weights = NO_WEIGHTS;
  let bias: CoremlWeightInfo | null = null;
  let hasBias = false;
  eachField(d, (field, wire) => {
    switch (field) {
      case F.outputChannels:
      case F.kernelChannels:
      case F.nGroups:
        expectWire(wire, VARINT, 'a convolution size', d);
        scalars[field] = Number(d.uint64());
        return true;
      case F.kernelSize:
      case F.stride:
      case F.dilationFactor:
        readInts(d, wire, field === F.kernelSize ? kernel : field === F.stride ? stride : dilation, 'a convolution size');
        return true;
      case F.valid:
      case F.same:
        expectWire(wire, LEN, 'a convolution padding', d);
        padding = field === F.same ? 'same' : 'valid';
        return false;
      case F.hasBias:
        expectWire(wire, VARINT, 'hasBias', d);
        hasBias = d.bool();
        return true;
      case F.weights:
      case F.bias:
        expectWire(wire, LEN, 'convolution weights', d);
        if (field === F.weights) weights = readWeights(d.message());
        else bias = readWeights(d.message());
        return true;
      default:
        return false;
    }
  });
  return {
    type: 'convolution',
    outputChannels: scalars[F.outputChannels] ?? 0,
    kernelChannels: scalars[F.kernelChannels] ?? 0,
    nGroups: Math.max(1, scalars[F.nGroups] ?? 1),
    kernelSize: pair(kernel, 3),
    stride: pair(stride, 1),
    dilation: pair(dilation, 1),
    padding,
    weights,
    bias: hasBias ? (bias ?? NO_WEIGHTS) : null,
  };
}

function readPooling(d: ProtoDecoder): Params {
  const F = CoremlPoolingField;
  let pooling: 'max' | 'average' | 'l2' = 'max';
  const kernel: number[] = [];
  const stride: number[] = [];
  let padding: 'valid' | 'same' | 'includeLastPixel' = 'valid';
  let globalPooling = false;
  eachField(d, (field, wire) => {
    switch (field) {
      case F.type: {
        expectWire(wire, VARINT, 'a pooling type', d);
        const t = d.int32();
        pooling = t === CoremlPoolingType.AVERAGE ? 'average' : t === CoremlPoolingType.L2 ? 'l2' : 'max';
        return true;
      }
      case F.kernelSize:
      case F.stride:
        readInts(d, wire, field === F.kernelSize ? kernel : stride, 'a pooling size');
        return true;
      case F.valid:
      case F.same:
      case F.includeLastPixel:
        expectWire(wire, LEN, 'a pooling padding', d);
        padding = field === F.same ? 'same' : field === F.valid ? 'valid' : 'includeLastPixel';
        return false;
      case F.globalPooling:
        expectWire(wire, VARINT, 'globalPooling', d);
        globalPooling = d.bool();
        return true;
      default:
        return false;
    }
  });
  return { type: 'pooling', pooling, kernelSize: pair(kernel, 1), stride: pair(stride, 1), padding, globalPooling };
}

function readActivation(d: ProtoDecoder): Params {
  let activation: Extract<Params, { type: 'activation' }>['activation'] = 'unknown';
  let alpha = 0;
  eachField(d, (field, wire) => {
    const name = nameOf(CoremlActivationType, field);
    if (name === undefined) return false;
    expectWire(wire, LEN, `the ${name} activation`, d);
    activation = name;
    alpha = floats(d.message(), [CoremlActivationParamField.alpha])[CoremlActivationParamField.alpha] ?? 0;
    return true;
  });
  return { type: 'activation', activation, alpha };
}

function readInnerProduct(d: ProtoDecoder): Params {
  const F = CoremlInnerProductField;
  const scalars: Record<number, number> = {};
  let weights = NO_WEIGHTS;
  let bias: CoremlWeightInfo | null = null;
  let hasBias = false;
  eachField(d, (field, wire) => {
    if (field === F.inputChannels || field === F.outputChannels) {
      expectWire(wire, VARINT, 'an inner product size', d);
      scalars[field] = Number(d.uint64());
      return true;
    }
    if (field === F.hasBias) {
      expectWire(wire, VARINT, 'hasBias', d);
      hasBias = d.bool();
      return true;
    }
    if (field === F.weights || field === F.bias) {
      expectWire(wire, LEN, 'inner product weights', d);
      if (field === F.weights) weights = readWeights(d.message());
      else bias = readWeights(d.message());
      return true;
    }
    return false;
  });
  return {
    type: 'innerProduct',
    inputChannels: scalars[F.inputChannels] ?? 0,
    outputChannels: scalars[F.outputChannels] ?? 0,
    weights,
    bias: hasBias ? (bias ?? NO_WEIGHTS) : null,
  };
}

function readBatchnorm(d: ProtoDecoder): Params {
  const F = CoremlBatchnormField;
  let channels = 0;
  let epsilon = 0;
  const w: Record<number, CoremlWeightInfo> = {};
  eachField(d, (field, wire) => {
    if (field === F.channels) {
      expectWire(wire, VARINT, 'batchnorm channels', d);
      channels = Number(d.uint64());
      return true;
    }
    if (field === F.epsilon) {
      expectWire(wire, I32, 'batchnorm epsilon', d);
      epsilon = d.float();
      return true;
    }
    if (field === F.gamma || field === F.beta || field === F.mean || field === F.variance) {
      expectWire(wire, LEN, 'batchnorm weights', d);
      w[field] = readWeights(d.message());
      return true;
    }
    return false;
  });
  const get = (f: number): CoremlWeightInfo => w[f] ?? NO_WEIGHTS;
  return { type: 'batchnorm', channels, epsilon, gamma: get(F.gamma), beta: get(F.beta), mean: get(F.mean), variance: get(F.variance) };
}

function readCustom(d: ProtoDecoder): Params {
  let className = '';
  let description = '';
  eachField(d, (field, wire) => {
    if (field !== CoremlCustomField.className && field !== CoremlCustomField.description) return false;
    expectWire(wire, LEN, 'a custom layer name', d);
    if (field === CoremlCustomField.className) className = d.string();
    else description = d.string();
    return true;
  });
  return { type: 'custom', className, description };
}
