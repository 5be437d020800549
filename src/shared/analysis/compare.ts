// Compares two sessions path by path. Latency drifts with heat within a run, so points are
// not independent draws: confidence intervals come from a moving-block bootstrap over each
// run's time series (blocks keep neighbouring, correlated inferences together).
import type { PathId } from '../api-constants.js';
import type { SessionData } from '../session/session-data.js';
import { quantileSorted, shareAtOrBelow } from './quantiles.js';
import { analyzeSession } from './session-analysis.js';

export type Verdict = 'regressed' | 'improved' | 'no significant change' | 'not comparable';

export interface MetricDelta {
  metric: 'p50' | 'p90' | 'p99' | 'budget share';
  unit: 'µs' | '%';
  a: number;
  b: number;
  /** (b − a) / a for latencies; b − a (points of share) for the budget share. */
  change: number;
  /** 95 % interval of the change. */
  low: number;
  high: number;
}

export interface PathComparison {
  path: PathId;
  verdict: Verdict;
  reason: string;
  deltas: MetricDelta[];
  /** Energy per inference, mJ; one figure per run, so no interval. Null where either is unavailable. */
  energy: { aMj: number; bMj: number; change: number } | null;
}

export interface CompareOptions {
  /** Smallest relative change (0.05 = 5 %) that counts as a regression or an improvement. */
  threshold: number;
  budgetMs: number;
  resamples?: number;
  /** A seed makes the bootstrap repeatable. */
  seed?: number;
}

/** A small, seedable generator (mulberry32): the same seed gives the same verdict. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_POINTS = 8000;

/** Keeps the time order but thins a long series to every k-th point. */
function thin(values: readonly number[]): number[] {
  if (values.length <= MAX_POINTS) return [...values];
  const step = values.length / MAX_POINTS;
  return Array.from({ length: MAX_POINTS }, (_, i) => values[Math.floor(i * step)]!);
}

function blockResample(series: readonly number[], rand: () => number, out: Float64Array): Float64Array {
  const n = series.length;
  const block = Math.max(1, Math.round(Math.cbrt(n) * 2));
  let k = 0;
  while (k < n) {
    const start = Math.floor(rand() * (n - block + 1));
    for (let j = 0; j < block && k < n; j++) out[k++] = series[start + j]!;
  }
  return out.sort();
}

interface Stat {
  metric: MetricDelta['metric'];
  of(sorted: Float64Array): number;
  relative: boolean;
}

export function comparePaths(a: readonly number[], b: readonly number[], options: CompareOptions): { deltas: MetricDelta[]; verdict: Verdict; reason: string } {
  if (a.length < 20 || b.length < 20) {
    return { deltas: [], verdict: 'not comparable', reason: `Too few inferences to compare (${a.length} and ${b.length}; at least 20 each are needed).` };
  }
  const sa = thin(a);
  const sb = thin(b);
  const stats: Stat[] = [
    { metric: 'p50', of: (s) => quantileSorted(s, 0.5)!, relative: true },
    { metric: 'p90', of: (s) => quantileSorted(s, 0.9)!, relative: true },
    { metric: 'p99', of: (s) => quantileSorted(s, 0.99)!, relative: true },
    { metric: 'budget share', of: (s) => shareAtOrBelow(s, options.budgetMs * 1000)! * 100, relative: false },
  ];
  const rand = random(options.seed ?? 1);
  const B = options.resamples ?? 400;
  const bufA = new Float64Array(sa.length);
  const bufB = new Float64Array(sb.length);
  const samples = stats.map(() => new Float64Array(B));
  for (let i = 0; i < B; i++) {
    const ra = blockResample(sa, rand, bufA);
    const rb = blockResample(sb, rand, bufB);
    stats.forEach((s, k) => {
      const x = s.of(ra);
      const y = s.of(rb);
      samples[k]![i] = s.relative ? (y - x) / x : y - x;
    });
  }
  const sortedA = Float64Array.from(sa).sort();
  const sortedB = Float64Array.from(sb).sort();
  const deltas = stats.map((s, k): MetricDelta => {
    const x = s.of(sortedA);
    const y = s.of(sortedB);
    const dist = samples[k]!.sort();
    return {
      metric: s.metric,
      unit: s.relative ? 'µs' : '%',
      a: x,
      b: y,
      change: s.relative ? (y - x) / x : y - x,
      low: quantileSorted(dist, 0.025)!,
      high: quantileSorted(dist, 0.975)!,
    };
  });
  // The verdict follows the median: the figure least moved by outliers.
  const p50 = deltas[0]!;
  const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;
  if (p50.low > options.threshold) {
    return { deltas, verdict: 'regressed', reason: `The median latency rose by ${pct(p50.change)} (95 % interval ${pct(p50.low)} to ${pct(p50.high)}), beyond the ${pct(options.threshold)} threshold.` };
  }
  if (p50.high < -options.threshold) {
    return { deltas, verdict: 'improved', reason: `The median latency fell by ${pct(-p50.change)} (95 % interval ${pct(-p50.high)} to ${pct(-p50.low)}), beyond the ${pct(options.threshold)} threshold.` };
  }
  return { deltas, verdict: 'no significant change', reason: `The median latency changed by ${pct(p50.change)} (95 % interval ${pct(p50.low)} to ${pct(p50.high)}), within the ${pct(options.threshold)} threshold or the noise.` };
}

export function compareSessions(a: SessionData, b: SessionData, options: CompareOptions): PathComparison[] {
  const paths = [...new Set([...Object.keys(a.points), ...Object.keys(b.points)])] as PathId[];
  const budget = { kind: 'ms' as const, ms: options.budgetMs };
  const ea = analyzeSession(a, { budget, appOverheadMs: 0 });
  const eb = analyzeSession(b, { budget, appOverheadMs: 0 });
  return paths.map((path) => {
    const r = comparePaths(a.points[path]?.latUs ?? [], b.points[path]?.latUs ?? [], options);
    const x = ea.paths.find((p) => p.path === path)?.energy;
    const y = eb.paths.find((p) => p.path === path)?.energy;
    const energy =
      x?.available && y?.available ? { aMj: x.joulesPerInference * 1000, bMj: y.joulesPerInference * 1000, change: (y.joulesPerInference - x.joulesPerInference) / x.joulesPerInference } : null;
    return { path, ...r, energy };
  });
}
