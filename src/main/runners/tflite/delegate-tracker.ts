// Collects what the tool and the runtime say about each delegate and merges it into one
// report per delegate. The lines come from two streams (tool stdout, runtime stderr) and
// may arrive in either order, so every event merges into whichever entry it belongs to.
import {
  DelegateExecution,
  Delegation,
  type DelegateReport,
} from '../../../shared/tool-output/benchmark-model.js';

interface NodeCounts {
  delegated: number;
  total: number | null;
  partitions: number | null;
}

interface DelegateEntry {
  provider: string | null;
  kernel: string | null;
  /** "Replacing …" lines, keyed by subgraph ("" when the line names none). */
  readonly replacements: Map<string, NodeCounts>;
  simple: NodeCounts | null;
  gpuReport: NodeCounts | null;
  kernels: number | null;
  execution: DelegateExecution | null;
  /** What the op profile showed: this kernel's partitions and whether CPU ops ran beside them. */
  profile: { partitions: number; cpuOpsBeside: boolean } | null;
}

/** Providers whose kernels run on the CPU: they never make a run "delegated". */
const CPU_PROVIDERS = new Set(['xnnpack', 'flex']);

const PROVIDER_BY_KERNEL: Readonly<Record<string, string>> = {
  TfLiteNnapiDelegate: 'NNAPI',
  TfLiteGpuDelegateV2: 'GPU',
  TfLiteGpuDelegate: 'GPU',
  LITERT_CL: 'GPU',
  ML_DRIFT_CL: 'GPU',
  TfLiteXNNPackDelegate: 'XNNPACK',
  TfLiteHexagonDelegate: 'Hexagon',
  TfLiteFlexDelegate: 'Flex',
  TfLiteCoreMlDelegate: 'CoreML',
  DispatchDelegate: 'NPU',
};

export function providerOfKernel(kernel: string): string {
  return PROVIDER_BY_KERNEL[kernel] ?? 'EXTERNAL';
}

/** Node types in an op profile that stand for an accelerator partition, not a CPU op. */
export function isAcceleratorNodeType(nodeType: string, knownKernels: ReadonlySet<string>): boolean {
  if (nodeType === 'TfLiteXNNPackDelegate' || nodeType === 'TfLiteFlexDelegate') return false;
  if (knownKernels.has(nodeType)) return true;
  const provider = PROVIDER_BY_KERNEL[nodeType];
  if (provider !== undefined) return !CPU_PROVIDERS.has(provider.toLowerCase());
  return /delegate/i.test(nodeType);
}

const sameProvider = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

export class DelegateTracker {
  readonly #entries: DelegateEntry[] = [];

  /** "GPU delegate created.", "Created TensorFlow Lite delegate for NNAPI.", ... */
  created(provider: string): void {
    this.#byProvider(provider);
  }

  applied(provider: string, completely: boolean, kernels: number | null): void {
    const entry = this.#byProvider(provider);
    entry.execution = completely ? DelegateExecution.Complete : DelegateExecution.Partial;
    if (kernels !== null) entry.kernels = kernels;
  }

  notExecuted(provider: string): void {
    this.#byProvider(provider).execution = DelegateExecution.None;
  }

  failed(provider: string): void {
    this.#byProvider(provider).execution = DelegateExecution.Failed;
  }

  replaced(kernel: string, subgraph: string, counts: NodeCounts): void {
    this.#byKernel(kernel).replacements.set(subgraph, counts);
  }

  /** SimpleDelegate's "«name» delegate: N nodes delegated out of M nodes with K partitions." */
  simpleDelegateReport(kernel: string, counts: NodeCounts): void {
    this.#byKernel(kernel).simple = counts;
  }

  gpuReport(onGpu: number, onCpu: number): void {
    const entry = this.#byProvider('GPU');
    entry.gpuReport = { delegated: onGpu, total: onGpu + onCpu, partitions: null };
  }

  /** An accelerator node type seen in the op profile (the only trace of it in profile-only pastes). */
  profiled(kernel: string, partitions: number, cpuOpsBeside: boolean): void {
    this.#byKernel(kernel).profile = { partitions, cpuOpsBeside };
  }

