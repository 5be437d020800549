// Independent check of the writer: its output decoded by protobufjs against the spec's own .proto text
// (coreml-proto.fixture.ts), not against this codec's field constants. And the other way round: models
// protobufjs encodes (as coremltools would) are read by our reader.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { COREML_PROTO_SUBSET } from './coreml-proto.fixture.js';
import { readCoremlModel } from './reader.js';
import { buildCoremlFallbackMix, buildCoremlMobilenetMini } from './samples.js';

const root = protobuf.parse(COREML_PROTO_SUBSET, { keepCase: true }).root;
const Model = root.lookupType('CoreML.Specification.Model');

type Obj = Record<string, unknown>;
const decode = (bytes: Uint8Array): Obj => Model.toObject(Model.decode(bytes), { longs: Number, enums: String, defaults: false, oneofs: true }) as Obj;
const layersOf = (m: Obj): Obj[] => ((m.neuralNetwork as Obj).layers as Obj[]);

describe('writer output decoded by protobufjs', () => {
  it('mobilenet-mini: version, description, layer types and parameters', () => {
    const m = decode(buildCoremlMobilenetMini());
    expect(m.specificationVersion).toBe(5);
    expect(m.Type).toBe('neuralNetwork');
    const description = m.description as Obj;
    const input = (description.input as Obj[])[0] as Obj;
    expect(input.name).toBe('input');
    expect(((input.type as Obj).multiArrayType as Obj).shape).toEqual([1, 3, 64, 64]);
    expect(((input.type as Obj).multiArrayType as Obj).dataType).toBe('FLOAT32');
    expect(((description.metadata as Obj).userDefined as Obj)['dev.tetherscope.sample']).toBe('mobilenet-mini');
    expect((m.neuralNetwork as Obj).arrayInputShapeMapping).toBe('EXACT_ARRAY_MAPPING');
    const layers = layersOf(m);
    expect(layers.map((l) => l.layer)).toEqual([
      'convolution', 'batchnorm', 'clampedReLU', 'convolution', 'clampedReLU', 'convolution', 'activation',
      'convolution', 'clampedReLU', 'convolution', 'convolution', 'add', 'pooling', 'flatten', 'innerProduct', 'softmax',
    ]);
    const dw1 = layers[3]?.convolution as Obj;
    expect(dw1).toMatchObject({ outputChannels: 16, kernelChannels: 1, nGroups: 16, kernelSize: [3, 3], stride: [1, 1], hasBias: true });
    expect(dw1.same).toEqual({});
    expect(((dw1.weights as Obj).floatValue as number[]).length).toBe(16 * 1 * 3 * 3);
    expect(layers[2]?.clampedReLU).toEqual({ beta: 6 });
    expect((layers[6]?.activation as Obj).NonlinearityType).toBe('ReLU');
    expect(layers[12]?.pooling).toMatchObject({ type: 'AVERAGE', globalPooling: true });
    expect(layers[14]?.innerProduct).toMatchObject({ inputChannels: 64, outputChannels: 10, hasBias: true });
    expect(layers[11]).toMatchObject({ name: 'residual', input: ['pw2', 'conv3'], output: ['residual'] });
  });

  it('fallback-mix: the layers the Neural Engine rejects', () => {
    const layers = layersOf(decode(buildCoremlFallbackMix()));
    const byName = new Map(layers.map((l) => [l.name as string, l]));
    expect((byName.get('conv_dilated')?.convolution as Obj).dilationFactor).toEqual([2, 2]);
    expect(byName.get('add_broadcast')?.layer).toBe('addBroadcastable');
    expect(byName.get('concat_nd')?.concatND).toEqual({ axis: -3 });
    expect(byName.get('swish')?.custom).toMatchObject({ className: 'TSSwish' });
    expect(byName.get('concat')?.layer).toBe('concat');
  });
});

describe('reader on models protobufjs encodes', () => {
  it('reads a classifier network, a negative reshape target and a leaky ReLU', () => {
    const message = Model.fromObject({
      specificationVersion: 4,
      description: {
        input: [{ name: 'x', type: { multiArrayType: { shape: [10], dataType: 'DOUBLE' } } }],
        output: [{ name: 'y', type: { multiArrayType: { shape: [2], dataType: 'FLOAT32' } } }],
      },
      neuralNetworkClassifier: {
        layers: [
          { name: 'fc', input: ['x'], output: ['h'], innerProduct: { inputChannels: 10, outputChannels: 2, weights: { floatValue: Array(20).fill(0.5) } } },
          { name: 'act', input: ['h'], output: ['a'], activation: { leakyReLU: { alpha: 0.25 } } },
          { name: 'shape', input: ['a'], output: ['y'], reshape: { targetShape: [-1, 2] } },
        ],
      },
    });
    const model = readCoremlModel(Model.encode(message).finish());
    expect(model.modelType).toBe('neuralNetworkClassifier');
    expect(model.description.inputs[0]?.type).toEqual({ kind: 'multiArray', shape: [10], dataType: 'DOUBLE' });
    expect(model.layers.map((l) => l.opType)).toEqual(['innerProduct', 'activation', 'reshape']);
    expect(model.layers[0]?.params).toMatchObject({ type: 'innerProduct', inputChannels: 10, outputChannels: 2, weights: { count: 20 }, bias: null });
    expect(model.layers[1]?.params).toEqual({ type: 'activation', activation: 'leakyReLU', alpha: 0.25 });
    expect(model.layers[2]?.params).toEqual({ type: 'reshape', targetShape: [-1, 2] });
    expect(model.summary.weightCount).toBe(20);
  });
});
