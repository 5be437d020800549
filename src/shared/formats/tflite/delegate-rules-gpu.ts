// GPU delegate support rules as data (tflite-format.md §4.1; LiteRT tflite/delegates/gpu/common/model_builder.cc,
// tflite/tools/versioning/gpu_compatibility.cc). Reasons are the strings the delegate itself prints after
// "Following operations are not supported by GPU delegate:".
import type { TfliteBuiltinOpName } from './builtin-operator.js';
import {
  type TfliteDelegateCheck,
  type TfliteDelegateOpRule,
  type TfliteDelegateRules,
  type TfliteOpContext,
  optionNumber,
  rankOf,
  typeOf,
} from './delegate-context.js';
import { TfliteActivation, TfliteWeightsFormat } from './options.js';

export const GPU_OPERATION_NOT_SUPPORTED = 'Operation is not supported.';
export const GPU_TENSORS_NOT_COMPATIBLE = "OP is supported, but tensor type/shape isn't compatible.";
export const GPU_SUPPORTED_CUSTOM_OPS = [
  'Convolution2DTransposeBias',
  'MaxPoolingWithArgmax2D',
  'MaxUnpooling2D',
  'Resampler',
] as const;
/** Only the largest supported partition is delegated by default (`max_delegated_partitions = 1`). */
export const GPU_MAX_DELEGATED_PARTITIONS = 1;

export function gpuVersionReason(max: number, version: number): string {
  return `Max version supported: ${max}. Requested version ${version}.`;
}

const runtimeIO =
  (inputs: number, outputs: number): TfliteDelegateCheck =>
  (ctx) => {
    if (ctx.runtimeInputs !== inputs) {
      return `Expected ${inputs} runtime input tensor(s), but node has ${ctx.runtimeInputs} runtime input(s).`;
    }
    if (ctx.outputs.length !== outputs) {
      return `Expected ${outputs} output tensor(s), but node has ${ctx.outputs.length} output(s).`;
    }
    return null;
  };

const constIO =
  (runtime: number, consts: number, outputs: number): TfliteDelegateCheck =>
  (ctx) =>
    ctx.constInputs !== consts
      ? `Expected ${consts} const input tensor(s), but node has ${ctx.constInputs} const input(s).`
      : runtimeIO(runtime, outputs)(ctx);

const convIO: TfliteDelegateCheck = (ctx) => {
  if (ctx.runtimeInputs > 2) {
    return `Expected 1 or 2 input tensor(s), but node has ${ctx.runtimeInputs} runtime inputs.`;
  }
  if (ctx.outputs.length !== 1) {
    return `Expected 1 output tensor(s), but node has ${ctx.outputs.length} runtime outputs.`;
  }
  return null;
};

const strides: TfliteDelegateCheck = (ctx) => {
  const [h, w] = [optionNumber(ctx, 'strideH'), optionNumber(ctx, 'strideW')];
  return h <= 0 || w <= 0 ? `Incorrect stride values: stride_height = ${h}, stride_width = ${w}` : null;
};

const dilation: TfliteDelegateCheck = (ctx) => {
  const [h, w] = [optionNumber(ctx, 'dilationHFactor'), optionNumber(ctx, 'dilationWFactor')];
  return h <= 0 || w <= 0 ? `Incorrect dilation values: dilation_height = ${h}, dilation_width = ${w}` : null;
};

const kernel: TfliteDelegateCheck = (ctx) => {
  const [h, w] = [optionNumber(ctx, 'filterHeight'), optionNumber(ctx, 'filterWidth')];
  return h <= 0 || w <= 0 ? `Incorrect kernel values: kernel_height = ${h}, kernel_width = ${w}` : null;
};

const activation: TfliteDelegateCheck = (ctx) =>
  optionNumber(ctx, 'fusedActivationFunction') === TfliteActivation.SIGN_BIT
    ? 'TfLiteFusedActivation.kTfLiteActSignBit'
    : null;

const twoInputs =
  (name: string): TfliteDelegateCheck =>
  (ctx) =>
    ctx.inputs.length !== 2 ? `${name} requires two input tensors.` : null;

