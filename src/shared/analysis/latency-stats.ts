// Per-path latency figures, all in microseconds.
import { quantileSorted, sortedFinite } from './quantiles.js';

export interface LatencyStats {
  count: number;
  minUs: number | null;
  meanUs: number | null;
  p50Us: number | null;
  p90Us: number | null;
  p99Us: number | null;
  maxUs: number | null;
  /** Standard deviation of the latencies. */
  stdDevUs: number | null;
  /**
   * Jitter: mean absolute difference between consecutive inferences, in time order.
   * Unlike the standard deviation it ignores slow drift (heat) and shows run-to-run
   * unsteadiness, which is what a frame pipeline feels.
   */
  jitterUs: number | null;
}

export function latencyStats(latenciesUsInTimeOrder: ArrayLike<number>): LatencyStats {
  const sorted = sortedFinite(latenciesUsInTimeOrder);
  const n = sorted.length;
  if (n === 0) {
    return { count: 0, minUs: null, meanUs: null, p50Us: null, p90Us: null, p99Us: null, maxUs: null, stdDevUs: null, jitterUs: null };
  }
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of sorted) sq += (v - mean) ** 2;
  let diffSum = 0;
  let diffs = 0;
  let previous: number | null = null;
  for (let i = 0; i < latenciesUsInTimeOrder.length; i++) {
    const v = latenciesUsInTimeOrder[i]!;
    if (!Number.isFinite(v)) continue;
    if (previous !== null) {
      diffSum += Math.abs(v - previous);
      diffs++;
    }
    previous = v;
  }
  return {
    count: n,
    minUs: sorted[0]!,
    meanUs: mean,
    p50Us: quantileSorted(sorted, 0.5),
    p90Us: quantileSorted(sorted, 0.9),
    p99Us: quantileSorted(sorted, 0.99),
    maxUs: sorted[n - 1]!,
    stdDevUs: n > 1 ? Math.sqrt(sq / (n - 1)) : 0,
    jitterUs: diffs > 0 ? diffSum / diffs : null,
  };
}
