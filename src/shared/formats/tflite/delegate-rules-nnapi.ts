// NNAPI delegate support rules as data (tflite-format.md §4.2; LiteRT tflite/delegates/nnapi/nnapi_delegate.cc
// `NNAPIDelegateKernel::Validate`). Where Validate has a message (printed only by NNAPI_VERBOSE_VALIDATION
// builds) the reason is that message; otherwise it says the §4.2 condition in plain words.
import {
  type TfliteDelegateCheck,
  type TfliteDelegateOpRule,
  type TfliteDelegateRules,
  type TfliteOpContext,
  optionList,
  optionNumber,
  rankOf,
  typeOf,
} from './delegate-context.js';

export const NNAPI_UNSUPPORTED_OPERATION = 'Unsupported operation type.';
/** Android API levels of the NNAPI feature levels (§4.2). */
export const NnapiSdk = { NNAPI_1_0: 27, NNAPI_1_1: 28, NNAPI_1_2: 29, NNAPI_1_3: 30, FL5: 31, FL6: 1000006 } as const;
/** Default `max_number_delegated_partitions`. */
export const NNAPI_MAX_DELEGATED_PARTITIONS = 3;

export const nnapiVersionReason = (max: number): string => `OP Version higher than ${max}`;
export const nnapiSdkReason = (min: number): string => `Android sdk version less than ${min}`;

const FLOAT = ['FLOAT32'];
const QUANT8 = ['UINT8', 'INT8'];

const inputType =
  (allowed: (ctx: TfliteOpContext) => readonly string[], message: string): TfliteDelegateCheck =>
  (ctx) =>
    allowed(ctx).includes(typeOf(ctx.inputs[0])) ? null : message;

const floatOrQuant8 = inputType(() => [...FLOAT, ...QUANT8], 'Input should be Float or Quant8');
const floatOnly = inputType(() => FLOAT, 'Input should be Float');

/** ADD/MUL: float or quant8; from NNAPI 1.3 also INT32, then without fused activation. */
const arithmeticTypes: TfliteDelegateCheck = (ctx) => {
  if (ctx.androidSdk < NnapiSdk.NNAPI_1_3) return floatOrQuant8(ctx);
  const type = typeOf(ctx.inputs[0]);
  if (![...FLOAT, ...QUANT8, 'INT32'].includes(type)) return 'Input should be Float, Quant8, or Int32';
  const activated = optionNumber(ctx, 'fusedActivationFunction') !== 0;
  return type === 'INT32' && activated ? 'No activation function supported' : null;
};

const subTypes: TfliteDelegateCheck = (ctx) => {
  const type = typeOf(ctx.inputs[0]);
  if (QUANT8.includes(type) && ctx.androidSdk < NnapiSdk.NNAPI_1_2) return nnapiSdkReason(NnapiSdk.NNAPI_1_2);
  if (type === 'INT32') {
    if (ctx.androidSdk < NnapiSdk.NNAPI_1_3) return nnapiSdkReason(NnapiSdk.NNAPI_1_3);
    if (optionNumber(ctx, 'fusedActivationFunction') !== 0) return 'No activation function supported';
    return null;
  }
  return [...FLOAT, ...QUANT8].includes(type) ? null : 'Input should be Float, Quant8, or Int32';
};

const maxRank =
  (max: number, which: 'inputs' | 'all' = 'inputs'): TfliteDelegateCheck =>
  (ctx) => {
    const tensors = which === 'all' ? [...ctx.inputs, ...ctx.outputs] : ctx.inputs;
    return tensors.some((t) => t !== null && !t.isConstant && t.shape.length > max)
      ? `NNAPI supports tensors of rank ${max} or less`
      : null;
  };

const constInput =
  (index: number, what: string): TfliteDelegateCheck =>
  (ctx) =>
    ctx.inputs[index]?.isConstant === true ? null : `The ${what} must be a constant`;

const before12FloatOrUint8: TfliteDelegateCheck = (ctx) => {
  if (ctx.androidSdk >= NnapiSdk.NNAPI_1_2) return null;
  if (isHybrid(ctx)) return 'Hybrid operators not supported before NNAPI 1.2';
  return ['FLOAT32', 'UINT8'].includes(typeOf(ctx.inputs[0])) ? null : 'Input should be Float or UINT8';
};

/** Float activations with quantized weights. */
function isHybrid(ctx: TfliteOpContext): boolean {
  return typeOf(ctx.inputs[0]) === 'FLOAT32' && QUANT8.includes(typeOf(ctx.inputs[1]));
}

