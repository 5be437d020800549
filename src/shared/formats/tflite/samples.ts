// Sample models, built in code so the generator script, the tests and the app (which makes the large one on
// demand) share one definition. Weights are deterministic pseudo-random numbers: the same bytes every time.
import { TfliteGraphBuilder } from './graph-builder.js';
import { TfliteActivation, TflitePadding } from './options.js';
import { TfliteTensorType } from './tensor-type.js';
import { writeTfliteModel } from './writer.js';

export const TFLITE_SAMPLE_MODEL_IDS = ['mobilenet-mini', 'fallback-mix', 'large-push'] as const;
export type TfliteSampleModelId = (typeof TFLITE_SAMPLE_MODEL_IDS)[number];

export interface TfliteSampleModel {
  readonly id: TfliteSampleModelId;
  readonly fileName: string;
  readonly description: string;
  /** Too large to keep in the repository: written by the script or the app when needed. */
  readonly generatedOnDemand: boolean;
  readonly build: () => Uint8Array;
}

export const TFLITE_SAMPLE_MODELS: readonly TfliteSampleModel[] = [
  {
    id: 'mobilenet-mini',
    fileName: 'mobilenet-mini.tflite',
    description:
      'A tiny MobileNet-like classifier (1×32×32×3 float32 in, 10 classes out): CONV_2D and DEPTHWISE_CONV_2D ' +
      'blocks with fused RELU6, AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX. Every op runs on GPU and NNAPI.',
    generatedOnDemand: false,
    build: () => buildMobilenetMini(),
  },
  {
    id: 'fallback-mix',
    fileName: 'fallback-mix.tflite',
    description:
      'A small net (1×16×16×3 in; class scores and arg-max out) mixing supported ops with ones the delegates ' +
      'reject: GPU has no SQUEEZE or ARG_MAX; NNAPI has no GELU and refuses a CONCATENATION with a fused activation.',
    generatedOnDemand: false,
    build: () => buildFallbackMix(),
  },
  {
    id: 'large-push',
    fileName: 'large-push.tflite',
    description:
      'One big FULLY_CONNECTED (2048 → 3072, 24 MiB of float32 weights) and a SOFTMAX: slow to push, quick to run.',
    generatedOnDemand: true,
    build: () => buildLargePush(),
  },
];

export function tfliteSampleModel(id: TfliteSampleModelId): TfliteSampleModel {
  const found = TFLITE_SAMPLE_MODELS.find((m) => m.id === id);
  if (found === undefined) throw new RangeError(`no sample model '${id}'`);
  return found;
}

export function buildMobilenetMini(): Uint8Array {
  const g = new TfliteGraphBuilder();
  let x = g.input('input', [1, 32, 32, 3]);
  x = conv2d(g, 'conv1', x, { outChannels: 8, kernel: 3, stride: 2 });
  x = depthwise(g, 'block1/depthwise', x, { stride: 1 });
  x = conv2d(g, 'block1/pointwise', x, { outChannels: 16, kernel: 1, stride: 1 });
  x = depthwise(g, 'block2/depthwise', x, { stride: 2 });
  x = conv2d(g, 'block2/pointwise', x, { outChannels: 32, kernel: 1, stride: 1 });
  const [, h, w, c] = dims4(g.shapeOf(x));
  const pooled = g.tensor('pool', [1, 1, 1, c]);
  g.op({
    op: 'AVERAGE_POOL_2D',
    inputs: [x],
    outputs: [pooled],
    options: { padding: TflitePadding.VALID, strideW: 1, strideH: 1, filterWidth: w, filterHeight: h },
  });
  const flat = reshape(g, 'flatten', pooled, [1, c]);
  const logits = fullyConnected(g, 'logits', flat, 10);
  const probs = g.tensor('probabilities', [1, 10]);
  g.op({ op: 'SOFTMAX', inputs: [logits], outputs: [probs], options: { beta: 1 } });
  return writeTfliteModel({ description: 'Tetherscope sample: mobilenet-mini', subgraphs: [g.build([probs], 'main')] });
}

