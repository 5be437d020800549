// Sample .mlmodel files, built in code so the generator script and the tests share one definition. Weights are
// deterministic pseudo-random numbers: the same bytes every time.
import type { CoremlFeature, CoremlLayerParams, CoremlLayerSpec, CoremlModelSpec } from './model.js';
import { writeCoremlModel } from './writer.js';

export const COREML_SAMPLE_MODEL_IDS = ['mobilenet-mini', 'fallback-mix'] as const;
export type CoremlSampleModelId = (typeof COREML_SAMPLE_MODEL_IDS)[number];

export interface CoremlSampleModel {
  readonly id: CoremlSampleModelId;
  readonly fileName: string;
  readonly description: string;
  readonly build: () => Uint8Array;
}

export const COREML_SAMPLE_MODELS: readonly CoremlSampleModel[] = [
  {
    id: 'mobilenet-mini',
    fileName: 'mobilenet-mini.mlmodel',
    description:
      'A tiny MobileNet-like Core ML neural network (1×3×64×64 float32 in, 10 class scores out): convolution, ' +
      'batchnorm, depthwise convolutions with clamped ReLU (ReLU6), ReLU, a residual add, global average pooling, ' +
      'flatten, innerProduct, softmax. Every layer is one the Neural Engine takes.',
    build: () => buildCoremlMobilenetMini(),
  },
  {
    id: 'fallback-mix',
    fileName: 'fallback-mix.mlmodel',
    description:
      'A small Core ML neural network (1×3×16×16 in, 4 class scores out) mixing Neural Engine layers with four it ' +
      'rejects: a dilated convolution, an addBroadcastable, a concatND and a custom layer (TSSwish, CPU only).',
    build: () => buildCoremlFallbackMix(),
  },
];

/** Deterministic weights in [-scale, scale). */
function weights(count: number, seed: number, scale = 0.2): Float32Array {
  const out = new Float32Array(count);
  let state = (seed * 2654435761) >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32 - 0.5) * 2 * scale;
  }
  return out;
}

const ones = (n: number): Float32Array => new Float32Array(n).fill(1);

function array(name: string, shape: number[], shortDescription = ''): CoremlFeature {
  return { name, shortDescription, type: { kind: 'multiArray', shape, dataType: 'FLOAT32' } };
}

class LayerList {
  readonly layers: CoremlLayerSpec[] = [];
  #seed = 1;

  add(name: string, inputs: string[], params: CoremlLayerParams<Float32Array>): string {
    this.layers.push({ name, inputs, outputs: [name], params });
    return name;
  }

  conv(name: string, input: string, inC: number, outC: number, k: number, options: { stride?: number; groups?: number; dilation?: number } = {}): string {
    const groups = options.groups ?? 1;
    const kernelChannels = inC / groups;
    return this.add(name, [input], {
      type: 'convolution',
      outputChannels: outC,
      kernelChannels,
      nGroups: groups,
      kernelSize: [k, k],
      stride: [options.stride ?? 1, options.stride ?? 1],
      dilation: [options.dilation ?? 1, options.dilation ?? 1],
      padding: 'same',
      weights: weights(outC * kernelChannels * k * k, this.#seed++),
      bias: weights(outC, this.#seed++, 0.05),
    });
  }

  relu6(name: string, input: string): string {
    return this.add(name, [input], { type: 'clampedReLU', alpha: 0, beta: 6 });
  }

  relu(name: string, input: string): string {
    return this.add(name, [input], { type: 'activation', activation: 'ReLU', alpha: 0 });
  }

  head(input: string, channels: number, classes: number, output: string): void {
    const pool = this.add('pool', [input], { type: 'pooling', pooling: 'average', kernelSize: [1, 1], stride: [1, 1], padding: 'valid', globalPooling: true });
    const flat = this.add('flatten', [pool], { type: 'flatten', channelLast: false });
    const fc = this.add('fc', [flat], {
      type: 'innerProduct',
      inputChannels: channels,
      outputChannels: classes,
      weights: weights(channels * classes, this.#seed++),
      bias: weights(classes, this.#seed++, 0.05),
    });
    this.layers.push({ name: 'softmax', inputs: [fc], outputs: [output], params: { type: 'softmax' } });
  }
}

function model(id: string, summary: string, inputShape: number[], outputShape: number[], layers: CoremlLayerSpec[]): CoremlModelSpec {
  return {
    specificationVersion: 5,
    description: {
      inputs: [array('input', inputShape, 'Any values; the model is for timing, not for accuracy')],
      outputs: [array('scores', outputShape, 'Class scores')],
      metadata: {
        shortDescription: summary,
        versionString: '1',
        author: 'Tetherscope',
        license: 'Sample model, free to use',
        userDefined: { 'dev.tetherscope.sample': id },
      },
    },
    layers,
  };
}

export function buildCoremlMobilenetMini(): Uint8Array {
  const l = new LayerList();
  let x = l.conv('conv1', 'input', 3, 16, 3, { stride: 2 });
  x = l.add('bn1', [x], { type: 'batchnorm', channels: 16, epsilon: 1e-5, gamma: ones(16), beta: weights(16, 90, 0.1), mean: weights(16, 91, 0.1), variance: ones(16) });
  x = l.relu6('relu6_1', x);
  x = l.conv('dw1', x, 16, 16, 3, { groups: 16 });
  x = l.relu6('relu6_2', x);
  x = l.conv('pw1', x, 16, 32, 1);
  x = l.relu('relu_1', x);
  x = l.conv('dw2', x, 32, 32, 3, { stride: 2, groups: 32 });
  x = l.relu6('relu6_3', x);
  const pw2 = l.conv('pw2', x, 32, 64, 1);
  const conv3 = l.conv('conv3', pw2, 64, 64, 1);
  x = l.add('residual', [pw2, conv3], { type: 'add', alpha: 0 });
  l.head(x, 64, 10, 'scores');
  return writeCoremlModel(model('mobilenet-mini', 'Tetherscope sample: a tiny MobileNet-like classifier', [1, 3, 64, 64], [1, 10], l.layers));
}

export function buildCoremlFallbackMix(): Uint8Array {
  const l = new LayerList();
  const a = l.relu('relu_a', l.conv('conv_a', 'input', 3, 8, 3));
  const dilated = l.conv('conv_dilated', a, 8, 8, 3, { dilation: 2 });
  const sum = l.add('add_broadcast', [a, dilated], { type: 'addBroadcastable' });
  const b = l.conv('conv_b', sum, 8, 8, 1);
  const nd = l.add('concat_nd', [sum, b], { type: 'concatND', axis: -3 });
  const swish = l.add('swish', [nd], { type: 'custom', className: 'TSSwish', description: 'x · sigmoid(x), a custom layer' });
  const joined = l.add('concat', [swish, nd], { type: 'concat', sequenceConcat: false });
  l.head(joined, 32, 4, 'scores');
  return writeCoremlModel(model('fallback-mix', 'Tetherscope sample: layers the Neural Engine rejects', [1, 3, 16, 16], [1, 4], l.layers));
}

export function coremlSampleModel(id: CoremlSampleModelId): CoremlSampleModel {
  const sample = COREML_SAMPLE_MODELS.find((m) => m.id === id);
  if (sample === undefined) throw new RangeError(`no Core ML sample model ${id}`);
  return sample;
}
