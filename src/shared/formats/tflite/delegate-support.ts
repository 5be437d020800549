// Predicts which operators of a model a delegate takes and which fall back to the CPU, with the delegate's reason.
import { TfliteBuiltinOperator, type TfliteBuiltinOpName } from './builtin-operator.js';
import { type TfliteOpContext, type TfliteDelegateRules, tfliteOpContext } from './delegate-context.js';
import { largestSupportedPartitions, partitionTfliteGraph } from './delegate-partition.js';
import {
  GPU_MAX_DELEGATED_PARTITIONS,
  GPU_OPERATION_NOT_SUPPORTED,
  GPU_SUPPORTED_CUSTOM_OPS,
  GPU_TENSORS_NOT_COMPATIBLE,
  TFLITE_GPU_RULES,
  gpuTensorsAllowed,
  gpuVersionReason,
} from './delegate-rules-gpu.js';
import {
  NNAPI_MAX_DELEGATED_PARTITIONS,
  NNAPI_UNSUPPORTED_OPERATION,
  NnapiSdk,
  TFLITE_NNAPI_RULES,
  nnapiSdkReason,
  nnapiVersionReason,
} from './delegate-rules-nnapi.js';
import type { TfliteModel } from './model.js';

export type TfliteDelegate = 'gpu' | 'nnapi';

const CUSTOM = TfliteBuiltinOperator.CUSTOM;

export interface TfliteDelegateOptions {
  /** Android API level of the phone (NNAPI rules depend on it). Default 30 (Android 11). */
  readonly androidSdk?: number;
  /** True when an NNAPI accelerator is named (`--nnapi_accelerator_name`). Default false. */
  readonly acceleratorNamed?: boolean;
  /** Delegated partitions kept; default 1 for GPU, 3 for NNAPI. */
  readonly maxDelegatedPartitions?: number;
  /** Subgraph to predict for; default 0, the main graph. */
  readonly subgraph?: number;
}

export interface TfliteOperatorSupport {
  /** Node index: the number in `OP@<node>/<subgraph>` trace slices. */
  readonly index: number;
  readonly opName: string;
  readonly version: number;
  /** The delegate's own checks accept the node. */
  readonly supported: boolean;
  /** The node lands in a partition the delegate keeps; false = it runs on the CPU. */
  readonly delegated: boolean;
  /** Why it is not supported (the delegate's words), or why a supported node still runs on the CPU. */
  readonly reason: string | null;
}

export interface TfliteDelegatePrediction {
  readonly delegate: TfliteDelegate;
  readonly operators: readonly TfliteOperatorSupport[];
  /** Node indices of each delegated partition, largest first. */
  readonly delegatedPartitions: readonly (readonly number[])[];
  /** All partitions, delegated and CPU: the K of "yielding K partitions". */
  readonly partitionCount: number;
  readonly delegatedCount: number;
}

export function predictDelegateSupport(
  model: TfliteModel,
  delegate: TfliteDelegate,
  options: TfliteDelegateOptions = {},
): TfliteDelegatePrediction {
  const subgraph = model.subgraphs[options.subgraph ?? 0];
  if (subgraph === undefined) throw new RangeError(`the model has no subgraph ${options.subgraph ?? 0}`);
  const target = {
    androidSdk: options.androidSdk ?? NnapiSdk.NNAPI_1_3,
    acceleratorNamed: options.acceleratorNamed ?? false,
  };
  const verdicts = subgraph.operators.map((op) => {
    const ctx = tfliteOpContext(model, subgraph, op, target);
    return delegate === 'gpu' ? gpuVerdict(ctx) : nnapiVerdict(ctx);
  });
  const supported = verdicts.map((v) => v === null);
  const partitions = partitionTfliteGraph(subgraph, supported);
  const defaultMax = delegate === 'gpu' ? GPU_MAX_DELEGATED_PARTITIONS : NNAPI_MAX_DELEGATED_PARTITIONS;
  const max = options.maxDelegatedPartitions ?? defaultMax;
  const kept = largestSupportedPartitions(partitions, max);
  const delegatedNodes = new Set(kept.flatMap((p) => p.nodes));
  const operators = subgraph.operators.map((op, i): TfliteOperatorSupport => {
    const reason = verdicts[i] ?? null;
    const delegated = delegatedNodes.has(op.index);
    return {
      index: op.index,
      opName: op.opName,
      version: op.version,
      supported: reason === null,
      delegated,
      reason:
        reason ??
        (delegated
          ? null
          : `Supported, but only the largest ${max === 1 ? 'partition is' : `${max} partitions are`} delegated.`),
    };
  });
  return {
    delegate,
    operators,
    delegatedPartitions: kept.map((p) => p.nodes),
    partitionCount: partitions.length,
    delegatedCount: delegatedNodes.size,
  };
}

function gpuVerdict(ctx: TfliteOpContext): string | null {
  const { op } = ctx;
  if (op.builtinCode === CUSTOM) {
    return (GPU_SUPPORTED_CUSTOM_OPS as readonly string[]).includes(op.opName) ? null : GPU_OPERATION_NOT_SUPPORTED;
  }
  const rule = ruleFor(TFLITE_GPU_RULES, op.opName);
  if (rule === undefined) return GPU_OPERATION_NOT_SUPPORTED;
  if (rule.maxVersion !== null && op.version > rule.maxVersion) return gpuVersionReason(rule.maxVersion, op.version);
  for (const check of rule.checks) {
    const reason = check(ctx);
    if (reason !== null) return reason;
  }
  return gpuTensorsAllowed(ctx) ? null : GPU_TENSORS_NOT_COMPATIBLE;
}

function nnapiVerdict(ctx: TfliteOpContext): string | null {
  if (ctx.androidSdk < NnapiSdk.NNAPI_1_0) return nnapiSdkReason(NnapiSdk.NNAPI_1_0);
  // CUSTOM ops go to NNAPI only through vendor plugins, which we cannot see (§4.2).
  const rule = ctx.op.builtinCode === CUSTOM ? undefined : ruleFor(TFLITE_NNAPI_RULES, ctx.op.opName);
  if (rule === undefined) return NNAPI_UNSUPPORTED_OPERATION;
  if (rule.maxVersion !== null && ctx.op.version > rule.maxVersion) return nnapiVersionReason(rule.maxVersion);
  if (rule.minSdk !== undefined && ctx.androidSdk < rule.minSdk) return nnapiSdkReason(rule.minSdk);
  for (const check of rule.checks) {
    const reason = check(ctx);
    if (reason !== null) return reason;
  }
  return null;
}

function ruleFor(rules: TfliteDelegateRules, opName: string) {
  return Object.hasOwn(rules, opName) ? rules[opName as TfliteBuiltinOpName] : undefined;
}