export function buildFallbackMix(): Uint8Array {
  const g = new TfliteGraphBuilder();
  const input = g.input('input', [1, 16, 16, 3]);
  const stem = conv2d(g, 'stem', input, { outChannels: 8, kernel: 3, stride: 1, activation: TfliteActivation.RELU });
  const gelu = g.tensor('gelu', g.shapeOf(stem));
  g.op({ op: 'GELU', inputs: [stem], outputs: [gelu], options: { approximate: false } });
  const joined = g.tensor('concat', [1, 16, 16, 16]);
  g.op({
    op: 'CONCATENATION',
    inputs: [stem, gelu],
    outputs: [joined],
    options: { axis: 3, fusedActivationFunction: TfliteActivation.RELU },
  });
  const mixed = conv2d(g, 'mix', joined, { outChannels: 8, kernel: 1, stride: 1 });
  const axes = g.constant('mean/axes', [2], new Int32Array([1, 2]), 'INT32');
  const mean = g.tensor('mean', [1, 1, 1, 8]);
  g.op({ op: 'MEAN', inputs: [mixed, axes], outputs: [mean], options: { keepDims: true } });
  const squeezed = g.tensor('squeeze', [1, 8]);
  g.op({ op: 'SQUEEZE', inputs: [mean], outputs: [squeezed], options: { squeezeDims: [1, 2] } });
  const logits = fullyConnected(g, 'logits', squeezed, 10);
  const probs = g.tensor('probabilities', [1, 10]);
  g.op({ op: 'SOFTMAX', inputs: [logits], outputs: [probs], options: { beta: 1 } });
  const axis = g.constant('argmax/axis', [1], new Int32Array([1]), 'INT32');
  const best = g.tensor('class', [1], 'INT32');
  g.op({ op: 'ARG_MAX', inputs: [probs, axis], outputs: [best], options: { outputType: TfliteTensorType.INT32 } });
  return writeTfliteModel({
    description: 'Tetherscope sample: fallback-mix',
    subgraphs: [g.build([probs, best], 'main')],
  });
}

export function buildLargePush(): Uint8Array {
  const g = new TfliteGraphBuilder();
  const x = g.input('input', [1, 2048]);
  const logits = fullyConnected(g, 'dense', x, 3072);
  const probs = g.tensor('probabilities', [1, 3072]);
  g.op({ op: 'SOFTMAX', inputs: [logits], outputs: [probs], options: { beta: 1 } });
  return writeTfliteModel({ description: 'Tetherscope sample: large-push', subgraphs: [g.build([probs], 'main')] });
}

interface ConvParams {
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly activation?: number;
}

function conv2d(g: TfliteGraphBuilder, name: string, x: number, p: ConvParams): number {
  const [n, h, w, c] = dims4(g.shapeOf(x));
  const fanIn = p.kernel * p.kernel * c;
  const weights = g.constant(
    `${name}/weights`,
    [p.outChannels, p.kernel, p.kernel, c],
    randomWeights(name, p.outChannels * fanIn, fanIn),
  );
  const bias = g.constant(`${name}/bias`, [p.outChannels], randomWeights(`${name}/bias`, p.outChannels, 64));
  const out = g.tensor(name, [n, Math.ceil(h / p.stride), Math.ceil(w / p.stride), p.outChannels]);
  g.op({
    op: 'CONV_2D',
    inputs: [x, weights, bias],
    outputs: [out],
    options: {
      padding: TflitePadding.SAME,
      strideW: p.stride,
      strideH: p.stride,
      fusedActivationFunction: p.activation ?? TfliteActivation.RELU6,
    },
  });
  return out;
}

function depthwise(g: TfliteGraphBuilder, name: string, x: number, p: { readonly stride: number }): number {
  const [n, h, w, c] = dims4(g.shapeOf(x));
  const weights = g.constant(`${name}/weights`, [1, 3, 3, c], randomWeights(name, 9 * c, 9));
  const bias = g.constant(`${name}/bias`, [c], randomWeights(`${name}/bias`, c, 64));
  const out = g.tensor(name, [n, Math.ceil(h / p.stride), Math.ceil(w / p.stride), c]);
  g.op({
    op: 'DEPTHWISE_CONV_2D',
    inputs: [x, weights, bias],
    outputs: [out],
    options: {
      padding: TflitePadding.SAME,
      strideW: p.stride,
      strideH: p.stride,
      depthMultiplier: 1,
      fusedActivationFunction: TfliteActivation.RELU6,
    },
  });
  return out;
}

function reshape(g: TfliteGraphBuilder, name: string, x: number, shape: readonly number[]): number {
  const target = g.constant(`${name}/shape`, [shape.length], new Int32Array(shape), 'INT32');
  const out = g.tensor(name, shape);
  g.op({ op: 'RESHAPE', inputs: [x, target], outputs: [out], options: { newShape: shape } });
  return out;
}

function fullyConnected(g: TfliteGraphBuilder, name: string, x: number, units: number): number {
  const inputs = g.shapeOf(x).at(-1) ?? 1;
  const weights = g.constant(`${name}/weights`, [units, inputs], randomWeights(name, units * inputs, inputs));
  const bias = g.constant(`${name}/bias`, [units], randomWeights(`${name}/bias`, units, 64));
  const out = g.tensor(name, [1, units]);
  g.op({ op: 'FULLY_CONNECTED', inputs: [x, weights, bias], outputs: [out], options: { fusedActivationFunction: 0 } });
  return out;
}

function dims4(shape: readonly number[]): [number, number, number, number] {
  const [n = 1, h = 1, w = 1, c = 1] = shape;
  return [n, h, w, c];
}

/** Uniform in ±sqrt(3 / fanIn) (unit variance through a layer), from a PRNG seeded by the tensor's name. */
function randomWeights(seedName: string, count: number, fanIn: number): Float32Array {
  const next = mulberry32(fnv1a(seedName));
  const scale = Math.sqrt(3 / fanIn) * 2;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (next() - 0.5) * scale;
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
