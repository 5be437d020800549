// Guesses which tool printed a text by counting the lines that only that tool prints.
import { Kind } from '../../shared/tool-output/kinds.js';
import { MAX_LINE_LENGTH, splitLines } from '../parsing/lines.js';
import { logcatShare, parseLogcatLine } from '../parsing/logcat-line.js';
import { stripToolPrefixes } from './tflite/line-prefixes.js';

type LineKind = Exclude<Kind, 'unknown' | 'ort_profile'>;

const SIGNATURES: readonly (readonly [LineKind, RegExp])[] = [
  [
    Kind.BenchmarkModel,
    /^(?:STARTING!$|Inference timings in us: |Average inference timings in us: |Running benchmark for at least \d|count=\d+(?: |$)|Initialized session in |Loaded model |The input model file size|Explicitly applied \S+ delegate|Though \S+ delegate is explicitly applied|Replacing \d+ (?:out of \d+ )?node\(s\) with delegate|(?:Operator-wise )?Profiling Info for |=+ (?:Run Order|Top by Computation Time|Summary by node type) =+$|Benchmarking failed\.|(?:Following|Next) operations are not supported by GPU delegate|Log parameter values verbosely|NNAPI accelerators available|Created TensorFlow Lite (?:XNNPACK )?delegate|\S+ delegate created\.$|Timings \(microseconds\): count=|Peak memory footprint \(MB\)|Memory footprint delta from the start|Going to apply \d+ delegates|\t\s*\[node type\]|node type, (?:start, )?first, avg_ms)/,
  ],
  [Kind.InferenceDiff, /^(?:Num evaluation runs: \d|(?:Reference|Test) run latency: avg=|OutputDiff\[\d+\]: avg_error=)/],
  [
    Kind.OrtPerfTest,
    /^(?:Session creation time cost:|First inference time cost:|Total inference time cost:|Total inference requests:|Average inference time cost|Total inference run time:|Number of inferences per second:|(?:Min|Max|P50|P90|P95|P99|P999) Latency(?::| is)|Runs: ?\d+$|Peak working set size:|Setting intra_op_num_threads)/,
  ],
  [
    Kind.Thermalservice,
    /^\s*(?:Temperature\{mValue=|CoolingDevice\{mValue=|TemperatureThreshold\{mType=|Thermal Status: -?\d|Cached temperatures:|Current temperatures from HAL:|Current cooling devices from HAL:|HAL Ready: |IsStatusOverride: |ThermalEventListeners:|ThermalStatusListeners:|Name: .*, Type: -?\d+, Status: -?\d+, Value: )/,
  ],
  [
    Kind.Battery,
    /^\s*(?:Current Battery Service state:|(?:AC|USB|Wireless|Dock) powered: (?:true|false)|Max charging (?:current|voltage): |Charge counter: |(?:health|level|scale|voltage|temperature): -?\d+\s*$|present: (?:true|false)|technology: |Charging (?:state|policy): |Capacity level: )/,
  ],
  [Kind.Getprop, /^\s*\[[^\]]+\]: \[.*\]\s*$/],
  [
    Kind.PowerSupply,
    /^\s*(?:POWER_SUPPLY_[A-Z0-9_]+=|(?:NAME|STATUS|CURRENT_NOW|CURRENT_AVG|VOLTAGE_NOW|VOLTAGE_MAX|CAPACITY|TEMP|CHARGE_COUNTER|CHARGE_FULL|HEALTH|PRESENT|TECHNOLOGY|CYCLE_COUNT|CHARGE_TYPE|ONLINE)=|\/sys\/class\/power_supply\/[^/\s]+\/\w+:)/,
  ],
  [Kind.ThermalZones, /thermal_zone(?:\d+|\*)|\*\/(?:type|temp)\b/],
];

const BARE_INTEGER = /^\s*-?\d{1,12}\s*$/;
const ORT_PROFILE_MARKERS = /"(?:model_run|session_initialization|model_loading_uri)"|_kernel_time"/;

export interface Detection {
  /** Kinds whose lines were found, most lines first. */
  readonly candidates: readonly Kind[];
  /** Why nothing was found, in plain words (when `candidates` is empty). */
  readonly reason: string;
}

export function detectKind(text: string): Detection {
  const trimmed = text.trim();
  if (trimmed === '') return { candidates: [], reason: 'The text is empty.' };
  if ((trimmed.startsWith('[{') || trimmed.startsWith('[\n') || trimmed.startsWith('{')) && ORT_PROFILE_MARKERS.test(trimmed)) {
    return { candidates: [Kind.OrtProfile], reason: '' };
  }

  const lines = splitLines(text).filter((line) => line.length <= MAX_LINE_LENGTH);
  const isLogcat = logcatShare(lines) >= 0.5;
  const scores = new Map<Kind, number>();
  let nonBlank = 0;
  let bareIntegers = 0;
  for (const raw of lines) {
    if (raw.trim() === '') continue;
    nonBlank++;
    if (BARE_INTEGER.test(raw)) bareIntegers++;
    const message = isLogcat ? (parseLogcatLine(raw)?.message ?? raw) : raw;
    const line = stripToolPrefixes(message).text;
    for (const [kind, signature] of SIGNATURES) {
      if (signature.test(line) || (line !== raw && signature.test(raw))) scores.set(kind, (scores.get(kind) ?? 0) + 1);
    }
  }
  // `cat thermal_zone*/temp` pasted without its command line is a column of integers.
  if (scores.size === 0 && nonBlank >= 2 && bareIntegers === nonBlank) scores.set(Kind.ThermalZones, 1);

  // Ties go to the kind listed first in SIGNATURES (the more specific formats).
  const order = SIGNATURES.map(([kind]) => kind as Kind);
  const candidates = [...scores]
    .sort(([a, sa], [b, sb]) => sb - sa || order.indexOf(a) - order.indexOf(b))
    .map(([kind]) => kind);
  return {
    candidates,
    reason:
      candidates.length > 0
        ? ''
        : 'No line looks like output of a tool Tetherscope reads: benchmark_model (CLI or logcat), inference_diff, ' +
          'onnxruntime_perf_test or its JSON profile, dumpsys thermalservice, dumpsys battery, getprop, ' +
          'a power-supply uevent or a thermal-zone listing.',
  };
}
