// `onnxruntime_perf_test` console output (benchmark-tools.md §7.2, §7.5), every format from
// the 2020 one without spaces after the colon to today's, plus `result_file` rows (§7.3).
import type {
  OrtCapability,
  OrtPerfTestResult,
  OrtPlacement,
} from '../../../shared/tool-output/ort.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseLogcatLine } from '../../parsing/logcat-line.js';
import { NUM, parseNumber, scale } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

const re = (source: string): RegExp => new RegExp(source);

const NUMERIC_FIELDS = [
  'avg_ms',
  'first_inference_ms',
  'min_ms',
  'max_ms',
  'p50_ms',
  'p90_ms',
  'p95_ms',
  'p99_ms',
  'p999_ms',
  'session_creation_s',
  'total_inference_s',
  'total_run_time_s',
  'inferences_per_second',
  'avg_cpu_percent',
  'peak_working_set_bytes',
  'intra_op_threads',
  'requests',
  'runs',
] as const;
type NumericField = (typeof NUMERIC_FIELDS)[number];

/** Lines holding one number each, in the order the tool prints them. */
const NUMERIC_LINES: readonly (readonly [RegExp, NumericField])[] = [
  [re(String.raw`^Session creation time cost: ?${NUM} ?s$`), 'session_creation_s'],
  [re(String.raw`^First inference time cost: ?${NUM} ?ms$`), 'first_inference_ms'],
  [re(String.raw`^Total inference time cost: ?${NUM} ?s$`), 'total_inference_s'],
  [/^Total inference requests: ?(\d{1,15})$/, 'requests'],
  [re(String.raw`^Average inference time cost(?: total)?: ?${NUM} ?ms$`), 'avg_ms'],
  [re(String.raw`^Total inference run time: ?${NUM} ?s$`), 'total_run_time_s'],
  [re(String.raw`^Number of inferences per second: ?${NUM}$`), 'inferences_per_second'],
  [/^(?:Avg|Total) CPU usage: ?(\d{1,15})(?: ?%)?$/, 'avg_cpu_percent'],
  [/^Peak working set size: ?(\d{1,15})(?: bytes)?$/, 'peak_working_set_bytes'],
  [/^Runs: ?(\d{1,15})$/, 'runs'],
  [/^Setting intra_op_num_threads to (\d{1,15})$/, 'intra_op_threads'],
];

const Line = {
  // `P50 Latency: 0.0123 s`; the 2019 README wording was `P50 Latency is 0.0123sec`.
  latency: re(String.raw`^(Min|Max|P50|P90|P95|P99|P999) Latency(?::| is) ?${NUM} ?(?:s|sec)$`),
  // `model,seconds,peak_bytes,cpu%,run` per timed run; the model name (a folder name) has a letter.
  resultRow: re(String.raw`^([^,]*),${NUM},(\d{1,15}),(\d{1,15}),(\d{1,15})$`),
  qnnCapability:
    /Number of partitions supported by QNN EP: (\d{1,15}), number of nodes in the graph: (\d{1,15}), number of nodes supported by QNN: (\d{1,15})/,
  nnapiCapability:
    /NnapiExecutionProvider::GetCapability, number of partitions supported by NNAPI: (\d{1,15}),? number of nodes in the graph: (\d{1,15}),? number of nodes supported by NNAPI: (\d{1,15})/,
  placement: /^(?:All nodes|Node\(s\)) placed on \[(\w+)\]\. Number of nodes: (\d{1,15})$/,
} as const;

/** `2024-01-02 10:11:12.1234567 [W:onnxruntime:log, file.cc:12 Func] msg`, with or without the time. */
const ORT_LOGGER = /^(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+ )?\[([VIWEF]):onnxruntime:[^,\]]*(?:, [^\]]*)?\] ?(.*)$/;
const FAILURE = /^(?:Error|ERROR|Failed|failed|terminate called|what\(\):|Exception)\b/;