  gpuKernels(count: number): void {
    this.#byProvider('GPU').kernels = count;
  }

  /** Names that denote delegate partitions in op-profile rows. */
  kernelNames(): Set<string> {
    return new Set(this.#entries.flatMap((e) => (e.kernel === null ? [] : [e.kernel])));
  }

  reports(): DelegateReport[] {
    return this.#entries.map(toReport);
  }

  delegation(completed: boolean, hexagonUnavailable: boolean): Delegation | null {
    const accelerators = this.reports().filter((r) => r.provider === null || !CPU_PROVIDERS.has(r.provider.toLowerCase()));
    if (accelerators.length === 0) return hexagonUnavailable && completed ? Delegation.CpuFallback : null;
    const executions = accelerators.map((r) => r.execution);
    if (executions.includes(DelegateExecution.Failed)) return completed ? Delegation.CpuFallback : Delegation.Failed;
    if (executions.includes(DelegateExecution.Partial)) return Delegation.Partial;
    if (executions.every((e) => e === DelegateExecution.None)) return Delegation.CpuFallback;
    if (executions.every((e) => e === DelegateExecution.Complete || e === DelegateExecution.None)) return Delegation.Full;
    return null;
  }

  #byProvider(provider: string): DelegateEntry {
    const found = this.#entries.find((e) => sameProvider(e.provider, provider));
    return found ?? this.#add(provider, null);
  }

  #byKernel(kernel: string): DelegateEntry {
    const provider = providerOfKernel(kernel);
    const found =
      this.#entries.find((e) => e.kernel === kernel) ??
      this.#entries.find((e) => e.kernel === null && sameProvider(e.provider, provider));
    if (found) {
      found.kernel = kernel;
      return found;
    }
    return this.#add(provider, kernel);
  }

  #add(provider: string | null, kernel: string | null): DelegateEntry {
    const entry: DelegateEntry = {
      provider,
      kernel,
      replacements: new Map(),
      simple: null,
      gpuReport: null,
      kernels: null,
      execution: null,
      profile: null,
    };
    this.#entries.push(entry);
    return entry;
  }
}

function sumOf(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}

function countsOf(entry: DelegateEntry): NodeCounts | null {
  const replaced = [...entry.replacements.values()];
  if (replaced.length > 0) {
    return {
      delegated: replaced.reduce((sum, c) => sum + c.delegated, 0),
      total: sumOf(replaced.map((c) => c.total)) ?? entry.gpuReport?.total ?? entry.simple?.total ?? null,
      partitions: sumOf(replaced.map((c) => c.partitions)),
    };
  }
  // SimpleDelegate's "with K partitions" counts delegated partitions only: it is reported
  // as delegate_kernels, so `partitions` keeps the one meaning of the Replacing line.
  const reported = entry.simple ?? entry.gpuReport;
  return reported === null ? null : { ...reported, partitions: null };
}

function executionOf(entry: DelegateEntry, counts: NodeCounts | null): DelegateExecution | null {
  if (entry.execution !== null) return entry.execution;
  if (counts === null || counts.total === null) {
    if (entry.profile === null) return null;
    return entry.profile.cpuOpsBeside ? DelegateExecution.Partial : DelegateExecution.Complete;
  }
  if (counts.delegated === 0) return DelegateExecution.None;
  return counts.delegated >= counts.total ? DelegateExecution.Complete : DelegateExecution.Partial;
}

function toReport(entry: DelegateEntry): DelegateReport {
  const counts = countsOf(entry);
  return {
    name: entry.kernel ?? entry.provider ?? 'unknown',
    provider: entry.provider,
    nodes_delegated: counts?.delegated ?? null,
    nodes_total: counts?.total ?? null,
    partitions: counts?.partitions ?? null,
    delegate_kernels: entry.kernels ?? entry.simple?.partitions ?? entry.profile?.partitions ?? null,
    execution: executionOf(entry, counts),
  };
}
