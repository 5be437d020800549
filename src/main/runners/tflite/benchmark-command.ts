// Command lines for the TFLite benchmark tool in its two flavours: the CLI binary (output
// on stdout and stderr) and the benchmark APK (one `--es args` string, output in logcat).
// The APK splits that string on whitespace, so every flag value is held to a safe set.
import type { PathPlan } from '../../../shared/api-schemas.js';
import { shQuote } from '../../devices/android/shell.js';
import { BENCHMARK_APK_ACTIVITY } from '../../capture/phone-layout.js';

export class UnsafeFlagValueError extends Error {
  override readonly name = 'UnsafeFlagValueError';
}

const SAFE_FLAG_VALUE = /^[A-Za-z0-9._:/,+=-]+$/;

export function safeFlag(name: string, value: string | number | boolean): string {
  const text = String(value);
  if (!/^[a-z_]+$/.test(name)) throw new UnsafeFlagValueError(`"${name}" is not a benchmark flag name.`);
  if (!SAFE_FLAG_VALUE.test(text)) {
    throw new UnsafeFlagValueError(`The value "${text}" for --${name} holds characters the benchmark tool cannot take (only letters, digits and . _ : / , + = - are allowed).`);
  }
  return `--${name}=${text}`;
}

export interface BenchmarkRunOptions {
  modelPathOnPhone: string;
  path: PathPlan;
  runs: number | null;
  durationS: number | null;
  warmupRuns: number;
  threads: number;
  opProfiling: boolean;
}

/** What each path means to the tool (DESIGN.md, "Runners"). */
export function pathFlags(path: PathPlan): string[] {
  switch (path.path) {
    case 'cpu':
      return [safeFlag('use_xnnpack', true)];
    case 'gpu':
      return [safeFlag('use_gpu', true)];
    case 'npu':
      return [safeFlag('use_nnapi', true), ...(path.acceleratorName ? [safeFlag('nnapi_accelerator_name', path.acceleratorName)] : [])];
  }
}

export function benchmarkFlags(options: BenchmarkRunOptions): string[] {
  if ((options.runs === null) === (options.durationS === null)) throw new RangeError('Give either runs or a duration');
  const flags = [safeFlag('graph', options.modelPathOnPhone), safeFlag('num_threads', options.threads), ...pathFlags(options.path)];
  // Exactly the asked warm-up runs: the tool otherwise also runs for warmup_min_secs (0.5 s).
  flags.push(safeFlag('warmup_runs', options.warmupRuns), safeFlag('warmup_min_secs', 0));
  if (options.runs !== null) {
    // Exactly N timed runs: min_secs would add more, max_secs (150 s by default) would cut them.
    flags.push(safeFlag('num_runs', options.runs), safeFlag('min_secs', 0), safeFlag('max_secs', 86400));
  } else {
    flags.push(safeFlag('num_runs', 1), safeFlag('min_secs', options.durationS!), safeFlag('max_secs', options.durationS!));
  }
  if (options.opProfiling) flags.push(safeFlag('enable_op_profiling', true));
  return flags;
}

/** The CLI binary, stdout and stderr merged (the tool splits its lines between them). */
export function cliCommand(binaryOnPhone: string, flags: readonly string[]): string {
  return `${shQuote(binaryOnPhone)} ${flags.map(shQuote).join(' ')} 2>&1`;
}

/**
 * The APK: `am start -S` restarts the activity, `-W` waits for it to launch. Its output
 * goes to logcat under the tag `tflite`; the caller reads it there.
 */
export function apkCommand(flags: readonly string[]): string {
  return `am start -S -W -n ${BENCHMARK_APK_ACTIVITY} --es args ${shQuote(flags.join(' '))}`;
}
