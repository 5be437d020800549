// One run of the simulated TFLite benchmark tool, shared by the CLI binary and the benchmark APK: the real
// sequence (benchmark-tools.md §2.3) of parameters, model load, delegate application, init, warm-up and timed
// loops with the tool's own loop condition, the summary and memory lines, and op-profiling tables. It lives in
// real time: every modelled latency is slept through. With debug.tflite.trace=1 at interpreter creation (and
// no op profiler), each inference's ATrace sections go to the tracing service when the process may trace.
import { TfliteFormatError } from '../../../../../shared/formats/tflite/errors.js';
import type { TfliteModel } from '../../../../../shared/formats/tflite/model.js';
import { readTfliteModel } from '../../../../../shared/formats/tflite/reader.js';
import { PhoneFsError } from '../../fs/errno.js';
import type { PhoneCredentials, Vfs } from '../../fs/vfs.js';
import type { CompiledPlan, DeviceModel, InferenceTiming, LoadHandle } from '../../model/device-model.js';
import { type PathRequest, nnapiDeviceNames, nnapiTarget } from '../../model/placement.js';
import type { PhoneProperties } from '../../phone/properties.js';
import type { AtracePrint, TracedProcess, TracingService } from '../perfetto/tracing-service.js';
import { cppNumber } from './cpp-format.js';
import { appliedVerdict, delegateApplication, delegateCreated, delegateFailure } from './delegate-lines.js';
import { BenchmarkFlagError, type BenchmarkParams, boolParam, numberParam, parameterLines, parseBenchmarkFlags, stringParam } from './flags.js';
import { StepProfile, profileBlock } from './op-profile.js';
import { RunStats } from './run-stats.js';
import type { BenchmarkLog } from './tool-log.js';

export const BENCHMARK_FAILED = 'Benchmarking failed.';

export interface BenchmarkHost {
  readonly model: DeviceModel;
  readonly tracing: TracingService;
  readonly properties: PhoneProperties;
  readonly vfs: Vfs;
  readonly sdk: number;
}

export interface BenchmarkInvocation {
  readonly args: readonly string[];
  readonly log: BenchmarkLog;
  readonly process: TracedProcess;
  readonly credentials: PhoneCredentials;
  readonly cwd: string;
  /** Abortable sleep of the running process. */
  readonly sleep: (ms: number) => Promise<void>;
  /** The benchmark APK runs as a foreground app; the CLI is shell-started. */
  readonly foregroundApp: boolean;
}

/** Sleep once the schedule runs this far ahead of the clock (timers are ~1 ms coarse). */
const PACE_AHEAD_MS = 2;
/** ResetInputsAndOutputs and the loop's own work between two Invokes, µs. */
const BETWEEN_RUNS_US = 6;

/** Runs the tool; resolves with its exit status. */
export async function runBenchmarkModel(host: BenchmarkHost, run: BenchmarkInvocation): Promise<number> {
  const { log } = run;
  const fail = async (...errors: string[]): Promise<number> => {
    for (const error of errors) await log.tool('ERROR', error);
    await log.tool('ERROR', BENCHMARK_FAILED);
    return 1;
  };
  await log.tool('INFO', 'STARTING!');
  let params: BenchmarkParams;
  try {
    params = parseBenchmarkFlags(run.args);
  } catch (error) {
    if (error instanceof BenchmarkFlagError) return fail(error.message);
    throw error;
  }
  if (params.unconsumed.length > 0) await log.tool('WARN', `Unconsumed cmdline flags: ${params.unconsumed.join(' ')}`);
  for (const line of parameterLines(params, nnapiDeviceNames(host.model.hardware))) await log.tool('INFO', line);

  const graph = stringParam(params, 'graph');
  if (graph === '') return fail('Please specify the name of your TF Lite input file with --graph');
  let model: TfliteModel;
  try {
    model = readTfliteModel(host.vfs.readFile(graph, { cwd: run.cwd, cred: run.credentials }));
  } catch (error) {
    if (error instanceof PhoneFsError) await log.runtime('ERROR', `Could not open '${graph}'.`);
    else if (error instanceof TfliteFormatError) await log.runtime('ERROR', 'The model is not a valid Flatbuffer buffer');
    else throw error;
    return fail(`Failed to load model ${graph}`);
  }
  await log.tool('INFO', `Loaded model ${graph}`);
  await log.runtime('INFO', 'Initialized TensorFlow Lite runtime.');
  const profiling = boolParam(params, 'enable_op_profiling');
  // The ATrace profiler is installed when the interpreter is built, and only when no other profiler replaces it.
  const tracingOn = host.properties.get('debug.tflite.trace') === '1' && !profiling;

  const request = pathRequest(params);
  const threads = numberParam(params, 'num_threads');
  const plan = host.model.compile(model, request, threads > 0 ? threads : 1, host.sdk);
  const delegate = plan.placement.delegate;
  const subgraphName = model.subgraphs[0]?.name ?? null;
  if (delegate !== null) {
    if (delegate.kind !== 'xnnpack' || (request.kind === 'cpu' && request.xnnpack === 'explicit')) {
      await delegateCreated(log, delegate.kind, delegate.provider);
    } else {
      await log.runtime('INFO', 'Created TensorFlow Lite XNNPACK delegate for CPU.');
    }
    if (request.kind === 'nnapi' && nnapiTarget(host.model.hardware, request.accelerator) === null) {
      const names = nnapiDeviceNames(host.model.hardware).join(',');
      await delegateFailure(log, 'NNAPI', delegate.kernelName, -1, [
        `Could not find the specified NNAPI accelerator: ${request.accelerator ?? ''}. Must be one of: {${names}}.`,
      ]);
      return fail();
    }
    await delegateApplication(log, delegate, subgraphName);
    if (delegate.kind === 'gpu' && host.model.hardware.gpu.delegateUnavailable !== undefined && delegate.delegatedCount > 0) {
      await delegateFailure(log, 'GPU', delegate.kernelName, delegate.nodeCount, []);
      return fail();
    }
    if (delegate.kind !== 'xnnpack' || (request.kind === 'cpu' && request.xnnpack === 'explicit')) {
      if (boolParam(params, 'require_full_delegation') && delegate.delegatedCount < delegate.nodeCount) {
        return fail('Disallowed CPU fallback detected.');
      }
      await log.tool('INFO', appliedVerdict(delegate));
    }
  }

  const load = host.model.addLoad();
  try {
    return await timedPart(host, run, params, plan, load, tracingOn, profiling);
  } finally {
    load.end(host.model.horizonNs);
  }
}

