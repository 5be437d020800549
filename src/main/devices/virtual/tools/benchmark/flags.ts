// benchmark_model's flags (benchmark-tools.md §2.2): `--name=value`, defaults, and the parameter dump it prints
// at start (only the flags given, unless --verbose), in the order LogParams walks them: the run controls,
// the TFLite model's, then each delegate provider's.
import { cppNumber } from './cpp-format.js';

type FlagType = 'int' | 'float' | 'bool' | 'string';

interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  readonly value: number | boolean | string;
  /** What the parameter dump calls it; null when it is not dumped. */
  readonly description: string | null;
}

const flag = (name: string, type: FlagType, value: number | boolean | string, description: string | null): FlagSpec => ({
  name,
  type,
  value,
  description,
});

/** In LogParams order (benchmark_model.cc, benchmark_tflite_model.cc, then the delegate providers). */
const FLAGS: readonly FlagSpec[] = [
  flag('num_runs', 'int', 50, 'Min num runs'),
  flag('min_secs', 'float', 1, 'Min runs duration (seconds)'),
  flag('max_secs', 'float', 150, 'Max runs duration (seconds)'),
  flag('run_delay', 'float', -1, 'Inter-run delay (seconds)'),
  flag('run_frequency', 'float', -1, 'Number of prorated runs per second'),
  flag('num_threads', 'int', -1, 'Num threads'),
  flag('use_caching', 'bool', false, 'Use caching'),
  flag('benchmark_name', 'string', '', 'Benchmark name'),
  flag('output_prefix', 'string', '', 'Output prefix'),
  flag('warmup_runs', 'int', 1, 'Min warmup runs'),
  flag('warmup_min_secs', 'float', 0.5, 'Min warmup runs duration (seconds)'),
  flag('verbose', 'bool', false, null),
  flag('dry_run', 'bool', false, 'Run w/o invoking kernels'),
  flag('report_peak_memory_footprint', 'bool', false, 'Report the peak memory footprint'),
  flag('memory_footprint_check_interval_ms', 'int', 50, 'Memory footprint check interval (ms)'),
  flag('graph', 'string', '', 'Graph'),
  flag('signature_to_run_for', 'string', '', 'Signature to run'),
  flag('allow_fp16', 'bool', false, 'Allow fp16'),
  flag('require_full_delegation', 'bool', false, 'Require full delegation'),
  flag('enable_op_profiling', 'bool', false, 'Enable op profiling'),
  flag('max_profiling_buffer_entries', 'int', 1024, 'Max initial profiling buffer entries'),
  flag('op_profiling_output_mode', 'string', 'stdout', 'Output mode for op profiling results'),
  flag('op_profiling_output_file', 'string', '', 'Output file for op profiling results'),
  flag('num_threads', 'int', -1, '#threads used for CPU inference'),
  flag('max_delegated_partitions', 'int', 0, 'Max number of delegated partitions'),
  flag('min_nodes_per_partition', 'int', 0, 'Min nodes per partition'),
  flag('use_gpu', 'bool', false, 'Use gpu'),
  flag('gpu_precision_loss_allowed', 'bool', true, 'Allow lower precision in gpu'),
  flag('gpu_experimental_enable_quant', 'bool', true, 'Enable running quant models in gpu'),
  flag('gpu_inference_for_sustained_speed', 'bool', false, 'Prefer maximizing the throughput in gpu'),
  flag('gpu_backend', 'string', '', 'GPU backend'),
  flag('use_nnapi', 'bool', false, 'Use NNAPI'),
  flag('nnapi_execution_preference', 'string', '', 'NNAPI execution preference'),
  flag('nnapi_execution_priority', 'string', '', 'Model execution priority in nnapi'),
  flag('nnapi_accelerator_name', 'string', '', 'NNAPI accelerator name'),
  flag('disable_nnapi_cpu', 'bool', true, 'Disable NNAPI cpu'),
  flag('nnapi_allow_fp16', 'bool', false, 'Allow fp16 in NNAPI'),
  flag('use_xnnpack', 'bool', false, 'Use xnnpack'),
  flag('xnnpack_force_fp16', 'bool', false, 'Force fp16 in XNNPACK'),
];

