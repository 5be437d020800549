// The benchmark APK writes only to logcat (tags `tflite`, `tflite_BenchmarkModelActivity`).
// Its lines are filtered to one process and their messages go through the same parser as
// the CLI's output.
import type { BenchmarkModelResult } from '../../../shared/tool-output/benchmark-model.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { splitLines } from '../../parsing/lines.js';
import { parseLogcatLine, type LogPriority } from '../../parsing/logcat-line.js';
import { guarded } from '../../parsing/unknown.js';
import { createToolLineSink, type BenchmarkModelParser } from './benchmark-model-parser.js';
import { Severity, stripToolPrefixes } from './line-prefixes.js';

const SEVERITY_BY_PRIORITY: Readonly<Record<LogPriority, Severity | null>> = {
  V: Severity.Verbose,
  D: Severity.Debug,
  I: Severity.Info,
  W: Severity.Warning,
  E: Severity.Error,
  F: Severity.Fatal,
  S: null,
};

export function isTfliteTag(tag: string): boolean {
  return tag.startsWith('tflite');
}

/** Messages only the benchmark tool prints (other apps' TFLite runtimes log under `tflite` too). */
const BENCHMARK_MARKER =
  /^(?:STARTING!|Log parameter values verbosely|Graph: \[|Loaded model |Running benchmark for at least|count=|Inference timings in us|Average inference timings in us|Benchmarking failed)/;

/** Pids of benchmark runs in the text, in the order the runs started. */
export function findBenchmarkPids(text: string): number[] {
  const pids: number[] = [];
  const anyTflite: number[] = [];
  for (const line of splitLines(text)) {
    const entry = parseLogcatLine(line);
    if (entry === null || entry.pid === null || !isTfliteTag(entry.tag)) continue;
    if (!anyTflite.includes(entry.pid)) anyTflite.push(entry.pid);
    const isMarker =
      entry.tag === 'tflite_BenchmarkModelActivity' || BENCHMARK_MARKER.test(stripToolPrefixes(entry.message).text);
    if (isMarker && !pids.includes(entry.pid)) pids.push(entry.pid);
  }
  return pids.length > 0 ? pids : anyTflite;
}

/** The latest benchmark run's pid (stale runs stay in logcat unless it was cleared). */
export function findBenchmarkPid(text: string): number | null {
  const pids = findBenchmarkPids(text);
  return pids[pids.length - 1] ?? null;
}

/** Incremental parser for logcat lines of one process; `pid: null` keeps every process. */
export function createBenchmarkLogcatParser(pid: number | null): BenchmarkModelParser {
  const sink = createToolLineSink({ source: 'logcat', pid });
  return {
    feed(line: string): void {
      try {
        for (const one of splitLines(line)) {
          const entry = parseLogcatLine(one);
          if (entry === null || (pid !== null && entry.pid !== pid)) continue;
          const trusted = isTfliteTag(entry.tag);
          sink.feedToolLine(stripToolPrefixes(entry.message, SEVERITY_BY_PRIORITY[entry.priority]), trusted);
        }
      } catch {
        // A line that trips the parser is skipped; the result still holds everything else.
      }
    },
    result: () => sink.result(),
  };
}

export function parseBenchmarkLogcat(text: string, pid: number | null): BenchmarkModelResult | UnknownResult {
  return guarded(() => {
    const parser = createBenchmarkLogcatParser(pid);
    parser.feed(text);
    return parser.result();
  });
}