function pathRequest(params: BenchmarkParams): PathRequest {
  const accelerator = params.delegateOrder.find((d) => d === 'use_gpu' || d === 'use_nnapi');
  if (accelerator === 'use_gpu') return { kind: 'gpu' };
  if (accelerator === 'use_nnapi') {
    const name = stringParam(params, 'nnapi_accelerator_name');
    return { kind: 'nnapi', accelerator: name === '' ? null : name };
  }
  if (!params.given.has('use_xnnpack')) return { kind: 'cpu', xnnpack: 'default' };
  return { kind: 'cpu', xnnpack: boolParam(params, 'use_xnnpack') ? 'explicit' : 'off' };
}

async function timedPart(
  host: BenchmarkHost,
  run: BenchmarkInvocation,
  params: BenchmarkParams,
  plan: CompiledPlan,
  load: LoadHandle,
  tracingOn: boolean,
  profiling: boolean,
): Promise<number> {
  const { log, process } = run;
  const model = host.model;
  // Init: model load, kernel preparation, delegate compilation, on one busy core.
  let t = Math.max(model.nowNs(), model.horizonNs);
  load.set({ cpuThreads: 1, gpu: 0, npu: 0, extraW: 0 }, t);
  const initUs = plan.initUs * (0.95 + 0.1 * model.random());
  t += initUs * 1e3;
  load.set(model.toolIdleUse, t);
  await pace(run, model, t, 0);
  await log.tool('INFO', `The input model file size (MB): ${cppNumber(plan.model.summary.fileBytes / 1048576)}`);
  await log.tool('INFO', `Initialized session in ${cppNumber(initUs / 1e3)}ms.`);

  const maxSecs = numberParam(params, 'max_secs');
  const runDelayS = numberParam(params, 'run_delay');
  const runFrequency = numberParam(params, 'run_frequency');
  const stepProfile = profiling ? new StepProfile(plan.placement.steps.length) : null;
  const prints = atraceTexts(plan, process.pid);
  let first = true;
  const loop = async (kind: 'warmup' | 'regular', minRuns: number, minSecs: number): Promise<RunStats> => {
    await log.tool('INFO', `Running benchmark for at least ${minRuns} iterations and at least ${cppNumber(minSecs)} seconds but terminate if exceeding ${cppNumber(maxSecs)} seconds.`);
    const stats = new RunStats();
    let now = Math.max(t, model.nowNs());
    const minFinish = now + minSecs * 1e9;
    const maxFinish = now + maxSecs * 1e9;
    const gapNs = runFrequency > 0 ? 1e9 / runFrequency : runDelayS > 0 ? runDelayS * 1e9 : 0;
    let nextFinish = now + gapNs;
    for (let index = 0; (index < minRuns || now < minFinish) && now <= maxFinish; index++) {
      const traced = tracingOn && host.tracing.appTracingEnabled(process);
      const timing = model.runInference(
        plan,
        now + BETWEEN_RUNS_US * 1e3,
        { pid: process.pid, kind, index, first, traced, profiled: profiling, foregroundApp: run.foregroundApp },
        load,
      );
      first = false;
      load.set(model.toolIdleUse, timing.endNs);
      if (traced) host.tracing.emit(process, atracePrints(prints, timing, process.pid));
      const latencyUs = (timing.endNs - timing.beginNs) / 1e3;
      stats.add(latencyUs);
      if (kind === 'regular' && stepProfile !== null) {
        stepProfile.add(timing.stepBeginNs.map((b, i) => ((timing.stepEndNs[i] ?? b) - b) / 1e3), latencyUs);
      }
      now = timing.endNs;
      if (runFrequency > 0) {
        now = Math.max(now, nextFinish);
        nextFinish += gapNs;
      } else if (gapNs > 0) now += gapNs;
      await pace(run, model, now, PACE_AHEAD_MS);
    }
    t = now;
    await pace(run, model, t, 0);
    await log.tool('INFO', `${stats.format()}\n`);
    return stats;
  };
  const warmup = await loop('warmup', numberParam(params, 'warmup_runs'), numberParam(params, 'warmup_min_secs'));
  const regular = await loop('regular', numberParam(params, 'num_runs'), numberParam(params, 'min_secs'));

  const firstUs = warmup.count > 0 ? warmup.first : 0;
  await log.tool(
    'INFO',
    `Inference timings in us: Init: ${Math.round(initUs)}, First inference: ${firstUs}, Warmup (avg): ${cppNumber(warmup.avg)}, Inference (avg): ${cppNumber(regular.avg)}`,
  );
  await log.tool(
    'INFO',
    'Note: as the benchmark tool itself affects memory footprint, the following is only APPROXIMATE to the actual memory footprint of the model at runtime. Take the information at your discretion.',
  );
  const initMb = plan.model.summary.fileBytes / 1048576 + 2.4 + model.random() * 0.8;
  await log.tool('INFO', `Memory footprint delta from the start of the tool (MB): init=${cppNumber(initMb)} overall=${cppNumber(initMb + 0.3 + model.random() * 0.4)}`);
  if (stepProfile !== null) await printProfile(log, plan, initUs, stepProfile);
  return 0;
}

