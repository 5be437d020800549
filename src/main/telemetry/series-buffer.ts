// One telemetry series while a capture runs: the points not yet emitted, its latest point,
// and (for the series the analysis averages) the recent points.
import type { SessionSeriesRecord } from '../../shared/session/records.js';

/**
 * The raw readings kept in memory serve the update-rate estimate and the idle baselines,
 * which need only the last minutes: a long run must not grow them without end (the session
 * file has every reading).
 */
export const KEEP_READINGS = 6000;

/** Whether parallel arrays of this length should drop their oldest KEEP_READINGS. */
export const isFull = (length: number): boolean => length >= 2 * KEEP_READINGS;

export function dropOldest(...arrays: unknown[][]): void {
  for (const a of arrays) a.splice(0, KEEP_READINGS);
}

export type SeriesMeta = Omit<SessionSeriesRecord, 'r' | 'id' | 'updateHz'>;

export class SeriesBuffer {
  /** Points since the last flush: µs rounded to whole µs, values to 0.001. */
  pendingUs: number[] = [];
  pendingV: number[] = [];
  /** The latest point, unrounded; NaN before the first. */
  latestUs = Number.NaN;
  latestV = Number.NaN;
  /** The series record as declared, once the first point came. */
  declared: SessionSeriesRecord | null = null;
  /** Recent points, for series whose means are asked for; null for the others. */
  readonly kept: { tUs: number[]; v: number[] } | null;

  constructor(
    readonly id: string,
    readonly meta: SeriesMeta,
    keep: boolean,
  ) {
    this.kept = keep ? { tUs: [], v: [] } : null;
  }

  get hasPoint(): boolean {
    return !Number.isNaN(this.latestUs);
  }

  push(tUs: number, v: number): void {
    this.pendingUs.push(Math.round(tUs));
    this.pendingV.push(Math.round(v * 1000) / 1000);
    this.latestUs = tUs;
    this.latestV = v;
    if (this.kept) {
      this.kept.tUs.push(tUs);
      this.kept.v.push(v);
      if (isFull(this.kept.tUs.length)) dropOldest(this.kept.tUs, this.kept.v);
    }
  }

  /** The pending points, handed over; null when there are none. */
  take(): { tUs: number[]; v: number[] } | null {
    if (this.pendingUs.length === 0) return null;
    const taken = { tUs: this.pendingUs, v: this.pendingV };
    this.pendingUs = [];
    this.pendingV = [];
    return taken;
  }

  /** Mean of the kept points within [fromUs, toUs]; null without any. */
  meanOver(fromUs: number, toUs: number): number | null {
    if (!this.kept) return null;
    const { tUs, v } = this.kept;
    let sum = 0;
    let n = 0;
    for (let i = tUs.length - 1; i >= 0; i--) {
      const t = tUs[i]!;
      if (t < fromUs) break;
      if (t <= toUs) {
        sum += v[i]!;
        n++;
      }
    }
    return n > 0 ? sum / n : null;
  }
}
