// The one entry point for "what is this text?": `tetherscope parse FILE [--kind K] --json`
// and opening a tool's output as a read-only session summary both go through here.
import { Kind } from '../../shared/tool-output/kinds.js';
import type { ParseResult } from '../../shared/tool-output/parse-result.js';
import { decodeToolOutput } from '../parsing/decode-text.js';
import { splitLines } from '../parsing/lines.js';
import { logcatShare } from '../parsing/logcat-line.js';
import { guarded, unknownResult } from '../parsing/unknown.js';
import { parseBattery } from '../telemetry/parsers/battery.js';
import { parseGetprop } from '../telemetry/parsers/getprop.js';
import { parsePowerSupply } from '../telemetry/parsers/power-supply.js';
import { parseThermalZones } from '../telemetry/parsers/thermal-zones.js';
import { parseThermalservice } from '../telemetry/parsers/thermalservice.js';
import { detectKind } from './detect-kind.js';
import { parseInferenceDiff } from './inference-diff/inference-diff-parser.js';
import { parseOrtPerfTest } from './ort/perf-test-parser.js';
import { parseOrtProfile } from './ort/profile-parser.js';
import { parseBenchmarkModel } from './tflite/benchmark-model-parser.js';
import { findBenchmarkPid, parseBenchmarkLogcat } from './tflite/logcat.js';

export type { ParseResult } from '../../shared/tool-output/parse-result.js';
export { Kind, KINDS, isKind } from '../../shared/tool-output/kinds.js';
export { decodeToolOutput } from '../parsing/decode-text.js';

/** CLI output, or the benchmark APK's logcat filtered to the latest benchmark run's pid. */
export function parseBenchmarkOutput(text: string): ParseResult {
  if (logcatShare(splitLines(text)) >= 0.5) return parseBenchmarkLogcat(text, findBenchmarkPid(text));
  return parseBenchmarkModel(text);
}

const PARSERS: Readonly<Record<Exclude<Kind, 'unknown'>, (text: string) => ParseResult>> = {
  [Kind.BenchmarkModel]: parseBenchmarkOutput,
  [Kind.InferenceDiff]: parseInferenceDiff,
  [Kind.OrtPerfTest]: parseOrtPerfTest,
  [Kind.OrtProfile]: parseOrtProfile,
  [Kind.Thermalservice]: parseThermalservice,
  [Kind.Battery]: parseBattery,
  [Kind.Getprop]: parseGetprop,
  [Kind.PowerSupply]: parsePowerSupply,
  [Kind.ThermalZones]: parseThermalZones,
};

/**
 * Parses the output of any tool Tetherscope reads. With `kind` the text is read as that
 * kind; without it (or with `unknown`) the kind is detected. Never throws; anything not
 * recognised comes back as `{ kind: 'unknown', reason }`. The result is plain JSON.
 */
export function parseToolOutput(text: string, kind?: Kind): ParseResult {
  return guarded((): ParseResult => {
    if (typeof text !== 'string') return unknownResult('There is nothing to parse: the input is not text.');
    if (kind !== undefined && kind !== Kind.Unknown) {
      const parse = PARSERS[kind] as ((text: string) => ParseResult) | undefined;
      return parse === undefined ? unknownResult(`"${String(kind)}" is not a kind of tool output.`) : parse(text);
    }
    const detection = detectKind(text);
    let first: ParseResult | null = null;
    for (const candidate of detection.candidates) {
      if (candidate === Kind.Unknown) continue;
      const result = PARSERS[candidate](text);
      if (result.kind !== Kind.Unknown) return result;
      first ??= result;
    }
    return first ?? unknownResult(detection.reason);
  });
}

/** For a saved file: decodes UTF-8 or UTF-16 (PowerShell redirections), then parses. */
export function parseToolOutputBytes(bytes: Uint8Array, kind?: Kind): ParseResult {
  return guarded(() => parseToolOutput(decodeToolOutput(bytes), kind));
}