/** Broadcasting the GPU kernels handle when ranks differ (CheckAddMulBroadcastCompatibility, default flags). */
const broadcast: TfliteDelegateCheck = (ctx) => {
  const [a, b] = [ctx.inputs[0]?.shape ?? [], ctx.inputs[1]?.shape ?? []];
  if (a.length <= 1 || b.length <= 1 || a.length === b.length) return null;
  const [longer, shorter] = a.length >= b.length ? [a, b] : [b, a];
  const ok =
    (longer.length === 4 && shorter.length === 3 && longer[0] === 1) ||
    (longer.length === 4 && shorter.length === 2 && longer[0] === 1 && shorter[0] === 1 && shorter[1] === 1) ||
    (longer.length === 4 && shorter.length === 2 && longer[0] === shorter[0] && longer[3] === shorter[1]);
  return ok ? null : `Doesn't support broadcasting - input0: [${a.join(',')}], input1: [${b.join(',')}]`;
};

const oneOrTwoOperands: TfliteDelegateCheck = (ctx) => {
  const ok =
    ctx.outputs.length === 1 &&
    ((ctx.runtimeInputs === 2 && ctx.constInputs === 0) || (ctx.runtimeInputs === 1 && ctx.constInputs === 1));
  return ok ? null : 'Op can only handle 1 or 2 operand(s).';
};

const axesInt32Const: TfliteDelegateCheck = (ctx) => {
  const axes = ctx.inputs[1];
  if (!axes?.isConstant) return `${ctx.op.opName} is only supported with constant axes.`;
  return typeOf(axes) !== 'INT32'
    ? `${ctx.op.opName} supports int32 tensor for axes. But node has ${typeOf(axes).toLowerCase()}`
    : null;
};

const depthwiseShapes: TfliteDelegateCheck = (ctx) => {
  const [input, filter, bias] = ctx.inputs;
  const output = ctx.outputs[0];
  if (rankOf(input) !== 4) return 'input.dims.size != 4';
  if (rankOf(filter) !== 4) return 'filter.dims.size != 4';
  if (rankOf(output) !== 4) return 'output.dims.size != 4';
  if (input?.shape[0] !== output?.shape[0]) return 'input.b != output.b';
  const outC = output?.shape[3] ?? 0;
  if (filter?.shape[3] !== outC) return 'filter.i != output.c';
  if (outC !== (input?.shape[3] ?? 0) * optionNumber(ctx, 'depthMultiplier')) {
    return 'output.c != input.c * depth_multiplier';
  }
  if (bias && bias.shape.reduce((n, d) => n * d, 1) !== outC) return 'bias.size != output.c';
  return null;
};

const fullyConnected: TfliteDelegateCheck = (ctx) => {
  const format = optionNumber(ctx, 'weightsFormat');
  if (format !== TfliteWeightsFormat.DEFAULT) return `Unsupported FullyConnected weights format: ${format}`;
  if (ctx.runtimeInputs > 2) return "FullyConnected doesn't support more than 2 runtime inputs.";
  if (optionNumber(ctx, 'keepNumDims') !== 0 && rankOf(ctx.inputs[0]) !== rankOf(ctx.outputs[0])) {
    return "Input and output dimensions different and FullyConnected doesn't support keep_num_dims.";
  }
  // §4.1: the parser wants the activations in input 0.
  return ctx.inputs[0]?.isConstant === true ? GPU_TENSORS_NOT_COMPATIBLE : null;
};

const padding: TfliteDelegateCheck = (ctx) => {
  if (ctx.op.opName === 'MIRROR_PAD' && optionNumber(ctx, 'mode') !== 0) {
    return `Only Reflective padding is supported for Mirror Pad operation. But node has ${optionNumber(ctx, 'mode')}`;
  }
  const io = runtimeIO(1, 1)(ctx);
  if (io !== null) return io;
  const pads = ctx.inputs[1];
  if (!pads) return `Requested index goes beyond array size: 1 vs ${ctx.inputs.length}`;
  if (pads.shape.length !== 2) {
    return `Invalid paddings tensor dimension: expected 2 dim, got ${pads.shape.length} dim`;
  }
  const [rows = 0, cols = 0] = pads.shape;
  return (rows === 3 || rows === 4) && cols === 2
    ? null
    : `Invalid paddings tensor shape: expected 4x2 or 3x2, got ${rows}x${cols}`;
};

