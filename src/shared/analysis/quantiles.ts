// Order statistics over latencies. Quantiles interpolate linearly between closest ranks
// (the "R-7" definition numpy and most spreadsheets use by default).

/** Sorts a copy in ascending order; NaN and infinities are dropped. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending values; null when there are none. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (q <= 0) return sorted[0]!;
  if (q >= 1) return sorted[n - 1]!;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const a = sorted[lo]!;
  return frac === 0 ? a : a + (sorted[lo + 1]! - a) * frac;
}

/** Share (0..1) of ascending values at or below the limit; null when there are none. */
export function shareAtOrBelow(sorted: ArrayLike<number>, limit: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo / n;
}
