import { describe, expect, it } from 'vitest';
import { ProtoEncoder } from '../perfetto/proto/encoder.js';
import { buildMobilenetMini } from '../tflite/samples.js';
import { CoremlFormatError, CoremlSpecError, CoremlUnsupportedModelError } from './errors.js';
import type { CoremlModelSpec } from './model.js';
import { readCoremlModel } from './reader.js';
import { buildCoremlFallbackMix, buildCoremlMobilenetMini } from './samples.js';
import { writeCoremlModel } from './writer.js';

const tiny = (overrides: Partial<CoremlModelSpec> = {}): CoremlModelSpec => ({
  specificationVersion: 4,
  description: {
    inputs: [{ name: 'x', shortDescription: '', type: { kind: 'multiArray', shape: [4], dataType: 'FLOAT32' } }],
    outputs: [{ name: 'y', shortDescription: 'out', type: { kind: 'multiArray', shape: [2], dataType: 'FLOAT32' } }],
    metadata: null,
  },
  layers: [
    {
      name: 'fc',
      inputs: ['x'],
      outputs: ['y'],
      params: { type: 'innerProduct', inputChannels: 4, outputChannels: 2, weights: new Float32Array(8).fill(0.5), bias: new Float32Array(2) },
    },
  ],
  ...overrides,
});

function formatError(bytes: Uint8Array): CoremlFormatError {
  try {
    readCoremlModel(bytes);
  } catch (error) {
    if (error instanceof CoremlFormatError) return error;
    throw error;
  }
  throw new Error('expected a CoremlFormatError');
}

describe('.mlmodel reader and writer', () => {
  it('round-trips the samples: layers, op counts, description, metadata', () => {
    const model = readCoremlModel(buildCoremlMobilenetMini());
    expect(model.specificationVersion).toBe(5);
    expect(model.modelType).toBe('neuralNetwork');
    expect(model.ops).toEqual([
      { opType: 'convolution', count: 6 },
      { opType: 'batchnorm', count: 1 },
      { opType: 'clampedReLU', count: 3 },
      { opType: 'activation', count: 1 },
      { opType: 'add', count: 1 },
      { opType: 'pooling', count: 1 },
      { opType: 'flatten', count: 1 },
      { opType: 'innerProduct', count: 1 },
      { opType: 'softmax', count: 1 },
    ]);
    expect(model.description.inputs[0]).toMatchObject({ name: 'input', type: { kind: 'multiArray', shape: [1, 3, 64, 64], dataType: 'FLOAT32' } });
    expect(model.description.outputs[0]?.type).toEqual({ kind: 'multiArray', shape: [1, 10], dataType: 'FLOAT32' });
    expect(model.description.metadata?.author).toBe('Tetherscope');
    expect(model.description.metadata?.userDefined).toEqual({ 'dev.tetherscope.sample': 'mobilenet-mini' });
    const dw2 = model.layers.find((l) => l.name === 'dw2');
    expect(dw2?.params).toEqual({
      type: 'convolution',
      outputChannels: 32,
      kernelChannels: 1,
      nGroups: 32,
      kernelSize: [3, 3],
      stride: [2, 2],
      dilation: [1, 1],
      padding: 'same',
      weights: { count: 32 * 9, storage: 'float32' },
      bias: { count: 32, storage: 'float32' },
    });
    expect(model.layers.find((l) => l.name === 'relu6_1')?.params).toEqual({ type: 'clampedReLU', alpha: 0, beta: 6 });
    expect(model.layers.find((l) => l.name === 'residual')).toMatchObject({ inputs: ['pw2', 'conv3'], outputs: ['residual'], params: { type: 'add', alpha: 0 } });
    expect(model.summary.layerCount).toBe(16);
    expect(model.summary.weightCount).toBeGreaterThan(1000);
  });

  it('reads the layer types the Neural Engine rejects', () => {
    const model = readCoremlModel(buildCoremlFallbackMix());
    const params = Object.fromEntries(model.layers.map((l) => [l.name, l.params]));
    expect(params.conv_dilated).toMatchObject({ type: 'convolution', dilation: [2, 2] });
    expect(params.add_broadcast).toEqual({ type: 'addBroadcastable' });
    expect(params.concat_nd).toEqual({ type: 'concatND', axis: -3 });
    expect(params.swish).toEqual({ type: 'custom', className: 'TSSwish', description: 'x · sigmoid(x), a custom layer' });
  });

  it('keeps a layer type it has no parameters for by its spec name', () => {
    // A gelu layer (oneof field 795), which our writer does not write, encoded field by field.
    const e = new ProtoEncoder();
    e.int(1, 4);
    const description = e.fork(2);
    const input = e.fork(1);
    e.string(1, 'x');
    e.join(e.fork(3));
    e.join(input);
    e.join(description);
    const network = e.fork(500);
    const layer = e.fork(1);
    e.string(1, 'g');
    e.string(2, 'x');
    e.join(e.fork(795));
    e.join(layer);
    e.join(network);
    const read = readCoremlModel(e.view().slice());
    expect(read.layers).toEqual([{ name: 'g', inputs: ['x'], outputs: [], opType: 'gelu', params: null }]);
    expect(read.ops).toEqual([{ opType: 'gelu', count: 1 }]);
  });

  it('says plainly what is wrong with empty, foreign, truncated and garbled bytes', () => {
    expect(formatError(new Uint8Array()).detail).toBe('the file is empty');
    expect(formatError(buildMobilenetMini()).detail).toMatch(/TensorFlow Lite/);
    expect(formatError(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0])).detail).toMatch(/zip archive/);
    const good = buildCoremlMobilenetMini();
    expect(formatError(good.subarray(0, good.length - 7)).detail).toMatch(/cut off or garbled/);
    expect(formatError(new TextEncoder().encode('{"not": "a model"}')).detail).toMatch(/cut off or garbled|no specification version|holds no model/);
    expect(formatError(Uint8Array.from([0x08, 0x05])).detail).toMatch(/holds no model/);
    expect(formatError(Uint8Array.from([0x08, 0x63, 0xa2, 0x1f, 0x00])).detail).toMatch(/specification version 99/);
    // Field 1 as a string rather than a varint.
    expect(formatError(Uint8Array.from([0x0a, 0x01, 0x41])).detail).toMatch(/wrong protobuf wire type/);
  });

  it('refuses other model kinds with their name', () => {
    // specificationVersion 6, then mlProgram (502) with an empty body.
    const bytes = Uint8Array.from([0x08, 0x06, 0xb2, 0x1f, 0x00]);
    expect(() => readCoremlModel(bytes)).toThrow(CoremlUnsupportedModelError);
    expect(() => readCoremlModel(bytes)).toThrow(/mlProgram/);
  });

  it('checks the spec before writing', () => {
    const wrongWeights = tiny({
      layers: [{ name: 'fc', inputs: ['x'], outputs: ['y'], params: { type: 'innerProduct', inputChannels: 4, outputChannels: 2, weights: new Float32Array(7), bias: null } }],
    });
    expect(() => writeCoremlModel(wrongWeights)).toThrow(CoremlSpecError);
    expect(() => writeCoremlModel(wrongWeights)).toThrow(/7 values, 8 expected/);
    expect(() => writeCoremlModel(tiny({ specificationVersion: 0 }))).toThrow(CoremlSpecError);
    const twice = tiny();
    expect(() => writeCoremlModel({ ...twice, layers: [...twice.layers, ...twice.layers] })).toThrow(/two layers are named "fc"/);
  });
});