const stridedSlice: TfliteDelegateCheck = (ctx) => {
  if (optionNumber(ctx, 'ellipsisMask') !== 0) return 'Slice does not support ellipsis_mask.';
  if (optionNumber(ctx, 'newAxisMask') !== 0) return 'Slice does not support new_axis_mask.';
  if (optionNumber(ctx, 'shrinkAxisMask') !== 0) return 'Slice does not support shrink_axis_mask parameter. ';
  if (ctx.inputs.length < 4) return 'STRIDED_SLICE requires 4 inputs.';
  const rank = rankOf(ctx.inputs[0]);
  return rank === 3 || rank === 4 ? null : 'STRIDED_SLICE supports for 3 or 4 dimensional tensors only.';
};

const slice: TfliteDelegateCheck = (ctx) => {
  if (ctx.inputs.length < 3) return `SLICE requires 3 inputs, but node has ${ctx.inputs.length} inputs.`;
  const rank = rankOf(ctx.inputs[0]);
  return rank === 3 || rank === 4
    ? null
    : `SLICE supports for 3 or 4 dimensional tensors only, but node has ${rank} dimensional tensors.`;
};

const gather: TfliteDelegateCheck = (ctx) => {
  const operands = oneOrTwoOperands(ctx);
  if (operands !== null) return operands;
  if (rankOf(ctx.inputs[1]) !== 1) return 'Only support 1D indices';
  return typeOf(ctx.inputs[1]) === 'INT32' ? null : 'Only accept INT32 indices';
};

const resizeBilinear: TfliteDelegateCheck = (ctx) =>
  optionNumber(ctx, 'alignCorners') !== 0 && optionNumber(ctx, 'halfPixelCenters') !== 0
    ? 'If half_pixel_centers is True, align_corners must be False.'
    : null;

const batchMatmul: TfliteDelegateCheck = (ctx) =>
  ctx.inputs.length === 2 && ctx.outputs.length === 1
    ? null
    : `Expected 2 inputs and 1 output, got: ${ctx.inputs.length} inputs and ${ctx.outputs.length} outputs`;

const dequantize: TfliteDelegateCheck = (ctx) => {
  if (ctx.inputs.length !== 1 || ctx.outputs.length !== 1) {
    // Sic: the delegate passes printf placeholders to StrCat, so they appear in its message.
    return `Expected 1 input & output each from Dequantize, got: %d, %d${ctx.inputs.length}${ctx.outputs.length}`;
  }
  return typeOf(ctx.inputs[0]) === 'INT16' ? 'Unsupported dequantization type.' : null;
};

const COMPARISON_CONSUMERS = new Set(['CAST', 'SELECT', 'SELECT_V2']);
/** §4.1: a comparison is delegated only when its sole consumer is a CAST/SELECT with float output. */
const comparisonConsumer: TfliteDelegateCheck = (ctx) => {
  const out = ctx.op.outputs[0];
  const consumers = ctx.subgraph.operators.filter((o) => o.inputs.includes(out ?? -2));
  const only = consumers.length === 1 ? consumers[0] : undefined;
  const outType = typeOf(ctx.subgraph.tensors[only?.outputs[0] ?? -1]);
  return only && COMPARISON_CONSUMERS.has(only.opName) && (outType === 'FLOAT32' || outType === 'FLOAT16')
    ? null
    : GPU_OPERATION_NOT_SUPPORTED;
};

const rule = (maxVersion: number | null, ...checks: TfliteDelegateCheck[]): TfliteDelegateOpRule => ({
  maxVersion,
  checks,
});

const unary = rule(2, constIO(1, 0, 1));
const binary = rule(2, oneOrTwoOperands);
const binaryWithActivation = rule(2, oneOrTwoOperands, activation);
const reduce = rule(null, runtimeIO(1, 1), axesInt32Const);
const comparison = rule(2, comparisonConsumer);

