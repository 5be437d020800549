// What benchmark_model and the TFLite runtime print while a delegate is created and applied
// (benchmark-tools.md §2.5 #6–11, §2.6): the runtime's "Created TensorFlow Lite delegate for …", the GPU
// delegate's unsupported-op report, "Replacing N out of M node(s) …", and the tool's verdict — or the failure
// lines when the phone cannot apply it.
import type { DelegatePlacement } from '../../model/placement.js';
import type { BenchmarkLog } from './tool-log.js';

const RUNTIME_CREATED: Readonly<Record<DelegatePlacement['kind'], string>> = {
  gpu: 'Created TensorFlow Lite delegate for GPU.',
  nnapi: 'Created TensorFlow Lite delegate for NNAPI.',
  xnnpack: 'Created TensorFlow Lite XNNPACK delegate for CPU.',
};

/** "Created … delegate" from the runtime, then "<NAME> delegate created." from the tool. */
export async function delegateCreated(log: BenchmarkLog, kind: DelegatePlacement['kind'], provider: string): Promise<void> {
  await log.runtime('INFO', RUNTIME_CREATED[kind]);
  await log.tool('INFO', `${provider} delegate created.`);
}

export function replacingLine(d: DelegatePlacement, subgraphName: string | null): string {
  const subgraph = subgraphName === null || subgraphName === '' ? 'subgraph 0' : `subgraph 0 (${subgraphName})`;
  return `Replacing ${d.delegatedCount} out of ${d.nodeCount} node(s) with delegate (${d.kernelName}) node, yielding ${d.partitionCount} partitions for ${subgraph}.`;
}

/** The GPU delegate's report of what stays on the CPU; null when every node is delegated. */
export function gpuReport(d: DelegatePlacement): string | null {
  if (d.unsupported.length === 0) return null;
  const cpu = d.nodeCount - d.delegatedCount;
  const count =
    d.delegatedCount === 0
      ? `No operations will run on the GPU, and all ${cpu} operations will run on the CPU.`
      : `${d.delegatedCount} operations will run on the GPU, and the remaining ${cpu} operations will run on the CPU.`;
  const ops = [...d.unsupported].sort((a, b) => a.op.localeCompare(b.op)).map((u) => `${u.op}: ${u.reason}`);
  return ['Following operations are not supported by GPU delegate:', ...ops, count].join('\n');
}

/** The runtime lines of ModifyGraphWithDelegate up to the kernels being made. */
export async function delegateApplication(log: BenchmarkLog, d: DelegatePlacement, subgraphName: string | null): Promise<void> {
  if (d.kind === 'gpu') {
    const report = gpuReport(d);
    if (report !== null) await log.runtime('ERROR', report);
  }
  if (d.delegatedCount > 0) await log.runtime('VERBOSE', replacingLine(d, subgraphName));
  if (d.kind === 'gpu' && d.delegatedCount > 0) {
    await log.runtime('INFO', 'Initialized OpenCL-based API.');
    await log.runtime('INFO', `Created ${d.kernelCount} GPU delegate kernels.`);
  }
}

/** The tool's verdict once the delegate is applied. */
export function appliedVerdict(d: DelegatePlacement): string {
  if (d.delegatedCount === 0) {
    return `Though ${d.provider} delegate is explicitly applied, the model graph will not be executed by the delegate.`;
  }
  if (d.delegatedCount === d.nodeCount) {
    return `Explicitly applied ${d.provider} delegate, and the model graph will be completely executed by the delegate.`;
  }
  return `Explicitly applied ${d.provider} delegate, and the model graph will be partially executed by the delegate w/ ${d.kernelCount} delegate kernels.`;
}

/** A delegate that fails in Prepare: the runtime's errors, the rollback, the tool's failure. */
export async function delegateFailure(log: BenchmarkLog, provider: string, kernelName: string, nodeIndex: number, errors: readonly string[]): Promise<void> {
  for (const error of errors) await log.runtime('ERROR', error);
  if (nodeIndex >= 0) await log.runtime('ERROR', `Node number ${nodeIndex} (${kernelName}) failed to prepare.`);
  await log.runtime('ERROR', 'Restored original execution plan after delegate application failure.');
  await log.tool('ERROR', `Failed to apply ${provider} delegate.`);
}