const LATENCY_FIELD: Readonly<Record<string, NumericField>> = {
  Min: 'min_ms',
  Max: 'max_ms',
  P50: 'p50_ms',
  P90: 'p90_ms',
  P95: 'p95_ms',
  P99: 'p99_ms',
  P999: 'p999_ms',
};

interface Message {
  readonly text: string;
  readonly isError: boolean;
}

function messageOf(raw: string): Message {
  let text = raw.trim();
  let isError = false;
  const logcat = parseLogcatLine(text);
  if (logcat !== null) {
    text = logcat.message.trim();
    isError = logcat.priority === 'E' || logcat.priority === 'F';
  }
  const logger = ORT_LOGGER.exec(text);
  if (logger) {
    isError = logger[1] === 'E' || logger[1] === 'F';
    text = (logger[2] ?? '').trim();
  }
  return { text, isError };
}

export function parseOrtPerfTest(text: string): OrtPerfTestResult | UnknownResult {
  return guarded(() => {
    let recognised = 0;
    const fields = Object.fromEntries(NUMERIC_FIELDS.map((field) => [field, null])) as Record<NumericField, number | null>;
    const runLatencies: number[] = [];
    const capabilities: OrtCapability[] = [];
    const placements: OrtPlacement[] = [];
    const failures: string[] = [];

    for (const raw of splitLines(text)) {
      if (raw.length > MAX_LINE_LENGTH) continue;
      const { text: line, isError } = messageOf(raw);
      if (line === '') continue;
      const numeric = NUMERIC_LINES.find(([pattern]) => pattern.test(line));
      let m: RegExpExecArray | null;
      if (numeric !== undefined) {
        const [pattern, field] = numeric;
        fields[field] = parseNumber(pattern.exec(line)?.[1]);
      } else if ((m = Line.latency.exec(line))) {
        const field = LATENCY_FIELD[m[1] ?? ''];
        if (field !== undefined) fields[field] = scale(parseNumber(m[2]), 1000);
      } else if ((m = Line.resultRow.exec(line)) && /[A-Za-z_]/.test(m[1] ?? '')) {
        const seconds = parseNumber(m[2]);
        if (seconds === null) continue;
        runLatencies.push(scale(seconds, 1000) ?? 0);
      } else if ((m = Line.qnnCapability.exec(line) ?? Line.nnapiCapability.exec(line))) {
        capabilities.push({
          provider: line.includes('QNN') ? 'QNNExecutionProvider' : 'NnapiExecutionProvider',
          partitions: Number(m[1]),
          nodes_total: Number(m[2]),
          nodes_supported: Number(m[3]),
        });
      } else if ((m = Line.placement.exec(line))) {
        placements.push({ provider: m[1] ?? '', nodes: Number(m[2]) });
      } else {
        if ((isError || FAILURE.test(line)) && failures.length < 200 && !failures.includes(line)) failures.push(line);
        continue;
      }
      recognised++;
    }
    if (recognised === 0) return unknownResult('No line of this text is output of onnxruntime_perf_test.');
    return {
      kind: 'ort_perf_test',
      avg_ms: fields.avg_ms ?? meanOf(runLatencies),
      runs: fields.runs ?? fields.requests ?? (runLatencies.length > 0 ? runLatencies.length : null),
      first_inference_ms: fields.first_inference_ms,
      min_ms: fields.min_ms,
      max_ms: fields.max_ms,
      p50_ms: fields.p50_ms,
      p90_ms: fields.p90_ms,
      p95_ms: fields.p95_ms,
      p99_ms: fields.p99_ms,
      p999_ms: fields.p999_ms,
      session_creation_s: fields.session_creation_s,
      total_inference_s: fields.total_inference_s,
      total_run_time_s: fields.total_run_time_s,
      inferences_per_second: fields.inferences_per_second,
      avg_cpu_percent: fields.avg_cpu_percent,
      peak_working_set_bytes: fields.peak_working_set_bytes,
      intra_op_threads: fields.intra_op_threads,
      run_latencies_ms: runLatencies,
      capabilities,
      placements,
      failures,
    };
  });
}

function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Number((values.reduce((sum, v) => sum + v, 0) / values.length).toPrecision(12));
}
