// A line-by-line parser for benchmark_model output of every era (benchmark-tools.md §2):
// feed it lines as they arrive (live capture) or a whole text, then ask for the result.
import {
  BenchmarkStatus,
  type BenchmarkModelResult,
  type BenchmarkParam,
  type UnsupportedOp,
} from '../../../shared/tool-output/benchmark-model.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseInteger, parseNumber } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';
import { BENCHMARK_FAILED, BenchmarkLine, FAILURE_LINES } from './benchmark-model-lines.js';
import { DelegateTracker } from './delegate-tracker.js';
import { Severity, stripToolPrefixes, type ToolLine } from './line-prefixes.js';
import { OpProfileCollector } from './op-profile-collector.js';
import { fallbackOpsOf, placementOf } from './profile-placement.js';
import { RunTimings } from './run-timings.js';

export interface BenchmarkModelParser {
  /** One line of output (a chunk holding several lines is split). */
  feed(line: string): void;
  result(): BenchmarkModelResult | UnknownResult;
}

export interface BenchmarkLineSource {
  readonly source: 'cli' | 'logcat';
  readonly pid: number | null;
}

/** Feeds already de-prefixed lines; the logcat reader uses it after taking the logcat header off. */
export interface ToolLineSink {
  feedToolLine(line: ToolLine, severityIsTrusted: boolean): void;
  result(): BenchmarkModelResult | UnknownResult;
}

const MAX_MESSAGES = 200;

/** Lines that name this tool even on their own (params are too generic otherwise). */
const DISTINCTIVE_PARAMS = new Set(['Graph', 'Log parameter values verbosely', 'Min num runs', 'Num runs']);

class BenchmarkModelState implements ToolLineSink {
  readonly #source: BenchmarkLineSource;
  #recognised = 0;

  readonly #timings = new RunTimings();
  readonly #profile = new OpProfileCollector();
  #benchmarkFailed = false;
  #hexagonUnavailable = false;

  readonly #delegates = new DelegateTracker();
  #inGpuReport = false;
  readonly #unsupported: UnsupportedOp[] = [];
  readonly #failures: string[] = [];
  readonly #warnings: string[] = [];

  #modelPath: string | null = null;
  #toolVersion: string | null = null;
  #nnapiAccelerators: string[] | null = null;
  readonly #params: BenchmarkParam[] = [];
  #modelSizeMb: number | null = null;
  #initSessionMs: number | null = null;
  #memoryInitMb: number | null = null;
  #memoryOverallMb: number | null = null;
  #memoryPeakMb: number | null = null;

  constructor(source: BenchmarkLineSource) {
    this.#source = source;
  }