export interface BenchmarkParams {
  readonly values: ReadonlyMap<string, number | boolean | string>;
  /** Flags given on the command line. */
  readonly given: ReadonlySet<string>;
  /** Arguments that are not flags of this tool. */
  readonly unconsumed: readonly string[];
  /** Delegate flags in command-line order (`use_gpu`, `use_nnapi`, `use_xnnpack` set to true). */
  readonly delegateOrder: readonly string[];
}

export class BenchmarkFlagError extends Error {
  override readonly name = 'BenchmarkFlagError';
}

function parseValue(spec: FlagSpec, text: string): number | boolean | string {
  switch (spec.type) {
    case 'bool':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      break;
    case 'int':
      if (/^[-+]?\d+$/.test(text)) return Number(text);
      break;
    case 'float': {
      const value = Number(text);
      if (text.trim() !== '' && Number.isFinite(value)) return value;
      break;
    }
    case 'string':
      return text;
  }
  throw new BenchmarkFlagError(`Couldn't interpret value ${text} for flag ${spec.name}.`);
}

export function parseBenchmarkFlags(args: readonly string[]): BenchmarkParams {
  const values = new Map<string, number | boolean | string>();
  for (const spec of FLAGS) if (!values.has(spec.name)) values.set(spec.name, spec.value);
  const given = new Set<string>();
  const unconsumed: string[] = [];
  const delegateOrder: string[] = [];
  for (const arg of args) {
    const match = /^--([A-Za-z0-9_]+)=(.*)$/s.exec(arg);
    const spec = match === null ? undefined : FLAGS.find((f) => f.name === match[1]);
    if (match === null || spec === undefined) {
      unconsumed.push(arg);
      continue;
    }
    const value = parseValue(spec, match[2] ?? '');
    values.set(spec.name, value);
    given.add(spec.name);
    if (['use_gpu', 'use_nnapi', 'use_xnnpack'].includes(spec.name)) {
      const at = delegateOrder.indexOf(spec.name);
      if (at >= 0) delegateOrder.splice(at, 1);
      if (value === true) delegateOrder.push(spec.name);
    }
  }
  return { values, given, unconsumed, delegateOrder };
}

export const numberParam = (p: BenchmarkParams, name: string): number => {
  const value = p.values.get(name);
  return typeof value === 'number' ? value : 0;
};
export const boolParam = (p: BenchmarkParams, name: string): boolean => p.values.get(name) === true;
export const stringParam = (p: BenchmarkParams, name: string): string => {
  const value = p.values.get(name);
  return typeof value === 'string' ? value : '';
};

function shown(value: number | boolean | string, type: FlagType): string {
  if (type === 'bool') return value === true ? '1' : '0';
  if (type === 'float' && typeof value === 'number') return cppNumber(value);
  return String(value);
}

/** The parameter dump: `Description: [value]`, one per flag given (every flag with --verbose). */
export function parameterLines(p: BenchmarkParams, nnapiDevices: readonly string[]): string[] {
  const verbose = boolParam(p, 'verbose');
  const lines = [`Log parameter values verbosely: [${verbose ? 1 : 0}]`];
  const nnapi = boolParam(p, 'use_nnapi');
  for (const spec of FLAGS) {
    const nnapiOnly = spec.name.startsWith('nnapi_') || spec.name === 'disable_nnapi_cpu';
    if (nnapiOnly && !nnapi) continue;
    if (spec.description !== null && (verbose || p.given.has(spec.name))) {
      lines.push(`${spec.description}: [${shown(p.values.get(spec.name) ?? spec.value, spec.type)}]`);
    }
    // The NNAPI provider lists the devices right after the accelerator name, given or not.
    if (spec.name === 'nnapi_accelerator_name') lines.push(`NNAPI accelerators available: [${nnapiDevices.join(',')}]`);
  }
  return lines;
}
