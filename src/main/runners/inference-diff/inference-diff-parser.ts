// TFLite `inference_diff` (run_eval) output, benchmark-tools.md §6. Lines may carry an
// `INFO: ` prefix (new builds), a glog/absl prefix (evaluation stages) or a logcat header.
import type { InferenceDiffResult, OutputDiff } from '../../../shared/tool-output/inference-diff.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseLogcatLine } from '../../parsing/logcat-line.js';
import { NUM, parseInteger, parseNumber } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';
import { stripToolPrefixes } from '../tflite/line-prefixes.js';

const RUNS = /^Num evaluation runs: (\d{1,15})$/;
const LATENCY = new RegExp(String.raw`^(Reference|Test) run latency: avg=${NUM}\(us\), std_dev=${NUM}\(us\)$`);
const OUTPUT_DIFF = new RegExp(String.raw`^OutputDiff\[(\d{1,15})\]: avg_error=${NUM}, std_dev=${NUM}$`);
const FAILURE = /^(?:TFLite interpreter failed to invoke at run \d+|Unsupported TFLite delegate: .*|Could not .*|Failed .*)$/;
const STAGE_LINE = /^(?:Reference interpreter \(1 thread on CPU\) has been initialized\.|Test interpreter has been initialized\.)$/;

interface Latency {
  avg: number | null;
  std: number | null;
}

export function parseInferenceDiff(text: string): InferenceDiffResult | UnknownResult {
  return guarded(() => {
    let recognised = 0;
    let runs: number | null = null;
    const reference: Latency = { avg: null, std: null };
    const test: Latency = { avg: null, std: null };
    const diffs = new Map<number, OutputDiff>();
    const failures: string[] = [];
    for (const raw of splitLines(text)) {
      if (raw.length > MAX_LINE_LENGTH) continue;
      const message = parseLogcatLine(raw)?.message ?? raw;
      const line = stripToolPrefixes(message).text.trim();
      let m: RegExpExecArray | null;
      if ((m = RUNS.exec(line))) {
        runs = parseInteger(m[1]);
      } else if ((m = LATENCY.exec(line))) {
        const which = m[1] === 'Reference' ? reference : test;
        which.avg = parseNumber(m[2]);
        which.std = parseNumber(m[3]);
      } else if ((m = OUTPUT_DIFF.exec(line))) {
        const index = Number(m[1]);
        diffs.set(index, { index, avg_error: parseNumber(m[2]), std_dev: parseNumber(m[3]) });
      } else if (STAGE_LINE.test(line)) {
        // Recognised, nothing to keep.
      } else if (FAILURE.test(line)) {
        if (failures.length < 200 && !failures.includes(line)) failures.push(line);
        continue;
      } else {
        continue;
      }
      recognised++;
    }
    if (recognised === 0) return unknownResult('No line of this text is output of the TFLite inference_diff tool.');
    return {
      kind: 'inference_diff',
      runs,
      reference_avg_us: reference.avg,
      reference_std_us: reference.std,
      test_avg_us: test.avg,
      test_std_us: test.std,
      output_diffs: [...diffs.values()].sort((a, b) => a.index - b.index),
      failures,
    };
  });
}
