// The timeline's scales: where each lane's axis starts and ends, and how much room the
// legend needs. Scales step in round numbers, so a growing session redraws labels rarely.
import type { Lane } from './lanes.js';
import { THERMAL_STATUS_NAMES, thermalLevelNames } from './lanes.js';
import type { Trace } from './plotly.js';

/** The budget line is drawn while it is at most this many times the slowest inference in view. */
export const BUDGET_OFF_SCALE = 4;

/** The next of 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ: a live run's scale steps now and then instead of every frame. */
export function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const step = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * p >= v - 1e-12) ?? 10;
  return step * p;
}

/**
 * The latency lane's scale: up to the slowest timed inference in view (every stall stays
 * visible) or the budget line. A cold first inference can be ten times slower than the
 * rest; it would flatten the lane, so warm-up points above the scale are named instead.
 */
export function latencyTop(data: readonly Trace[], budgetMs: number | null): { top: number; above: string[]; budgetShown: boolean } | null {
  let top = 0;
  for (const t of data) if (t.yaxis === 'y' && t.legendgroup && !t.name?.endsWith('warm-up')) for (let i = 0; i < t.y.length; i++) top = Math.max(top, t.y[i]!);
  if (top === 0) return null;
  // A budget far above every inference would flatten them all to the floor: leave it off the scale and say so.
  const budgetShown = budgetMs !== null && budgetMs <= top * BUDGET_OFF_SCALE;
  top = niceCeiling(Math.max(top, budgetShown ? budgetMs : 0) * 1.05);
  const above: string[] = [];
  for (const t of data) {
    if (!t.name?.endsWith('warm-up')) continue;
    let max = 0;
    for (let i = 0; i < t.y.length; i++) max = Math.max(max, t.y[i]!);
    if (max > top) above.push(`${t.name} up to ${max.toFixed(1)} ms`);
  }
  return { top, above, budgetShown };
}

/**
 * A lane's scale from the data drawn on it, rounded out to steps, so a growing session
 * changes it now and then rather than on every redraw (which would redraw its labels).
 */
export function laneRange(data: readonly Trace[], axis: string): { range: [number, number]; autorange: false } | Record<string, never> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of data) {
    if (t.yaxis !== axis) continue;
    for (let i = 0; i < t.y.length; i++) {
      const v = t.y[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return {};
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.01, 1e-9);
  const step = niceCeiling(hi - lo + 2 * pad) / 10;
  return { range: [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step], autorange: false };
}

export const LEGEND_ROW_PX = 19;

/** How many rows plotly's horizontal legend takes for these traces at this width (an estimate that errs high). */
export function legendRows(data: readonly Trace[], widthPx: number): number {
  let rows = 1;
  let x = 0;
  for (const t of data) {
    if (t.showlegend === false) continue;
    const w = 46 + (t.name?.length ?? 0) * 6.4;
    if (x > 0 && x + w > widthPx) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

/** Status levels 0..3 at least, more when the phone went further. */
export function statusLevels(lane: Lane): number[] {
  let top = 3;
  for (const d of lane.series) for (const v of d.series.v) if (Number.isFinite(v) && v > top) top = Math.round(v);
  const names = lane.series[0] ? thermalLevelNames(lane.series[0].series) : THERMAL_STATUS_NAMES;
  return Array.from({ length: Math.min(top, names.length - 1) + 1 }, (_, k) => k);
}
