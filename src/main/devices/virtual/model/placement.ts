// Where each node of a model runs on a path: the delegate's own support rules (predictDelegateSupport for GPU
// and NNAPI, XNNPACK's op list), narrowed by the phone's NNAPI driver, then TFLite's partitioning and its
// cap on delegated partitions. The result is the execution plan the interpreter would build: CPU nodes in
// place, each delegated partition replaced by one delegate kernel node numbered after the model's nodes.
import { largestSupportedPartitions, partitionTfliteGraph } from '../../../../shared/formats/tflite/delegate-partition.js';
import { predictDelegateSupport } from '../../../../shared/formats/tflite/delegate-support.js';
import type { TfliteModel, TfliteSubgraph } from '../../../../shared/formats/tflite/model.js';
import type { ComputeUnit, DeviceHardware, NpuSpec } from './hardware-spec.js';
import { opWork } from './op-work.js';
import { XNNPACK_OPS } from './xnnpack-ops.js';

export type PathRequest =
  | { readonly kind: 'cpu'; readonly xnnpack: 'explicit' | 'default' | 'off' }
  | { readonly kind: 'gpu' }
  | { readonly kind: 'nnapi'; readonly accelerator: string | null };

export const DelegateKernel = {
  gpu: 'TfLiteGpuDelegateV2',
  nnapi: 'TfLiteNnapiDelegate',
  xnnpack: 'TfLiteXNNPackDelegate',
} as const;

export interface DelegatePlacement {
  readonly kind: 'gpu' | 'nnapi' | 'xnnpack';
  /** The benchmark tool's provider name: `GPU`, `NNAPI`, `XNNPACK`. */
  readonly provider: string;
  /** The delegate kernel's name in "Replacing … (name)" lines, op profiles and trace slices. */
  readonly kernelName: string;
  readonly unit: ComputeUnit;
  /** Per node index: the node lands in a delegated partition. */
  readonly delegated: readonly boolean[];
  /** The GPU delegate's report: each unsupported op type once, with its reason. */
  readonly unsupported: readonly { readonly op: string; readonly reason: string }[];
  readonly delegatedCount: number;
  readonly nodeCount: number;
  /** The K of "yielding K partitions": delegated and CPU partitions once the kept nodes are replaced. */
  readonly partitionCount: number;
  /** Delegate kernels created: one per delegated partition. */
  readonly kernelCount: number;
}

export interface PlanStep {
  /** The node index TFLite prints: the op's own, or model nodes + k for the k-th delegate kernel. */
  readonly nodeIndex: number;
  /** Op type, or the delegate kernel's name. */
  readonly name: string;
  readonly unit: ComputeUnit;
  /** The model's nodes this step runs. */
  readonly nodes: readonly number[];
  /** Output tensor names, for the op profile's Name column. */
  readonly outputs: readonly string[];
  readonly delegated: boolean;
  /** CPU steps only: runs on XNNPACK kernels rather than TFLite's builtin ones. */
  readonly xnnpack: boolean;
}

export interface Placement {
  readonly delegate: DelegatePlacement | null;
  readonly steps: readonly PlanStep[];
}

const GPU_MAX_PARTITIONS = 1;
const NNAPI_MAX_PARTITIONS = 3;

/** The NNAPI device a run targets: the named one, or the phone's default (its first NPU, else its first device). */
export function nnapiTarget(hardware: DeviceHardware, accelerator: string | null): { name: string; unit: ComputeUnit } | null {
  const devices = [...hardware.nnapiDevices, { name: 'nnapi-reference', unit: 'cpu' as const }];
  if (accelerator !== null) return devices.find((d) => d.name === accelerator) ?? null;
  return hardware.nnapiDevices.find((d) => d.unit === 'npu') ?? hardware.nnapiDevices[0] ?? null;
}

/** Every NNAPI device name the runtime lists, the CPU reference last. */
export function nnapiDeviceNames(hardware: DeviceHardware): string[] {
  return [...hardware.nnapiDevices.map((d) => d.name), 'nnapi-reference'];
}

