// What the TFLite/LiteRT `benchmark_model` tool (CLI on stdout+stderr, or the benchmark
// APK through logcat) printed about one run. All times keep the unit in their name.

/** One `count=…` statistics line, values as printed (µs). */
export interface RunStats {
  readonly count: number;
  readonly first_us: number | null;
  readonly curr_us: number | null;
  readonly min_us: number | null;
  readonly max_us: number | null;
  readonly avg_us: number | null;
  readonly std_us: number | null;
  readonly p5_us: number | null;
  readonly median_us: number | null;
  readonly p95_us: number | null;
  /** The tool printed `(all same)`: every run took `curr_us`. */
  readonly all_same: boolean;
}

export const DelegateExecution = {
  Complete: 'complete',
  Partial: 'partial',
  None: 'none',
  Failed: 'failed',
} as const;
export type DelegateExecution = (typeof DelegateExecution)[keyof typeof DelegateExecution];

export interface DelegateReport {
  /** The delegate kernel's own name when printed (`TfLiteNnapiDelegate`, `Vx Delegate`), else the provider name. */
  readonly name: string;
  /** The benchmark tool's provider name (`NNAPI`, `GPU`, `EXTERNAL`, `XNNPACK`, `Hexagon`, ...). */
  readonly provider: string | null;
  readonly nodes_delegated: number | null;
  readonly nodes_total: number | null;
  /** As printed in "yielding K partitions" (which counts CPU partitions too), summed over subgraphs. */
  readonly partitions: number | null;
  /** Delegate kernels (delegated partitions), when printed. */
  readonly delegate_kernels: number | null;
  readonly execution: DelegateExecution | null;
}

export interface UnsupportedOp {
  readonly op: string;
  readonly reason: string | null;
}

export interface OpProfileEntry {
  readonly node_type: string;
  readonly avg_ms: number | null;
  readonly times_called: number | null;
  /** Nodes of this type ("Summary by node type" `[count]`); null for Run Order rows. */
  readonly node_count: number | null;
  readonly first_ms: number | null;
  readonly percent: number | null;
  /** `[outputs]:index` of the node (Run Order rows only). */
  readonly name: string | null;
}

/** An op type that ran on the CPU although an accelerator delegate was applied. */
export interface FallbackOp {
  readonly op: string;
  readonly nodes: number;
  readonly avg_ms: number | null;
}

export interface BenchmarkParam {
  readonly name: string;
  readonly value: string;
}

export const BenchmarkStatus = {
  Completed: 'completed',
  Failed: 'failed',
  Incomplete: 'incomplete',
} as const;
export type BenchmarkStatus = (typeof BenchmarkStatus)[keyof typeof BenchmarkStatus];

export const Delegation = {
  Full: 'full',
  Partial: 'partial',
  CpuFallback: 'cpu_fallback',
  Failed: 'failed',
} as const;
export type Delegation = (typeof Delegation)[keyof typeof Delegation];

export const OpProfileLayout = {
  /** `[start]` column, 24-wide node type (TF ≤ ~2.12). */
  WithStart: 'with_start',
  /** No `[start]`, 24-wide node type. */
  Narrow: 'narrow',
  /** No `[start]`, 40-wide node type (LiteRT). */
  Wide: 'wide',
  /** Tabs replaced by runs of spaces (hand-edited pastes). */
  Respaced: 'respaced',
  Csv: 'csv',
} as const;
export type OpProfileLayout = (typeof OpProfileLayout)[keyof typeof OpProfileLayout];

export interface BenchmarkModelResult {
  readonly kind: 'benchmark_model';
  /** `cli`: the binary's own output; `logcat`: the benchmark APK's lines from logcat. */
  readonly source: 'cli' | 'logcat';
  /** The logcat process the lines were taken from; null for CLI output or when unfiltered. */
  readonly pid: number | null;
  readonly status: BenchmarkStatus;
  readonly init_us: number | null;
  readonly first_inference_us: number | null;
  readonly warmup_avg_us: number | null;
  readonly inference_avg_us: number | null;
  /** Number of timed (regular, after warm-up) runs. */
  readonly inference_count: number | null;
  readonly warmup: RunStats | null;
  readonly inference: RunStats | null;
  /** Which summary line was found: `current` "Inference timings in us: …", `legacy` "Average inference timings in us: …", `litert` the results block. */
  readonly summary_format: 'current' | 'legacy' | 'litert' | null;
  readonly delegates: readonly DelegateReport[];
  /** How the accelerator delegates (not XNNPACK) fared overall; null when none was applied. */
  readonly delegation: Delegation | null;
  /** From the GPU delegate's "operations are not supported" report. */
  readonly unsupported_ops: readonly UnsupportedOp[];
  /** Op types that the op profile shows on the CPU beside an accelerator delegate. */
  readonly fallback_ops: readonly FallbackOp[];
  readonly failures: readonly string[];
  readonly warnings: readonly string[];
  /** "Summary by node type" of the regular runs when present, else their Run Order. */
  readonly op_profile: readonly OpProfileEntry[];
  readonly op_profile_source: 'summary_by_node_type' | 'run_order' | null;
  readonly op_profile_layout: OpProfileLayout | null;
  /** "Timings (microseconds)" of the profiled regular runs (includes profiler overhead). */
  readonly profiled_runs: RunStats | null;
  readonly model_path: string | null;
  readonly tool_version: string | null;
  readonly nnapi_accelerators: readonly string[] | null;
  readonly params: readonly BenchmarkParam[];
  readonly model_size_mb: number | null;
  readonly init_session_ms: number | null;
  readonly memory_init_mb: number | null;
  readonly memory_overall_mb: number | null;
  readonly memory_peak_mb: number | null;
}