const conv2d: TfliteDelegateCheck = (ctx) => {
  if (ctx.androidSdk < NnapiSdk.NNAPI_1_2 && (ctx.inputs[1]?.quantization?.scale.length ?? 0) > 1) {
    return 'Per-channel quantized convolution not supported before NNAPI 1.2.';
  }
  if (ctx.inputs.length !== 3 || ctx.inputs[2] === null) return 'Conv2D with omitted bias not supported';
  const dilated = optionNumber(ctx, 'dilationWFactor') !== 1 || optionNumber(ctx, 'dilationHFactor') !== 1;
  return dilated && ctx.androidSdk < NnapiSdk.NNAPI_1_2 ? 'NNAPI supports dilated Conv2D since NNAPI 1.2.' : null;
};

const depthwise: TfliteDelegateCheck = (ctx) => {
  if (ctx.androidSdk >= NnapiSdk.NNAPI_1_2) return null;
  const dilated = optionNumber(ctx, 'dilationWFactor') !== 1 || optionNumber(ctx, 'dilationHFactor') !== 1;
  return dilated ? 'dilation_width_factor and dilation_height_factor expected to be equal to 1' : null;
};

const fullyConnected: TfliteDelegateCheck = (ctx) => {
  if (typeOf(ctx.outputs[0]) === 'INT16') return 'Unsupported output of type kTfLiteInt16';
  return optionNumber(ctx, 'keepNumDims') !== 0 && ctx.androidSdk < NnapiSdk.NNAPI_1_3
    ? nnapiSdkReason(NnapiSdk.NNAPI_1_3)
    : null;
};

const averagePool: TfliteDelegateCheck = (ctx) =>
  QUANT8.includes(typeOf(ctx.inputs[0])) &&
  !ctx.acceleratorNamed &&
  optionNumber(ctx, 'filterWidth') * optionNumber(ctx, 'filterHeight') > 256
    ? 'Large filter window would overflow on the reference CPU path'
    : null;

const concatenation: TfliteDelegateCheck = (ctx) => {
  if (optionNumber(ctx, 'fusedActivationFunction') !== 0) return 'No fused activation function is supported';
  const ok = ['FLOAT16', 'FLOAT32', 'UINT8', 'INT8'];
  return ctx.inputs.every((t) => t === null || ok.includes(typeOf(t))) ? null : 'Input type not supported';
};

const tanh: TfliteDelegateCheck = (ctx) =>
  ctx.androidSdk >= NnapiSdk.NNAPI_1_2 ? floatOrQuant8(ctx) : floatOnly(ctx);

const reshape: TfliteDelegateCheck = (ctx) => {
  const types = ctx.androidSdk >= NnapiSdk.FL6 ? [...FLOAT, ...QUANT8, 'INT32'] : [...FLOAT, ...QUANT8];
  if (!types.includes(typeOf(ctx.inputs[0]))) return 'Input should be Float or Quant8';
  const shapeTensor = ctx.inputs[1] ?? null;
  const shapeGiven = shapeTensor !== null ? shapeTensor.isConstant : optionList(ctx, 'newShape').length > 0;
  if (!shapeGiven) return 'The shape input tensor must be constant.';
  return rankOf(ctx.outputs[0]) === 0 ? 'NNAPI does not support reshaping to a scalar' : null;
};

const softmax: TfliteDelegateCheck = (ctx) => {
  const type = floatOrQuant8(ctx);
  if (type !== null) return type;
  if (!['FLOAT32', 'UINT8', 'INT8'].includes(typeOf(ctx.outputs[0]))) return 'Output type not supported';
  const rank = rankOf(ctx.inputs[0]);
  if (rank > 4) return 'Input rank should be <= 4';
  return ctx.androidSdk < NnapiSdk.NNAPI_1_2 && rank !== 2 && rank !== 4 ? 'Input should be rank 2 or 4' : null;
};

const resize: TfliteDelegateCheck = (ctx) => {
  if (rankOf(ctx.inputs[0]) !== 4) return 'Input should have rank 4';
  if (ctx.inputs[1]?.isConstant !== true) return 'The size input tensor must be constant.';
  const corners = optionNumber(ctx, 'alignCorners') !== 0 || optionNumber(ctx, 'halfPixelCenters') !== 0;
  if (corners && ctx.androidSdk <= NnapiSdk.NNAPI_1_2) return 'NNAPI does not support align_corners == true.';
  if (ctx.op.opName === 'RESIZE_BILINEAR' && ctx.androidSdk < NnapiSdk.NNAPI_1_2) {
    const [, h, w] = ctx.outputs[0]?.shape ?? [];
    if (typeOf(ctx.inputs[0]) !== 'FLOAT32') return 'Input should be Float';
    if (h !== w) return 'Require width == height due to driver differences in NNAPI < 1.2';
  }
  return null;
};

