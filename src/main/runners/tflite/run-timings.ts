// The timing lines of a benchmark_model run: the `Running benchmark…` + `count=` pairs
// (warm-up, then timed runs), the summary line of either era and LiteRT's results block.
import type { RunStats } from '../../../shared/tool-output/benchmark-model.js';
import { parseInteger, parseNumber, scale } from '../../parsing/numbers.js';
import { BenchmarkLine } from './benchmark-model-lines.js';
import { averageOf, firstOf, parseCountLine } from './run-stats.js';

interface Summary {
  readonly format: 'current' | 'legacy';
  readonly initUs: number | null;
  readonly firstUs: number | null;
  readonly warmupAvgUs: number | null;
  readonly inferenceAvgUs: number | null;
}

interface LitertResults {
  initMs: number | null;
  firstMs: number | null;
  warmupAvgMs: number | null;
  inferenceAvgMs: number | null;
  inferenceRuns: number | null;
}

export interface Timings {
  readonly completed: boolean;
  readonly summary_format: 'current' | 'legacy' | 'litert' | null;
  readonly init_us: number | null;
  readonly first_inference_us: number | null;
  readonly warmup_avg_us: number | null;
  readonly inference_avg_us: number | null;
  readonly inference_count: number | null;
  readonly warmup: RunStats | null;
  readonly inference: RunStats | null;
}

type Slot = 'warmup' | 'regular';

export class RunTimings {
  #runningSeen = 0;
  #pendingSlot: Slot | null = null;
  /** Every `count=` line in order, with the slot its "Running benchmark" line gave it (if any). */
  readonly #counts: { readonly stats: RunStats; readonly slot: Slot | null }[] = [];
  #summary: Summary | null = null;
  readonly #litert: LitertResults = { initMs: null, firstMs: null, warmupAvgMs: null, inferenceAvgMs: null, inferenceRuns: null };

  /** Returns true when the line was a timing line. */
  line(text: string): boolean {
    if (text.startsWith('count=')) return this.#countLine(text);
    if (text.startsWith('Running benchmark')) {
      if (!BenchmarkLine.running.test(text)) return false;
      // A paste that starts at the warm-up's count= line has only the timed runs' "Running" line.
      const warmupCountSeen = this.#runningSeen === 0 && this.#counts.length > 0;
      this.#runningSeen++;
      this.#pendingSlot = this.#runningSeen === 1 && !warmupCountSeen ? 'warmup' : 'regular';
      return true;
    }
    let m: RegExpExecArray | null;
    if (text.startsWith('Inference timings') && (m = BenchmarkLine.summaryCurrent.exec(text))) {
      this.#summary = {
        format: 'current',
        initUs: parseNumber(m[1]),
        firstUs: parseNumber(m[2]),
        warmupAvgUs: parseNumber(m[3]),
        inferenceAvgUs: parseNumber(m[4]),
      };
      return true;
    }
    if (text.startsWith('Average inference timings') && (m = BenchmarkLine.summaryLegacy.exec(text))) {
      this.#summary = {
        format: 'legacy',
        initUs: parseNumber(m[2]),
        firstUs: null,
        warmupAvgUs: parseNumber(m[1]),
        inferenceAvgUs: parseNumber(m[3]),
      };
      return true;
    }
    return this.#litertLine(text);
  }

  #countLine(text: string): boolean {
    const stats = parseCountLine(text);
    if (stats === null) return false;
    this.#counts.push({ stats, slot: this.#pendingSlot });
    this.#pendingSlot = null;
    return true;
  }

  #litertLine(text: string): boolean {
    const m = BenchmarkLine.litertResult.exec(text);
    if (!m) return false;
    const value = parseNumber(m[2]);
    switch (m[1]) {
      case 'Model initialization':
        this.#litert.initMs = value;
        break;
      case 'Warmup (first)':
        this.#litert.firstMs = value;
        break;
      case 'Warmup (avg)':
        this.#litert.warmupAvgMs = value;
        break;
      default:
        this.#litert.inferenceAvgMs = value;
        this.#litert.inferenceRuns = parseInteger(m[3]);
    }
    return true;
  }

  /** `initSessionMs` ("Initialized session in X ms") stands in for a missing summary's Init. */
  timings(initSessionMs: number | null): Timings {
    const summary = this.#summary;
    const litert = this.#litert;
    const { warmup, regular } = this.#reconciledStats();
    return {
      completed: summary !== null || litert.inferenceAvgMs !== null,
      summary_format: summary?.format ?? (litert.inferenceAvgMs !== null ? 'litert' : null),
      init_us: summary?.initUs ?? roundUs(scale(initSessionMs, 1000)) ?? roundUs(scale(litert.initMs, 1000)),
      first_inference_us: summary?.firstUs ?? firstOf(warmup) ?? roundUs(scale(litert.firstMs, 1000)),
      warmup_avg_us: summary?.warmupAvgUs ?? averageOf(warmup) ?? scale(litert.warmupAvgMs, 1000),
      inference_avg_us: summary?.inferenceAvgUs ?? averageOf(regular) ?? scale(litert.inferenceAvgMs, 1000),
      inference_count: regular?.count ?? litert.inferenceRuns,
      warmup,
      inference: regular,
    };
  }

  /**
   * Warm-up and timed stats are told apart by the "Running benchmark" lines before them.
   * Pastes often start later (tail only); then the summary's averages say which is which,
   * or, without a summary, the order: the timed runs' line comes last.
   */
  #reconciledStats(): { warmup: RunStats | null; regular: RunStats | null } {
    const all = this.#counts.map((c) => c.stats);
    const lastIn = (slot: Slot): RunStats | null => this.#counts.findLast((c) => c.slot === slot)?.stats ?? null;
    const summary = this.#summary;
    if (summary !== null) {
      // The timed runs come after the warm-up, so the last match is theirs.
      const regular = all.findLast((s) => sameValue(averageOf(s), summary.inferenceAvgUs)) ?? lastIn('regular');
      const slotted = lastIn('warmup');
      const warmup =
        all.find((s) => s !== regular && sameValue(averageOf(s), summary.warmupAvgUs)) ?? (slotted === regular ? null : slotted);
      return { warmup, regular };
    }
    const orphans = this.#counts.filter((c) => c.slot === null).map((c) => c.stats);
    const regular = lastIn('regular') ?? orphans[orphans.length - 1] ?? null;
    const warmup = lastIn('warmup') ?? all.filter((s) => s !== regular)[0] ?? null;
    return { warmup, regular };
  }
}

function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return false;
  return Math.abs(a - b) <= 1e-5 * Math.max(Math.abs(a), Math.abs(b), 1);
}

function roundUs(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