export const TFLITE_GPU_RULES: TfliteDelegateRules = {
  ADD: rule(2, twoInputs('ADD'), broadcast),
  MUL: rule(3, twoInputs('MUL'), broadcast, activation),
  SUB: binaryWithActivation,
  DIV: binaryWithActivation,
  MAXIMUM: binary,
  MINIMUM: binary,
  POW: binary,
  SQUARED_DIFFERENCE: binary,
  FLOOR_DIV: binary,
  FLOOR_MOD: binary,
  LOGISTIC: unary,
  TANH: unary,
  EXP: unary,
  LOG: unary,
  SQRT: unary,
  RSQRT: unary,
  ABS: unary,
  NEG: unary,
  SIN: unary,
  COS: unary,
  ELU: unary,
  GELU: unary,
  FLOOR: unary,
  CEIL: unary,
  ROUND: unary,
  SQUARE: unary,
  RELU: rule(2),
  RELU6: rule(2),
  RELU_N1_TO_1: rule(2),
  LEAKY_RELU: rule(2),
  CONV_2D: rule(6, convIO, strides, dilation, activation),
  DEPTHWISE_CONV_2D: rule(6, convIO, strides, dilation, activation, depthwiseShapes),
  AVERAGE_POOL_2D: rule(2, runtimeIO(1, 1), kernel, strides, activation),
  MAX_POOL_2D: rule(2, runtimeIO(1, 1), kernel, strides, activation),
  FULLY_CONNECTED: rule(9, fullyConnected),
  CONCATENATION: rule(2),
  RESHAPE: rule(1, runtimeIO(1, 1)),
  SOFTMAX: rule(2, (ctx) => (optionNumber(ctx, 'beta') !== 1 ? 'Softmax.beta != 1 is not supported.' : null)),
  RESIZE_BILINEAR: rule(3, runtimeIO(1, 1), resizeBilinear),
  RESIZE_NEAREST_NEIGHBOR: rule(3, runtimeIO(1, 1)),
  PAD: rule(2, padding),
  PADV2: rule(2, padding),
  MIRROR_PAD: rule(2, padding),
  MEAN: rule(null, constIO(1, 1, 1), axesInt32Const),
  SUM: reduce,
  REDUCE_MAX: reduce,
  REDUCE_MIN: reduce,
  REDUCE_PROD: reduce,
  STRIDED_SLICE: rule(4, stridedSlice),
  SLICE: rule(2, slice),
  TRANSPOSE: rule(4, runtimeIO(1, 1)),
  GATHER: rule(1, gather),
  TRANSPOSE_CONV: rule(3, convIO, strides),
  BATCH_MATMUL: rule(null, batchMatmul),
  HARD_SWISH: rule(null, runtimeIO(1, 1)),
  TILE: rule(null, runtimeIO(1, 1)),
  PACK: rule(null),
  UNPACK: rule(null),
  SPLIT: rule(null),
  SPLIT_V: rule(null),
  PRELU: rule(null),
  QUANTIZE: rule(2, runtimeIO(1, 1)),
  DEQUANTIZE: rule(3, dequantize),
  EQUAL: comparison,
  NOT_EQUAL: comparison,
  LESS: comparison,
  LESS_EQUAL: comparison,
  GREATER: comparison,
  GREATER_EQUAL: comparison,
};

const BOOL_OUT_OPS = new Set<string>(['EQUAL', 'NOT_EQUAL', 'LESS', 'LESS_EQUAL', 'GREATER', 'GREATER_EQUAL']);
const INT32_IN_OPS = new Set<string>(['ONE_HOT', 'GATHER']);
const BOOL_IN_OPS = new Set<string>(['SELECT', 'SELECT_V2', 'LOGICAL_AND']);
const GPU_TYPES = new Set(['FLOAT32', 'FLOAT16', 'INT8', 'UINT8']);

/** IsAllAllowedTensors: no rank ≥ 5 anywhere; runtime tensors float (or 8-bit quantized, allowed by default). */
export function gpuTensorsAllowed(ctx: TfliteOpContext): boolean {
  const op = ctx.op.opName as TfliteBuiltinOpName;
  const inputs = ctx.inputs.filter((t) => t !== null);
  if ([...inputs, ...ctx.outputs].some((t) => t.shape.length >= 5)) return false;
  const inputOk = (type: string) =>
    GPU_TYPES.has(type) ||
    (op === 'CAST' && (type === 'BOOL' || type === 'INT32')) ||
    (INT32_IN_OPS.has(op) && type === 'INT32') ||
    (BOOL_IN_OPS.has(op) && type === 'BOOL');
  const outputOk = (type: string) =>
    GPU_TYPES.has(type) ||
    (op === 'CAST' && (type === 'BOOL' || type === 'INT32')) ||
    (BOOL_OUT_OPS.has(op) && type === 'BOOL');
  return inputs.every((t) => t.isConstant || inputOk(typeOf(t))) && ctx.outputs.every((t) => outputOk(typeOf(t)));
}
