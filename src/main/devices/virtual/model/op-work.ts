// How much work one operator of a real model is: multiply-accumulates from its tensor shapes, and the bytes
// it moves (weights read, activations in and out). Latency is derived from this, never a constant.
import type { TfliteOperator, TfliteSubgraph, TfliteTensor } from '../../../../shared/formats/tflite/model.js';
import { optionNumber, tfliteOpContext } from '../../../../shared/formats/tflite/delegate-context.js';
import type { TfliteModel } from '../../../../shared/formats/tflite/model.js';

export interface OpWork {
  readonly macs: number;
  readonly weightBytes: number;
  readonly activationBytes: number;
  /** The op computes in int8/uint8 (quantized kernels). */
  readonly quantized: boolean;
  /** Convolution-like ops use the accelerators' MAC arrays well; the rest are element-wise or data movement. */
  readonly kind: 'conv' | 'matmul' | 'elementwise' | 'data';
}

const CONV_OPS = new Set(['CONV_2D', 'DEPTHWISE_CONV_2D', 'TRANSPOSE_CONV', 'CONV_3D']);
const MATMUL_OPS = new Set(['FULLY_CONNECTED', 'BATCH_MATMUL']);
const DATA_OPS = new Set([
  'RESHAPE', 'SQUEEZE', 'EXPAND_DIMS', 'CONCATENATION', 'TRANSPOSE', 'GATHER', 'GATHER_ND', 'SLICE', 'STRIDED_SLICE',
  'PAD', 'PADV2', 'MIRROR_PAD', 'SPLIT', 'SPLIT_V', 'PACK', 'UNPACK', 'TILE', 'QUANTIZE', 'DEQUANTIZE', 'CAST',
  'SPACE_TO_DEPTH', 'DEPTH_TO_SPACE', 'SPACE_TO_BATCH_ND', 'BATCH_TO_SPACE_ND',
]);

const elements = (t: TfliteTensor | null | undefined): number =>
  t === null || t === undefined ? 0 : t.shape.reduce((n, d) => n * Math.max(d, 1), 1);

function bytesPerElement(t: TfliteTensor): number {
  switch (t.typeName) {
    case 'FLOAT64':
    case 'INT64':
    case 'UINT64':
    case 'COMPLEX64':
      return 8;
    case 'FLOAT32':
    case 'INT32':
    case 'UINT32':
      return 4;
    case 'FLOAT16':
    case 'INT16':
    case 'UINT16':
      return 2;
    default:
      return 1;
  }
}

const bytesOf = (t: TfliteTensor | null | undefined): number => (t === null || t === undefined ? 0 : elements(t) * bytesPerElement(t));

export function opWork(model: TfliteModel, subgraph: TfliteSubgraph, op: TfliteOperator): OpWork {
  const ctx = tfliteOpContext(model, subgraph, op, { androidSdk: 34, acceleratorNamed: false });
  const [input, second] = ctx.inputs;
  const output = ctx.outputs[0];
  const outElements = elements(output);
  let macs: number;
  switch (op.opName) {
    case 'CONV_2D': {
      // filter [out_c, kh, kw, in_c]
      const [, kh = 1, kw = 1, inC = 1] = second?.shape ?? [];
      macs = outElements * kh * kw * inC;
      break;
    }
    case 'DEPTHWISE_CONV_2D': {
      const [, kh = 1, kw = 1] = second?.shape ?? [];
      macs = outElements * kh * kw;
      break;
    }
    case 'TRANSPOSE_CONV': {
      const filter = ctx.inputs[1];
      const [, kh = 1, kw = 1] = filter?.shape ?? [];
      macs = elements(ctx.inputs[2]) * kh * kw * (output?.shape.at(-1) ?? 1);
      break;
    }
    case 'FULLY_CONNECTED': {
      const inner = second?.shape.at(-1) ?? input?.shape.at(-1) ?? 1;
      macs = outElements * inner;
      break;
    }
    case 'BATCH_MATMUL':
      macs = outElements * (input?.shape.at(-1) ?? 1);
      break;
    case 'AVERAGE_POOL_2D':
    case 'MAX_POOL_2D':
    case 'L2_POOL_2D':
      macs = outElements * Math.max(1, optionNumber(ctx, 'filterHeight') * optionNumber(ctx, 'filterWidth'));
      break;
    default:
      macs = Math.max(elements(input), outElements);
  }
  const weightBytes = ctx.inputs.filter((t) => t?.isConstant === true).reduce((n, t) => n + bytesOf(t), 0);
  const activationBytes =
    ctx.inputs.filter((t) => t !== null && !t.isConstant).reduce((n, t) => n + bytesOf(t), 0) +
    ctx.outputs.reduce((n, t) => n + bytesOf(t), 0);
  const quantized = input !== null && input !== undefined && (input.typeName === 'INT8' || input.typeName === 'UINT8');
  const kind = CONV_OPS.has(op.opName) ? 'conv' : MATMUL_OPS.has(op.opName) ? 'matmul' : DATA_OPS.has(op.opName) ? 'data' : 'elementwise';
  return { macs, weightBytes, activationBytes, quantized, kind };
}
