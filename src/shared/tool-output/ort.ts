// ONNX Runtime's `onnxruntime_perf_test` console output and its `-p` JSON profile.

/** A `GetCapability` line: how much of the graph an execution provider took. */
export interface OrtCapability {
  readonly provider: string;
  readonly partitions: number;
  readonly nodes_total: number;
  readonly nodes_supported: number;
}

/** A verbose "Node placements" line. */
export interface OrtPlacement {
  readonly provider: string;
  readonly nodes: number;
}

export interface OrtPerfTestResult {
  readonly kind: 'ort_perf_test';
  readonly avg_ms: number | null;
  readonly runs: number | null;
  readonly first_inference_ms: number | null;
  readonly min_ms: number | null;
  readonly max_ms: number | null;
  readonly p50_ms: number | null;
  readonly p90_ms: number | null;
  readonly p95_ms: number | null;
  readonly p99_ms: number | null;
  readonly p999_ms: number | null;
  readonly session_creation_s: number | null;
  readonly total_inference_s: number | null;
  readonly total_run_time_s: number | null;
  readonly inferences_per_second: number | null;
  readonly avg_cpu_percent: number | null;
  readonly peak_working_set_bytes: number | null;
  readonly intra_op_threads: number | null;
  /** One latency per timed run, when the text holds `result_file` rows. */
  readonly run_latencies_ms: readonly number[];
  readonly capabilities: readonly OrtCapability[];
  readonly placements: readonly OrtPlacement[];
  readonly failures: readonly string[];
}

export interface OrtProviderShare {
  readonly provider: string;
  readonly node_count: number;
  readonly kernel_time_us: number;
}

export interface OrtProfileResult {
  readonly kind: 'ort_profile';
  /** Distinct graph nodes that ran (a compiling EP's fused partition counts as one node). */
  readonly node_count: number;
  /** Execution providers that ran nodes, in order of first appearance. */
  readonly providers: readonly string[];
  readonly provider_breakdown: readonly OrtProviderShare[];
  /** `model_run` events: one per Run(), warm-up included. */
  readonly runs: number;
  readonly run_durations_us: readonly number[];
  readonly model_loading_us: number | null;
  readonly session_initialization_us: number | null;
  readonly event_count: number;
  /** The JSON was cut short and only whole events were read. */
  readonly truncated: boolean;
}