export function placeModel(model: TfliteModel, hardware: DeviceHardware, androidSdk: number, request: PathRequest): Placement {
  const subgraph = model.subgraphs[0];
  if (subgraph === undefined) return { delegate: null, steps: [] };
  switch (request.kind) {
    case 'cpu': {
      if (request.xnnpack === 'off') return { delegate: null, steps: cpuSteps(subgraph, false) };
      const supported = subgraph.operators.map((op) => XNNPACK_OPS.has(op.opName));
      return delegateSteps(subgraph, supported, Number.MAX_SAFE_INTEGER, {
        kind: 'xnnpack',
        provider: 'XNNPACK',
        kernelName: DelegateKernel.xnnpack,
        unit: 'cpu',
        unsupported: [],
      });
    }
    case 'gpu': {
      const prediction = predictDelegateSupport(model, 'gpu', { androidSdk });
      const unsupported = new Map<string, string>();
      for (const op of prediction.operators) {
        if (!op.supported && !unsupported.has(op.opName)) unsupported.set(op.opName, op.reason ?? '');
      }
      return delegateSteps(subgraph, prediction.operators.map((o) => o.supported), GPU_MAX_PARTITIONS, {
        kind: 'gpu',
        provider: 'GPU',
        kernelName: DelegateKernel.gpu,
        unit: 'gpu',
        unsupported: [...unsupported].map(([op, reason]) => ({ op, reason })),
      });
    }
    case 'nnapi': {
      const target = nnapiTarget(hardware, request.accelerator) ?? { name: 'nnapi-reference', unit: 'cpu' as const };
      const prediction = predictDelegateSupport(model, 'nnapi', { androidSdk, acceleratorNamed: request.accelerator !== null });
      const npu = target.unit === 'npu' ? hardware.npu : null;
      const supported = prediction.operators.map((o, i) => o.supported && (npu === null || driverTakes(npu, model, subgraph, i)));
      return delegateSteps(subgraph, supported, NNAPI_MAX_PARTITIONS, {
        kind: 'nnapi',
        provider: 'NNAPI',
        kernelName: DelegateKernel.nnapi,
        unit: target.unit,
        unsupported: [],
      });
    }
  }
}

function driverTakes(npu: NpuSpec, model: TfliteModel, subgraph: TfliteSubgraph, node: number): boolean {
  const op = subgraph.operators[node];
  if (op === undefined) return false;
  if (npu.driverOps !== null && !npu.driverOps.includes(op.opName)) return false;
  if (npu.driverQuantizedOnlyOps?.includes(op.opName) === true) return opWork(model, subgraph, op).quantized;
  return true;
}

function cpuSteps(subgraph: TfliteSubgraph, xnnpack: boolean): PlanStep[] {
  return subgraph.operators.map((op) => ({
    nodeIndex: op.index,
    name: op.opName,
    unit: 'cpu',
    nodes: [op.index],
    outputs: op.outputs.flatMap((t) => subgraph.tensors[t]?.name ?? []),
    delegated: false,
    xnnpack,
  }));
}

function delegateSteps(
  subgraph: TfliteSubgraph,
  supported: readonly boolean[],
  maxPartitions: number,
  delegate: Omit<DelegatePlacement, 'delegated' | 'delegatedCount' | 'nodeCount' | 'partitionCount' | 'kernelCount'>,
): Placement {
  const kept = largestSupportedPartitions(partitionTfliteGraph(subgraph, supported), maxPartitions);
  const delegated = subgraph.operators.map(() => false);
  for (const partition of kept) for (const node of partition.nodes) delegated[node] = true;
  const partitions = partitionTfliteGraph(subgraph, delegated);
  const nodeCount = subgraph.operators.length;
  const steps: PlanStep[] = [];
  let kernels = 0;
  for (const partition of partitions) {
    if (!partition.supported) {
      for (const node of partition.nodes) {
        const op = subgraph.operators[node];
        if (op === undefined) continue;
        steps.push({
          nodeIndex: node,
          name: op.opName,
          unit: 'cpu',
          nodes: [node],
          outputs: op.outputs.flatMap((t) => subgraph.tensors[t]?.name ?? []),
          delegated: false,
          xnnpack: false,
        });
      }
      continue;
    }
    steps.push({
      nodeIndex: nodeCount + kernels++,
      name: delegate.kernelName,
      unit: delegate.unit,
      nodes: partition.nodes,
      outputs: partitionOutputs(subgraph, partition.nodes),
      delegated: true,
      xnnpack: delegate.kind === 'xnnpack',
    });
  }
  const delegatedCount = delegated.filter(Boolean).length;
  return {
    delegate: delegatedCount === 0 && delegate.kind === 'xnnpack' ? null : {
      ...delegate,
      delegated,
      delegatedCount,
      nodeCount,
      partitionCount: partitions.length,
      kernelCount: kernels,
    },
    steps,
  };
}

/** Tensors a partition produces that something outside it (or the graph's caller) reads. */
function partitionOutputs(subgraph: TfliteSubgraph, nodes: readonly number[]): string[] {
  const inside = new Set(nodes);
  const readOutside = new Set<number>(subgraph.outputs);
  subgraph.operators.forEach((op) => {
    if (!inside.has(op.index)) for (const t of op.inputs) readOutside.add(t);
  });
  const names: string[] = [];
  for (const node of nodes) {
    for (const t of subgraph.operators[node]?.outputs ?? []) {
      if (readOutside.has(t)) names.push(subgraph.tensors[t]?.name ?? String(t));
    }
  }
  return names;
}
