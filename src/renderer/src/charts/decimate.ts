// Min–max decimation for display: of the points in each pixel column, keep the lowest
// and the highest. A line or a scatter drawn from them looks like the full series at that
// width (every spike survives), and each kept point is a real point, so hovering it
// shows its true value. Exports never go through here.

/** First index whose x is ≥ value (x ascending). */
export function lowerBound(x: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose x is > value (x ascending). */
export function upperBound(x: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indices (ascending) of the points to draw for x in [from, to] split into `columns`
 * columns: per column the point with the smallest y and the one with the largest y, plus
 * the nearest point beyond each edge, so a line runs off the plot instead of stopping
 * short. With no more than two points per column on average, every point is kept.
 * `x` must be ascending; non-finite y values are never chosen as a column's extreme.
 */
export function decimateMinMax(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number, columns: number): Uint32Array {
  const n = Math.min(x.length, y.length);
  const lo = lowerBound(x, from);
  const hi = Math.min(upperBound(x, to), n);
  const start = lo > 0 ? lo - 1 : 0;
  const end = hi < n ? hi + 1 : n;
  const cols = Math.max(1, Math.floor(columns));
  if (end <= start) return new Uint32Array(0);
  if (end - start <= cols * 2 || !(to > from)) {
    const all = new Uint32Array(end - start);
    for (let i = 0; i < all.length; i++) all[i] = start + i;
    return all;
  }
  const out = new Uint32Array(cols * 2 + 2);
  let k = 0;
  if (start < lo) out[k++] = start;
  const perColumn = cols / (to - from);
  let column = -1;
  let minI = -1;
  let maxI = -1;
  const flush = (): void => {
    if (minI < 0) return;
    if (minI === maxI) out[k++] = minI;
    else if (minI < maxI) {
      out[k++] = minI;
      out[k++] = maxI;
    } else {
      out[k++] = maxI;
      out[k++] = minI;
    }
  };
  for (let i = lo; i < hi; i++) {
    const c = Math.min(cols - 1, Math.floor((x[i]! - from) * perColumn));
    if (c !== column) {
      flush();
      column = c;
      minI = -1;
      maxI = -1;
    }
    const v = y[i]!;
    if (!Number.isFinite(v)) continue;
    if (minI < 0 || v < y[minI]!) minI = i;
    if (maxI < 0 || v > y[maxI]!) maxI = i;
  }
  flush();
  if (end > hi) out[k++] = hi;
  return out.subarray(0, k);
}

/** The values at the given indices, scaled (µs → s, µs → ms, kHz → MHz). */
export function pick(values: ArrayLike<number>, indices: Uint32Array, scale = 1): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]!]! * scale;
  return out;
}