const pad: TfliteDelegateCheck = (ctx) => {
  const type = ctx.androidSdk >= NnapiSdk.NNAPI_1_2 ? floatOrQuant8(ctx) : floatOnly(ctx);
  if (type !== null) return type;
  if ((ctx.inputs[0]?.shape ?? []).some((d) => d === 0)) return 'NN API pad ops do not support empty tensors';
  return ctx.inputs.length === 3 && ctx.androidSdk < NnapiSdk.NNAPI_1_2 ? nnapiSdkReason(NnapiSdk.NNAPI_1_2) : null;
};

const mean: TfliteDelegateCheck = (ctx) => {
  const type = ctx.androidSdk >= NnapiSdk.NNAPI_1_2 ? floatOrQuant8(ctx) : floatOnly(ctx);
  if (type !== null) return type;
  return rankOf(ctx.outputs[0]) === 0 ? 'NNAPI does not support generating a scalar as output for MEAN.' : null;
};

const squeeze: TfliteDelegateCheck = (ctx) =>
  ctx.androidSdk === NnapiSdk.NNAPI_1_1 && optionList(ctx, 'squeezeDims').length === 0
    ? 'NNAPI 1.1 requires squeeze_dims to be set'
    : null;

const argMinMax: TfliteDelegateCheck = (ctx) => {
  if (!['FLOAT16', 'FLOAT32', 'INT32', ...QUANT8].includes(typeOf(ctx.inputs[0]))) return 'Input type not supported';
  const axis = ctx.inputs[1];
  const axisOk = typeOf(axis) === 'INT32' || (typeOf(axis) === 'INT64' && axis?.isConstant === true);
  if (!axisOk) return 'Axis should be Int32';
  return optionNumber(ctx, 'outputType') === 2 ? null : 'NNAPI only supports int32 output.';
};

const gatherCheck: TfliteDelegateCheck = (ctx) => {
  if (!['FLOAT16', 'FLOAT32', 'INT32', ...QUANT8].includes(typeOf(ctx.inputs[0]))) return 'Input type not supported';
  if (typeOf(ctx.inputs[1]) !== 'INT32') return 'Positions type should be one of kTfLiteInt32';
  return rankOf(ctx.inputs[1]) === 0 ? 'NNAPI does not support scalar indices.' : null;
};

const split: TfliteDelegateCheck = (ctx) => {
  const axis = ctx.inputs[0];
  if (axis?.isConstant !== true || typeOf(axis) !== 'INT32') return 'NNAPI only supports constant int32 axis tensor.';
  const types = ['FLOAT32', 'UINT8', 'INT32', ...(ctx.androidSdk >= NnapiSdk.NNAPI_1_3 ? ['INT8'] : [])];
  return types.includes(typeOf(ctx.inputs[1])) ? null : 'Input type not supported';
};

const lastAxis = (ctx: TfliteOpContext, rank: number): boolean => {
  const axis = optionNumber(ctx, 'axis');
  return axis === rank - 1 || axis === -1;
};

const pack: TfliteDelegateCheck = (ctx) => {
  const fl6 = ctx.androidSdk >= NnapiSdk.FL6;
  const types = fl6 ? ['FLOAT32', 'INT8', 'INT32', 'UINT8'] : ['FLOAT32', 'INT8'];
  if (!types.includes(typeOf(ctx.inputs[0]))) return 'Input type not supported';
  return !fl6 && lastAxis(ctx, rankOf(ctx.outputs[0])) ? 'NNAPI does not support axis being the last dimension' : null;
};

const unpack: TfliteDelegateCheck = (ctx) => {
  if (floatOrQuant8(ctx) !== null) return 'Input should be Float or Quant8';
  const rank = rankOf(ctx.inputs[0]);
  if (rank < 2 || rank > 4) return 'Input rank should be between 2 and 4';
  return lastAxis(ctx, rank) ? 'NNAPI does not support axis being the last dimension' : null;
};

const quantize: TfliteDelegateCheck = (ctx) => {
  if (![...FLOAT, 'FLOAT16', ...QUANT8].includes(typeOf(ctx.inputs[0]))) return 'Input should be Float or Quant8';
  const out = typeOf(ctx.outputs[0]);
  if (out === 'UINT8' || (out === 'INT8' && ctx.androidSdk >= NnapiSdk.NNAPI_1_3)) return null;
  return 'Output should be kTfLiteUInt8';
};

const dequantize: TfliteDelegateCheck = (ctx) => {
  const input = ctx.inputs[0];
  const type = typeOf(input);
  if (type === 'UINT8') return null;
  if (type === 'INT8' && ctx.androidSdk >= NnapiSdk.NNAPI_1_2) return null;
  if (type === 'FLOAT16' && input?.isConstant !== true && ctx.androidSdk >= NnapiSdk.NNAPI_1_3) return null;
  return 'Input type not supported';
};