  feedToolLine(line: ToolLine, severityIsTrusted: boolean): void {
    const { text } = line;
    if (text.length > MAX_LINE_LENGTH) return;
    if (this.#inGpuReport && this.#gpuReportLine(line)) return;
    if (this.#profile.inTable && this.#profile.tableLine(text)) {
      this.#recognised++;
      return;
    }
    if (this.#matchLine(text)) {
      this.#recognised++;
      return;
    }
    if (this.#paramLine(text)) return;
    if (!severityIsTrusted || text.trim() === '') return;
    if (line.severity === Severity.Error || line.severity === Severity.Fatal) addMessage(this.#failures, text.trim());
    else if (line.severity === Severity.Warning) addMessage(this.#warnings, text.trim());
  }

  /** Returns true when the line belonged to the GPU delegate's unsupported-op report. */
  #gpuReportLine(line: ToolLine): boolean {
    if (!line.prefixed) {
      const count = BenchmarkLine.gpuReportCount.exec(line.text);
      if (count) {
        this.#gpuCount(count);
        this.#inGpuReport = false;
        this.#recognised++;
        return true;
      }
      const op = BenchmarkLine.gpuReportOp.exec(line.text);
      const reason = op?.[2]?.trim() ?? '';
      if (op?.[1] !== undefined && !/^\[.*\]$/.test(reason)) {
        const entry = { op: op[1], reason: reason === '' ? null : reason };
        if (!this.#unsupported.some((u) => u.op === entry.op && u.reason === entry.reason)) this.#unsupported.push(entry);
        this.#recognised++;
        return true;
      }
    }
    this.#inGpuReport = false;
    return false;
  }

  #gpuCount(match: RegExpExecArray): void {
    const [, onGpu, remaining, allOnCpu, firstOnGpu, firstRemaining] = match;
    if (onGpu !== undefined) this.#delegates.gpuReport(Number(onGpu), Number(remaining));
    else if (allOnCpu !== undefined) this.#delegates.gpuReport(0, Number(allOnCpu));
    else if (firstOnGpu !== undefined) this.#delegates.gpuReport(Number(firstOnGpu), Number(firstRemaining));
  }

  /** Returns true when the line was recognised. */
  #matchLine(text: string): boolean {
    if (text === '') return false;
    return (
      this.#timings.line(text) ||
      this.#runLine(text) ||
      this.#delegateLine(text) ||
      this.#profile.line(text) ||
      this.#factLine(text) ||
      this.#failureLine(text)
    );
  }

  #runLine(text: string): boolean {
    if (text === 'STARTING!') return true;
    if (text !== BENCHMARK_FAILED) return false;
    this.#benchmarkFailed = true;
    addMessage(this.#failures, text);
    return true;
  }

  #delegateLine(text: string): boolean {
    let m: RegExpExecArray | null;
    if (text.startsWith('Replacing ') && (m = BenchmarkLine.replacing.exec(text))) {
      const [, delegated, total, kernel, partitions, subgraph] = m;
      if (kernel === undefined) return false;
      this.#delegates.replaced(kernel, subgraph ?? '', {
        delegated: Number(delegated),
        total: parseInteger(total),
        partitions: parseInteger(partitions),
      });
      return true;
    }
    if (text.startsWith('Explicitly applied ') && (m = BenchmarkLine.applied.exec(text))) {
      this.#delegates.applied(m[1] ?? '', m[2] === 'completely', parseInteger(m[3]));
      return true;
    }
    if (text.startsWith('Though ') && (m = BenchmarkLine.notExecuted.exec(text))) {
      this.#delegates.notExecuted(m[1] ?? '');
      return true;
    }
    if (text.startsWith('Failed to apply ') && (m = BenchmarkLine.failedToApply.exec(text))) {
      this.#delegates.failed(m[1] ?? '');
      addMessage(this.#failures, text);
      return true;
    }
    if (text.startsWith('Created ')) {
      if ((m = BenchmarkLine.runtimeDelegateCreated.exec(text))) {
        this.#delegates.created(providerName(m[1] ?? m[2] ?? ''));
        return true;
      }
      if ((m = BenchmarkLine.gpuKernels.exec(text))) {
        this.#delegates.gpuKernels(Number(m[1]));
        return true;
      }
      return false;
    }
    if (text.endsWith(' delegate created.') && (m = BenchmarkLine.delegateCreated.exec(text))) {
      this.#delegates.created(providerName(m[1] ?? ''));
      return true;
    }
    if (text.includes(' nodes delegated out of ') && (m = BenchmarkLine.simpleDelegate.exec(text))) {
      const [, kernel, delegated, total, partitions] = m;
      this.#delegates.simpleDelegateReport(kernel ?? '', {
        delegated: Number(delegated),
        total: parseInteger(total),
        partitions: parseInteger(partitions),
      });
      return true;
    }
    if (BenchmarkLine.gpuReportHeader.test(text)) {
      this.#inGpuReport = true;
      return true;
    }
    if (text.includes(' on the CPU') && (m = BenchmarkLine.gpuReportCount.exec(text))) {
      this.#gpuCount(m);
      return true;
    }
    if (BenchmarkLine.hexagonUnavailable.test(text)) {
      this.#hexagonUnavailable = true;
      addMessage(this.#failures, text);
      return true;
    }
    return false;
  }

  #factLine(text: string): boolean {
    let m: RegExpExecArray | null;
    if ((m = BenchmarkLine.loadedModel.exec(text))) {
      this.#modelPath = m[1] ?? null;
      return true;
    }
    if ((m = BenchmarkLine.modelSize.exec(text))) {
      this.#modelSizeMb = parseNumber(m[1]);
      return true;
    }
    if ((m = BenchmarkLine.initSession.exec(text))) {
      this.#initSessionMs = parseNumber(m[1]);
      return true;
    }
    if ((m = BenchmarkLine.memoryDelta.exec(text))) {
      this.#memoryInitMb = parseNumber(m[1]);
      this.#memoryOverallMb = parseNumber(m[2]);
      return true;
    }
    if ((m = BenchmarkLine.memoryPeak.exec(text))) {
      this.#memoryPeakMb = parseNumber(m[1]);
      return true;
    }
    if ((m = BenchmarkLine.nnapiAccelerators.exec(text))) {
      this.#nnapiAccelerators = (m[1] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
      return true;
    }
    if ((m = BenchmarkLine.toolVersion.exec(text))) {
      this.#toolVersion = m[1]?.trim() ?? null;
      return true;
    }
    return text.startsWith('Note: as the benchmark tool itself affects memory footprint');
  }

  /** `Description: [value]` (old: `Description : [value]`); checked after every other pattern. */
  #paramLine(text: string): boolean {
    const m = BenchmarkLine.param.exec(text);
    if (!m) return false;
    const name = m[1] ?? '';
    const value = m[2] ?? '';
    if (this.#params.length < MAX_MESSAGES) this.#params.push({ name, value });
    if (name === 'Graph') this.#modelPath ??= value;
    // Most params are common words in brackets; only a few say "this is benchmark_model".
    if (DISTINCTIVE_PARAMS.has(name)) this.#recognised++;
    return true;
  }

  #failureLine(text: string): boolean {
    if (!FAILURE_LINES.some((pattern) => pattern.test(text))) return false;
    addMessage(this.#failures, text);
    return true;
  }

  result(): BenchmarkModelResult | UnknownResult {
    if (this.#recognised <= 0) {
      return unknownResult('No line of this text is output of the TFLite benchmark_model tool.');
    }
    const { completed, ...timings } = this.#timings.timings(this.#initSessionMs);
    const status = this.#benchmarkFailed
      ? BenchmarkStatus.Failed
      : completed
        ? BenchmarkStatus.Completed
        : BenchmarkStatus.Incomplete;
    const profile = this.#profile.profile();
    const placement = placementOf(profile, this.#delegates.kernelNames());
    for (const { kernel, partitions } of placement.kernels) this.#delegates.profiled(kernel, partitions, placement.cpuOpsBeside);
    const delegation = this.#delegates.delegation(status === BenchmarkStatus.Completed, this.#hexagonUnavailable);
    return {
      kind: 'benchmark_model',
      source: this.#source.source,
      pid: this.#source.pid,
      status,
      ...timings,
      delegates: this.#delegates.reports(),
      delegation,
      unsupported_ops: [...this.#unsupported],
      fallback_ops: fallbackOpsOf(profile, this.#delegates.kernelNames(), delegation !== null),
      failures: [...this.#failures],
      warnings: [...this.#warnings],
      op_profile: [...profile.entries],
      op_profile_source: profile.source,
      op_profile_layout: profile.layout,
      profiled_runs: profile.profiledRuns,
      model_path: this.#modelPath,
      tool_version: this.#toolVersion,
      nnapi_accelerators: this.#nnapiAccelerators === null ? null : [...this.#nnapiAccelerators],
      params: [...this.#params],
      model_size_mb: this.#modelSizeMb,
      init_session_ms: this.#initSessionMs,
      memory_init_mb: this.#memoryInitMb,
      memory_overall_mb: this.#memoryOverallMb,
      memory_peak_mb: this.#memoryPeakMb,
    };
  }
}

function providerName(printed: string): string {
  if (printed === 'select TF ops') return 'Flex';
  return printed.replace(/ \(async\)$/, '');
}

function addMessage(list: string[], message: string): void {
  if (list.length < MAX_MESSAGES && !list.includes(message)) list.push(message);
}

/** The state behind both the CLI and the logcat parser. */
export function createToolLineSink(source: BenchmarkLineSource): ToolLineSink {
  const state = new BenchmarkModelState(source);
  return {
    feedToolLine: (line, trusted) => state.feedToolLine(line, trusted),
    result: () => guarded(() => state.result()),
  };
}

/** Incremental parser for the CLI's merged stdout+stderr. */
export function createBenchmarkModelParser(): BenchmarkModelParser {
  const sink = createToolLineSink({ source: 'cli', pid: null });
  return {
    feed(line: string): void {
      try {
        for (const one of splitLines(line)) sink.feedToolLine(stripToolPrefixes(one), true);
      } catch {
        // A line that trips the parser is skipped; the result still holds everything else.
      }
    },
    result: () => sink.result(),
  };
}

export function parseBenchmarkModel(text: string): BenchmarkModelResult | UnknownResult {
  return guarded(() => {
    const parser = createBenchmarkModelParser();
    parser.feed(text);
    return parser.result();
  });
}