/** Sleeps until the clock is within `aheadMs` of the schedule. */
async function pace(run: BenchmarkInvocation, model: DeviceModel, scheduleNs: number, aheadMs: number): Promise<void> {
  const ahead = (scheduleNs - model.nowNs()) / 1e6;
  if (ahead > aheadMs) await run.sleep(ahead);
}

interface AtraceTexts {
  readonly invoke: string;
  readonly steps: readonly string[];
  readonly end: string;
}

/**
 * What TFLite's ATrace profiler writes to trace_marker (the kernel adds the newline): `Invoke@0/0` around the
 * inference, `<op>@<node>/<subgraph>` around each step. Made once per run, shared by every inference's prints.
 */
function atraceTexts(plan: CompiledPlan, pid: number): AtraceTexts {
  return {
    invoke: `B|${pid}|Invoke@0/0\n`,
    steps: plan.placement.steps.map((step) => `B|${pid}|${step.name}@${step.nodeIndex}/0\n`),
    end: `E|${pid}\n`,
  };
}

function atracePrints(texts: AtraceTexts, timing: InferenceTiming, tid: number): AtracePrint[] {
  const prints: AtracePrint[] = [{ tsNs: timing.beginNs, tid, buf: texts.invoke }];
  texts.steps.forEach((buf, i) => {
    prints.push({ tsNs: timing.stepBeginNs[i] ?? timing.beginNs, tid, buf });
    prints.push({ tsNs: timing.stepEndNs[i] ?? timing.endNs, tid, buf: texts.end });
  });
  prints.push({ tsNs: timing.endNs, tid, buf: texts.end });
  return prints;
}

async function printProfile(log: BenchmarkLog, plan: CompiledPlan, initUs: number, steps: StepProfile): Promise<void> {
  const initRuns = new RunStats();
  initRuns.add(initUs);
  const modify = plan.placement.delegate === null ? 0 : initUs * 0.8;
  const allocate = initUs - modify;
  const init = [
    ...(modify > 0 ? [{ type: 'ModifyGraphWithDelegate', name: 'ModifyGraphWithDelegate/0', firstMs: modify / 1000, avgMs: modify / 1000, memKb: 0, timesCalled: 1 }] : []),
    { type: 'AllocateTensors', name: 'AllocateTensors/0', firstMs: allocate / 1000, avgMs: allocate / 1000, memKb: 0, timesCalled: 1 },
  ];
  await log.tool('INFO', profileBlock('Profiling Info for Benchmark Initialization', init, initRuns));
  const nodes = plan.placement.steps.map((step, i) => ({
    type: step.name,
    name: `[${step.outputs.join(', ')}]:${step.nodeIndex}`,
    firstMs: steps.firstMs(i),
    avgMs: steps.avgMs(i),
    memKb: 0,
    timesCalled: 1,
  }));
  await log.tool('INFO', profileBlock('Operator-wise Profiling Info for Regular Benchmark Runs', nodes, steps.runs));
}
