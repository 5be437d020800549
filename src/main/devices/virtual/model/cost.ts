// Microseconds per step of an execution plan on an unthrottled, warm phone, from each op's real work
// (op-work.ts): a roofline of compute (MACs at the unit's effective rate for that kind of op) and memory
// traffic, plus fixed per-op and per-delegate-call costs. Init time likewise: model load, kernel preparation,
// delegate compilation per delegated op.
import type { TfliteModel, TfliteSubgraph } from '../../../../shared/formats/tflite/model.js';
import type { AcceleratorSpec, CpuSpec, DeviceHardware } from './hardware-spec.js';
import { type OpWork, opWork } from './op-work.js';
import type { Placement, PlanStep } from './placement.js';

type CpuKernels = 'xnnpack' | 'builtin' | 'reference';

/** How well each kind of op uses a unit's MAC rate. */
const CPU_EFFICIENCY: Readonly<Record<OpWork['kind'], number>> = { conv: 1, matmul: 0.85, elementwise: 0.3, data: 0.6 };
const ACCELERATOR_EFFICIENCY: Readonly<Record<OpWork['kind'], number>> = { conv: 1, matmul: 0.6, elementwise: 0.25, data: 0.4 };
/** NNAPI's CPU reference driver: unoptimised, single-threaded. */
const REFERENCE_FACTOR = 0.35;
const REFERENCE_CALL_US = 150;
const XNNPACK_CALL_US = 1;

export function threadSpeedup(cpu: CpuSpec, threads: number): number {
  const n = Math.max(1, Math.round(threads));
  return cpu.threadScaling[Math.min(n, cpu.threadScaling.length) - 1] ?? 1;
}

export function cpuOpUs(cpu: CpuSpec, work: OpWork, threads: number, kernels: CpuKernels): number {
  const parallel = work.kind === 'conv' || work.kind === 'matmul';
  const speedup = kernels === 'reference' ? 1 : parallel ? threadSpeedup(cpu, threads) : Math.min(1.5, threadSpeedup(cpu, threads));
  const kernelFactor = kernels === 'xnnpack' ? 1 : kernels === 'builtin' ? cpu.builtinKernelFactor : REFERENCE_FACTOR;
  const rate = cpu.gmacsPerThread * 1e3 * speedup * kernelFactor * CPU_EFFICIENCY[work.kind] * (work.quantized ? cpu.int8Speedup : 1);
  const memoryUs = (work.weightBytes + work.activationBytes) / (cpu.memoryGBps * 1e3);
  return cpu.opOverheadUs * (kernels === 'xnnpack' ? 0.6 : 1) + Math.max(work.macs / rate, memoryUs);
}

export function acceleratorOpUs(spec: AcceleratorSpec, memoryGBps: number, work: OpWork): number {
  const rate = spec.gmacs * 1e3 * ACCELERATOR_EFFICIENCY[work.kind] * (work.quantized ? spec.int8Speedup : 1);
  const memoryUs = (work.weightBytes + work.activationBytes) / (memoryGBps * 1e3);
  return spec.opOverheadUs + Math.max(work.macs / rate, memoryUs);
}

function works(model: TfliteModel, subgraph: TfliteSubgraph, step: PlanStep): OpWork[] {
  return step.nodes.flatMap((n) => {
    const op = subgraph.operators[n];
    return op === undefined ? [] : [opWork(model, subgraph, op)];
  });
}

/** Base µs of each step of a placement. */
export function stepCostsUs(model: TfliteModel, hardware: DeviceHardware, placement: Placement, threads: number): number[] {
  const subgraph = model.subgraphs[0];
  if (subgraph === undefined) return [];
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  return placement.steps.map((step) => {
    const ops = works(model, subgraph, step);
    if (step.unit === 'cpu') {
      if (!step.delegated) return sum(ops.map((w) => cpuOpUs(hardware.cpu, w, threads, 'builtin')));
      if (step.xnnpack) return XNNPACK_CALL_US + sum(ops.map((w) => cpuOpUs(hardware.cpu, w, threads, 'xnnpack')));
      return REFERENCE_CALL_US + sum(ops.map((w) => cpuOpUs(hardware.cpu, w, 1, 'reference')));
    }
    const spec = step.unit === 'gpu' ? hardware.gpu : hardware.npu;
    if (spec === null) return sum(ops.map((w) => cpuOpUs(hardware.cpu, w, threads, 'builtin')));
    return spec.partitionOverheadUs + sum(ops.map((w) => acceleratorOpUs(spec, hardware.cpu.memoryGBps, w)));
  });
}

/** Interpreter build, kernel preparation and delegate compilation, µs (what `Init:` reports). */
export function initCostUs(model: TfliteModel, hardware: DeviceHardware, placement: Placement): number {
  const subgraph = model.subgraphs[0];
  const ops = subgraph?.operators.length ?? 0;
  const load = (model.summary.fileBytes / 2e9) * 1e6 + 1500 + 50 * ops;
  const delegate = placement.delegate;
  if (delegate === null) return load;
  if (delegate.kind === 'xnnpack') return load + (model.summary.parameterBytes / 1e9) * 1e6 + 100 * delegate.delegatedCount;
  const spec = delegate.unit === 'gpu' ? hardware.gpu : delegate.unit === 'npu' ? hardware.npu : null;
  if (spec === null) return load + 5000;
  return load + (spec.initMs + spec.initPerOpMs * delegate.delegatedCount) * 1000;
}
