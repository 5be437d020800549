/** What TFLite's `inference_diff` evaluation tool (`run_eval`) printed. Latencies are per invocation, µs. */
export interface OutputDiff {
  readonly index: number;
  readonly avg_error: number | null;
  readonly std_dev: number | null;
}

export interface InferenceDiffResult {
  readonly kind: 'inference_diff';
  readonly runs: number | null;
  readonly reference_avg_us: number | null;
  readonly reference_std_us: number | null;
  readonly test_avg_us: number | null;
  readonly test_std_us: number | null;
  readonly output_diffs: readonly OutputDiff[];
  readonly failures: readonly string[];
}