const batchMatmul: TfliteDelegateCheck = (ctx) => {
  const [a, b] = ctx.inputs;
  if (!['FLOAT32', 'INT32', 'INT8'].includes(typeOf(a)) || typeOf(a) !== typeOf(b)) return 'Input type not supported';
  const rank = rankOf(a);
  if (rank < 2 || rank > 4 || rankOf(b) !== rank) return 'Input rank should be between 2 and 4';
  const batchA = a?.shape.slice(0, -2) ?? [];
  const batchB = b?.shape.slice(0, -2) ?? [];
  return batchA.every((d, i) => d === batchB[i]) ? null : 'NNAPI does not support broadcast';
};

const mulVersion: TfliteDelegateCheck = (ctx) =>
  ctx.op.version > 2 && !ctx.acceleratorNamed ? nnapiVersionReason(2) : null;

const rule = (maxVersion: number | null, minSdk: number, ...checks: TfliteDelegateCheck[]): TfliteDelegateOpRule => ({
  maxVersion,
  minSdk,
  checks,
});

const activationLike = rule(2, NnapiSdk.NNAPI_1_0, floatOrQuant8);

export const TFLITE_NNAPI_RULES: TfliteDelegateRules = {
  ADD: rule(2, NnapiSdk.NNAPI_1_0, arithmeticTypes, maxRank(4)),
  MUL: rule(3, NnapiSdk.NNAPI_1_0, mulVersion, arithmeticTypes, maxRank(4)),
  SUB: rule(3, NnapiSdk.NNAPI_1_1, subTypes, maxRank(4)),
  AVERAGE_POOL_2D: rule(2, NnapiSdk.NNAPI_1_0, floatOrQuant8, averagePool),
  MAX_POOL_2D: rule(2, NnapiSdk.NNAPI_1_0, floatOrQuant8),
  CONV_2D: rule(5, NnapiSdk.NNAPI_1_0, before12FloatOrUint8, conv2d),
  DEPTHWISE_CONV_2D: rule(3, NnapiSdk.NNAPI_1_0, before12FloatOrUint8, depthwise),
  FULLY_CONNECTED: rule(5, NnapiSdk.NNAPI_1_0, before12FloatOrUint8, fullyConnected),
  CONCATENATION: rule(2, NnapiSdk.NNAPI_1_0, concatenation, maxRank(4)),
  RELU: activationLike,
  RELU6: activationLike,
  RELU_N1_TO_1: activationLike,
  LOGISTIC: activationLike,
  TANH: rule(2, NnapiSdk.NNAPI_1_0, tanh),
  RESHAPE: rule(1, NnapiSdk.NNAPI_1_0, reshape, maxRank(4, 'all')),
  SOFTMAX: rule(2, NnapiSdk.NNAPI_1_0, softmax),
  RESIZE_BILINEAR: rule(3, NnapiSdk.NNAPI_1_0, resize),
  RESIZE_NEAREST_NEIGHBOR: rule(3, NnapiSdk.NNAPI_1_2, resize),
  PAD: rule(2, NnapiSdk.NNAPI_1_1, pad),
  PADV2: rule(2, NnapiSdk.NNAPI_1_1, pad),
  MEAN: rule(2, NnapiSdk.NNAPI_1_1, mean, maxRank(4)),
  STRIDED_SLICE: rule(2, NnapiSdk.NNAPI_1_1, floatOrQuant8),
  TRANSPOSE: rule(2, NnapiSdk.NNAPI_1_1, constInput(1, 'permutation input tensor')),
  SQUEEZE: rule(1, NnapiSdk.NNAPI_1_1, squeeze),
  HARD_SWISH: rule(null, NnapiSdk.NNAPI_1_0, floatOrQuant8),
  ARG_MAX: rule(2, NnapiSdk.NNAPI_1_2, argMinMax),
  ARG_MIN: rule(2, NnapiSdk.NNAPI_1_2, argMinMax),
  GATHER: rule(2, NnapiSdk.NNAPI_1_2, gatherCheck),
  SPLIT: rule(3, NnapiSdk.NNAPI_1_2, split),
  PACK: rule(2, NnapiSdk.NNAPI_1_3, pack),
  UNPACK: rule(2, NnapiSdk.NNAPI_1_3, unpack),
  QUANTIZE: rule(2, NnapiSdk.NNAPI_1_2, quantize),
  DEQUANTIZE: rule(2, NnapiSdk.NNAPI_1_0, dequantize),
  TRANSPOSE_CONV: rule(
    4,
    NnapiSdk.NNAPI_1_2,
    constInput(0, 'output shape input tensor'),
    constInput(1, 'weights input tensor'),
  ),
  BATCH_MATMUL: rule(2, NnapiSdk.FL6, batchMatmul),
};
