// Per-inference points from an on-phone trace: one `Invoke@…` slice of the TFLite ATrace
// profiler per inference (warm-up runs included), on the phone's BOOTTIME clock.

export interface InvokeSlice {
  startNs: bigint;
  durNs: bigint;
}

export interface TracePoints {
  /** Every inference the trace holds, in time order. */
  invokes: InvokeSlice[];
  /** Events the trace says it lost (buffer overruns), when it says. */
  lostEvents: number;
}

export interface PathPointSplit {
  warmup: { tUs: number[]; latUs: number[] };
  timed: { tUs: number[]; latUs: number[] };
  /** The tool's timed count minus the slices found; > 0 means the trace lost inferences. */
  missing: number;
  /** Why the split could not follow the tool's counts, when it could not. */
  note: string | null;
}

/**
 * Splits a pass's Invoke slices into warm-up and timed runs using the tool's own counts:
 * the first `warmupCount` slices are warm-up, the rest are the timed runs.
 */
export function splitInvokes(invokes: readonly InvokeSlice[], warmupCount: number | null, timedCount: number | null, originBootNs: bigint): PathPointSplit {
  const toUs = (ns: bigint): number => Number(ns - originBootNs) / 1000;
  const warmup = { tUs: [] as number[], latUs: [] as number[] };
  const timed = { tUs: [] as number[], latUs: [] as number[] };
  let note: string | null = null;
  const w = warmupCount ?? 0;
  let skip = 0;
  if (warmupCount === null) note = "The tool's warm-up count was not printed; every traced inference is counted as timed.";
  if (timedCount !== null && warmupCount !== null && invokes.length > warmupCount + timedCount) {
    skip = invokes.length - warmupCount - timedCount;
    note = `The trace holds ${skip} more inferences than the tool ran; the earliest were left out as not part of this run.`;
  }
  invokes.slice(skip).forEach((s, i) => {
    const target = i < w ? warmup : timed;
    target.tUs.push(toUs(s.startNs));
    target.latUs.push(Number(s.durNs) / 1000);
  });
  const missing = timedCount === null ? 0 : Math.max(0, timedCount - timed.tUs.length);
  return { warmup, timed, missing, note };
}
