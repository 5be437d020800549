// Runs a plan on one Android phone and records everything into a session: conditions,
// telemetry, and per path a traced pass (per-inference points), an untraced control pass
// (what tracing costs) and an op-profiling pass (where ops ran). The phone is restored at
// the end, whatever happened; an unplugged phone ends the run with all that was recorded.
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { DeviceTransport, ProfileProgress } from '../../shared/api.js';
import type { PathId } from '../../shared/api-constants.js';
import type { PathPlan, ProfilePlan } from '../../shared/api-schemas.js';
import { SESSION_FORMAT, SESSION_FORMAT_VERSION, type FallbackOp, type PathResult, type SessionHeader, type SessionRecord } from '../../shared/session/records.js';
import type { BenchmarkModelResult } from '../../shared/tool-output/benchmark-model.js';
import type { HostTimeMs } from '../../shared/units.js';
import { predictDelegateSupport } from '../../shared/formats/tflite/delegate-support.js';
import type { AdbkitClient, AdbkitDeviceClient } from '../devices/android/adbkit.js';
import type { AndroidFacts } from '../devices/android/device-facts.js';
import { AndroidDeviceError } from '../devices/android/errors.js';
import { runShell, shQuote } from '../devices/android/shell.js';
import { CaptureCancelled, CaptureProgress, hostNow, openSessionRecorder, sleep, throwIfCancelled, type CaptureEventFn, type CaptureProgressFn } from './capture-common.js';
import { TelemetrySession } from '../telemetry/telemetry-session.js';
import { SAMPLER_PIDFILE, SAMPLER_THERMAL_PIDFILE } from '../telemetry/sampler/sampler-script.js';
import { benchmarkFlags } from '../runners/tflite/benchmark-command.js';
import { applyConditions } from './conditions.js';
import { deployModel, deployRunnerBinary, installBenchmarkApk, prepareFolder, readApkState } from './deploy.js';
import { startDeviceTrace } from './device-trace.js';
import type { ModelFile } from './model-file.js';
import { ledgerAppendScript, ledgerOwner, ledgerPropScript, parseLedger, restoreScript } from './phone-ledger.js';
import { PHONE_DIR, PHONE_LEDGER, phoneTracePath } from './phone-layout.js';
import { chooseFlavour, type FlavourChoice } from './runner-flavour.js';
import { runTool, type ToolRunResult } from './tool-run.js';
import { invokesFromTrace } from './trace-decode.js';
import { splitInvokes } from './trace-points.js';

export interface CaptureDevice {
  serial: string;
  client: AdbkitClient;
  facts: AndroidFacts;
  transport: DeviceTransport;
}

export interface RunnerSettings {
  cliPath: string | null;
  apkPath: string | null;
}

export interface CaptureRequest {
  sessionId: string;
  plan: ProfilePlan;
  model: ModelFile;
  device: CaptureDevice;
  runner: RunnerSettings;
  sessionsDir: string;
  toolVersion: string;
  telemetryRateHz: number;
  /** Longest wait for the phone to cool back to its starting temperature before a path. */
  baselineWaitMaxS: number;
  /** Seconds of idle power measured before each path. */
  idleBaselineS: number;
  controlPass: boolean;
  opProfiling: boolean;
  signal: AbortSignal;
  onRecord: (record: SessionRecord) => void;
  onProgress: (progress: ProfileProgress) => void;
  log: (line: string) => void;
}

export interface CaptureOutcome {
  sessionId: string;
  path: string;
  status: 'complete' | 'cancelled' | 'failed' | 'interrupted';
  message: string | null;
}

const ACCELERATOR_KERNELS = /Nnapi|Gpu|Hexagon|Qnn|Vx|Delegate|LITERT|ML_DRIFT|Dispatch/i;

/** This process, as it signs the phone ledger. */
export const LEDGER_OWNER = { host: hostname().replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 255) || 'host', pid: process.pid };

/** Whether another Tetherscope process that claimed a phone is still running (this process counts as not). */
export function otherOwnerAlive(owner: { host: string; pid: number }): boolean {
  if (owner.host !== LEDGER_OWNER.host) return true; // another computer: assume it is still at work
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Undoes what Tetherscope changed on the phone (found through the ledger and pidfiles).
 * With `ownerBusy`, leaves the phone alone while the process that claimed it is still at work
 * on it (a `tetherscope profile` in a terminal while the window is open).
 */
export async function restorePhone(device: AdbkitDeviceClient, serial: string, full: boolean, ownerBusy?: (owner: { host: string; pid: number }) => boolean): Promise<string[]> {
  const ledger = await runShell(device, serial, `if [ -r ${shQuote(PHONE_LEDGER)} ]; then cat ${shQuote(PHONE_LEDGER)}; fi`, { timeoutMs: 10_000, what: "reading Tetherscope's list of changes" });
  const { entries } = parseLedger(ledger.stdout);
  const owner = ledgerOwner(entries);
  if (ownerBusy && (entries.length === 0 || (owner && ownerBusy(owner)))) return [];
  const script = restoreScript(entries, { full });
  await runShell(device, serial, script, { timeoutMs: 30_000, what: 'restoring the phone' });
  return entries.flatMap((e) => (e.kind === 'owner' ? [] : [e.kind === 'prop' || e.kind === 'setting' || e.kind === 'package' ? `${e.kind} ${e.name}` : `${e.kind} ${e.path}`]));
}

export async function runCapture(req: CaptureRequest): Promise<CaptureOutcome> {
  const { device, plan } = req;
  const adb = device.client.getDevice(device.serial);
  const serial = device.serial;
  const steps = new CaptureProgress(req.sessionId, plan.repeats * plan.paths.length, req.onProgress);
  const progress = steps.report;
  const check = (): void => throwIfCancelled(req.signal);

  // The session's clock origin: BOOTTIME now, whole microseconds.
  const uptime = await runShell(adb, serial, 'read -r up rest </proc/uptime; echo "$up"', { timeoutMs: 10_000, what: "reading the phone's clock" });
  const originBootUs = Math.round(Number(uptime.stdout.trim()) * 1_000_000);
  if (!Number.isFinite(originBootUs)) throw new AndroidDeviceError("The phone's uptime could not be read.");

  const header: SessionHeader = {
    r: 'header',
    format: SESSION_FORMAT,
    version: SESSION_FORMAT_VERSION,
    sessionId: req.sessionId,
    createdAt: hostNow(),
    tool: { name: 'Tetherscope', version: req.toolVersion },
    device: { id: serial, platform: 'android', transport: device.transport, virtual: device.facts.virtual, facts: device.facts.facts, buildType: device.facts.buildType },
    model: { name: req.model.info.name, bytes: req.model.info.bytes, sha256: req.model.info.sha256, format: 'tflite', ops: req.model.info.ops },
    plan,
    deviceClockOriginNs: (BigInt(originBootUs) * 1000n).toString(),
  };
  const recorder = await openSessionRecorder(req.sessionsDir, header, req.onRecord);
  const { emit, event } = recorder;

  let telemetry: TelemetrySession | null = null;
  let status: CaptureOutcome['status'] = 'complete';
  let message: string | null = null;
  try {
    progress(null, 'deploy', 'Cleaning up after any earlier run');
    await restorePhone(adb, serial, false);
    check();
    const target = { device: adb, serial, onProgress: (m: string, f: number) => progress(null, 'deploy', m, f * 0.01) };
    await prepareFolder(target);
    await runShell(adb, serial, ledgerAppendScript({ kind: 'owner', ...LEDGER_OWNER }), { timeoutMs: 10_000, what: 'claiming the phone' });
    const model = await deployModel(target, req.model);
    event('note', model.pushed ? 'The model was copied to the phone.' : 'The model was already on the phone (same sha256); not copied again.');
    check();

    let cliBinary: string | null = null;
    if (req.runner.cliPath) cliBinary = await deployRunnerBinary(target, req.runner.cliPath);
    let apk = await readApkState(target);
    if (!apk.installed && req.runner.apkPath) apk = await installBenchmarkApk(target, req.runner.apkPath);
    const choice = chooseFlavour({
      buildDebuggable: device.facts.debuggable,
      apkInstalled: apk.installed,
      apkDebuggable: apk.debuggable,
      cliAvailable: cliBinary !== null,
      needsCli: false,
    });
    if ('error' in choice) throw new AndroidDeviceError(choice.error);
    event('note', `${choice.flavour === 'apk' ? 'Benchmark app' : 'benchmark_model binary'}: ${choice.reason}`);
    check();

    const applied = await applyConditions(adb, serial);
    telemetry = new TelemetrySession({
      device: adb,
      serial,
      sources: device.facts.sources,
      rateHz: req.telemetryRateHz,
      workDir: PHONE_DIR,
      originBootUs,
      emit,
      onBatch: recorder.flush,
      onThrottling: (level, tUs) => event('throttling', `The phone reported thermal status ${level} (${['none', 'light', 'moderate', 'severe', 'critical', 'emergency', 'shutdown'][level] ?? 'unknown'}).`, null, tUs),
      log: req.log,
    });
    const samplerPidfiles = [SAMPLER_PIDFILE, SAMPLER_THERMAL_PIDFILE].map((name) => ledgerAppendScript({ kind: 'pidfile', path: `${PHONE_DIR}/${name}` }));
    await runShell(adb, serial, samplerPidfiles.join('\n'), { timeoutMs: 10_000, what: 'recording the telemetry loop' });
    await telemetry.start();
    // Two seconds of readings calibrate the current and set the temperature baseline.
    await sleep(2200, req.signal);
    const baselineC = telemetry.latest('battery.temperature')?.v ?? null;
    const pathOrder: PathId[][] = [];
    emit({
      r: 'conditions',
      conditions: {
        screenKeptOn: applied.screenKeptOn,
        batterySaverOff: applied.batterySaverOff,
        charging: telemetry.charging,
        baselineTemperatureC: baselineC,
        pathOrder,
        notes: [...applied.notes, ...(telemetry.calibration ? [telemetry.calibration.explanation] : [])],
      },
    });

    for (let repeat = 0; repeat < plan.repeats; repeat++) {
      // Interleaved: each repeat starts one path later, so no path always gets the coolest phone.
      const order = plan.paths.map((_, i) => plan.paths[(i + repeat) % plan.paths.length]!);
      pathOrder.push(order.map((p) => p.path));
      for (const pathPlan of order) {
        check();
        const result = await runPath(req, adb, serial, choice, model.path, pathPlan, repeat, telemetry, baselineC, BigInt(originBootUs) * 1000n, emit, event, progress);
        emit({ r: 'path-result', result });
        steps.stepsDone++;
      }
    }
    emit({ r: 'conditions', conditions: { screenKeptOn: applied.screenKeptOn, batterySaverOff: applied.batterySaverOff, charging: telemetry.charging, baselineTemperatureC: baselineC, pathOrder, notes: applied.notes } });
  } catch (error) {
    if (error instanceof CaptureCancelled || req.signal.aborted) {
      status = 'cancelled';
      message = 'The run was cancelled; everything recorded until then is kept.';
      event('cancelled', message);
    } else if (await isGone(device)) {
      status = 'interrupted';
      message = `The phone ${serial} was disconnected; everything recorded until then is kept.`;
      event('disconnect', message, null, telemetry?.nowUs ?? null);
    } else {
      status = 'failed';
      message = error instanceof Error ? error.message : String(error);
      event('error', message);
    }
  } finally {
    await telemetry?.stop().catch(() => {});
    if (status !== 'interrupted') {
      progress(null, 'done', 'Restoring the phone');
      await restorePhone(adb, serial, false).catch((e: unknown) => req.log(`Restoring ${serial} failed: ${String(e)}`));
    }
    await recorder.end(status, message);
    progress(null, 'done', message ?? 'Done');
  }
  return { sessionId: req.sessionId, path: recorder.path, status, message };
}

async function isGone(device: CaptureDevice): Promise<boolean> {
  try {
    const list = (await device.client.listDevices()) as { id: string; type: string }[];
    return !list.some((d) => d.id === device.serial && d.type === 'device');
  } catch {
    return true;
  }
}

type EventFn = CaptureEventFn;
type ProgressFn = CaptureProgressFn;

const PATH_WORDS: Record<PathId, string> = { npu: 'NPU', gpu: 'GPU', cpu: 'CPU' };

async function runPath(
  req: CaptureRequest,
  adb: AdbkitDeviceClient,
  serial: string,
  choice: FlavourChoice,
  modelPath: string,
  pathPlan: PathPlan,
  repeat: number,
  telemetry: TelemetrySession,
  baselineC: number | null,
  originBootNs: bigint,
  emit: (r: SessionRecord) => void,
  event: EventFn,
  progress: ProgressFn,
): Promise<PathResult> {
  const path = pathPlan.path;
  const words = PATH_WORDS[path];
  const plan = req.plan;
  const flags = (opProfiling: boolean): string[] =>
    benchmarkFlags({ modelPathOnPhone: modelPath, path: pathPlan, runs: plan.runs ?? null, durationS: plan.durationS ?? null, warmupRuns: plan.warmupRuns, threads: plan.threads, opProfiling });
  const timeoutMs = plan.durationS ? (plan.durationS * 2 + 300) * 1000 : 30 * 60_000;
  const binary = `${PHONE_DIR}/benchmark_model`;
  const toolLine = (line: string): void => emit({ r: 'tool-line', at: Date.now() as HostTimeMs, path, line });

  // Cool down to the starting temperature (not a fixed pause), then measure idle power.
  if (baselineC !== null) {
    const waitStart = Date.now();
    while (Date.now() - waitStart < req.baselineWaitMaxS * 1000) {
      const now = telemetry.latest('battery.temperature')?.v;
      if (now === undefined || now <= baselineC + 0.5) break;
      progress(path, 'cooldown', `Waiting for the phone to cool from ${now.toFixed(1)} °C to ${baselineC.toFixed(1)} °C before the ${words} path`);
      await sleep(1000, req.signal);
      if (req.signal.aborted) throw new CaptureCancelled();
    }
    const now = telemetry.latest('battery.temperature')?.v;
    if (now !== undefined && now > baselineC + 0.5) event('note', `The phone was still ${(now - baselineC).toFixed(1)} °C above its starting temperature after ${req.baselineWaitMaxS} s; the ${words} path started anyway.`, path);
  }
  progress(path, 'cooldown', `Measuring idle power before the ${words} path`);
  // A slow fuel gauge still shows the last load for about one update period: let it settle.
  const gaugeHz = telemetry.updateRates().get('battery.current') ?? null;
  await sleep(gaugeHz !== null && gaugeHz > 0 && gaugeHz < 5 ? 1500 / gaugeHz : 500, req.signal);
  const idleFrom = telemetry.nowUs ?? 0;
  // Power rails are read once a second: their idle figure needs three readings inside the window.
  await sleep(Math.max(req.idleBaselineS, telemetry.hasPowerRails ? 3.5 : 0) * 1000, req.signal);
  if (req.signal.aborted) throw new CaptureCancelled();
  const idleTo = telemetry.nowUs ?? idleFrom;
  const idlePowerMw = telemetry.meanOver('battery.power', idleFrom, idleTo);
  // The rails' readings reach the host up to a second and a half after they were taken.
  for (let waited = 0; telemetry.hasPowerRails && (telemetry.railsNowUs ?? 0) < idleTo - 1_200_000 && waited < 2000; waited += 100) await sleep(100, req.signal);
  const idleRailsMw = telemetry.railsPowerOver(idleFrom, idleTo);

  const startUs = telemetry.hostToDeviceUs(Date.now());
  event('path-start', `${words} path started${plan.repeats > 1 ? ` (repeat ${repeat + 1})` : ''}.`, path, startUs);
  let traced: ToolRunResult;
  let deviceTrace: string | null = null;
  let pointsUnavailable: string | null = null;
  let lost = 0;
  progress(path, 'run', `Running the ${words} path${choice.tracedPoints ? ' with tracing' : ''}`);
  if (choice.tracedPoints) {
    // The atrace properties are set by the tracing service for us; they go on the list too.
    const props = ['debug.tflite.trace', 'debug.atrace.app_number', 'debug.atrace.app_0'].map(ledgerPropScript);
    await runShell(adb, serial, `${props.join('\n')}\nsetprop debug.tflite.trace 1`, { timeoutMs: 10_000, what: 'turning on TFLite tracing' });
    const trace = await startDeviceTrace(adb, serial, { atraceApp: choice.atraceApp, maxDurationMs: timeoutMs, outputPath: phoneTracePath(req.sessionId, `${path}-${repeat}`) });
    try {
      traced = await runTool({ device: adb, serial, flavour: choice.flavour, binary, flags: flags(false), timeoutMs, signal: req.signal, onLine: toolLine });
    } finally {
      progress(path, 'decode', `Reading the ${words} path's trace`);
    }
    const bytes = await trace.stop();
    if (bytes.length > 0) {
      deviceTrace = `${req.sessionId}.${path}-${repeat}.device.pftrace`;
      await writeFile(join(req.sessionsDir, deviceTrace), bytes);
    }
    await runShell(adb, serial, 'setprop debug.tflite.trace 0', { timeoutMs: 10_000, what: 'turning off TFLite tracing' });
    const decoded = invokesFromTrace(bytes);
    const r = traced.result.kind === 'benchmark_model' ? traced.result : null;
    const split = splitInvokes(decoded.invokes, r?.warmup?.count ?? plan.warmupRuns, r?.inference_count ?? null, originBootNs);
    lost = split.missing;
    if (split.note) event('note', split.note, path);
    if (decoded.invokes.length === 0) {
      pointsUnavailable = decoded.problem ?? 'The trace held no TFLite inference slices, so there are no per-inference points for this path; the averages are kept.';
    } else {
      emitPoints(emit, path, repeat, true, split.warmup.tUs, split.warmup.latUs);
      emitPoints(emit, path, repeat, false, split.timed.tUs, split.timed.latUs);
      if (lost > 0) event('note', `The trace lost ${lost} of the ${r?.inference_count ?? '?'} timed inferences (its buffer overflowed); they show as gaps.`, path);
    }
  } else {
    traced = await runTool({ device: adb, serial, flavour: choice.flavour, binary, flags: flags(false), timeoutMs, signal: req.signal, onLine: toolLine });
    pointsUnavailable = choice.reason;
  }
  if (traced.cancelled) throw new CaptureCancelled();
  const endUs = telemetry.hostToDeviceUs(traced.endedAt);
  const result = traced.result.kind === 'benchmark_model' ? traced.result : null;

  let controlAvgUs: number | null = null;
  if (req.controlPass && choice.tracedPoints && result?.status === 'completed') {
    progress(path, 'run', `Running the ${words} path again without tracing, to measure what tracing costs`, 0.5);
    const control = await runTool({ device: adb, serial, flavour: choice.flavour, binary, flags: flags(false), timeoutMs, signal: req.signal, onLine: () => {} });
    if (control.cancelled) throw new CaptureCancelled();
    controlAvgUs = control.result.kind === 'benchmark_model' ? control.result.inference_avg_us : null;
  }

  let profiled: BenchmarkModelResult | null = null;
  if (req.opProfiling && choice.flavour === 'cli' && repeat === 0 && result?.status === 'completed') {
    progress(path, 'run', `Profiling the ${words} path op by op`, 0.75);
    const op = await runTool({ device: adb, serial, flavour: 'cli', binary, flags: flags(true), timeoutMs, signal: req.signal, onLine: () => {} });
    if (op.cancelled) throw new CaptureCancelled();
    profiled = op.result.kind === 'benchmark_model' ? op.result : null;
  }
  event('path-end', `${words} path ended.`, path, endUs);

  const failed = !result || result.status === 'failed' || result.status === 'incomplete';
  const accel = result?.delegates.find((d) => ACCELERATOR_KERNELS.test(d.name) && !/xnnpack/i.test(d.name)) ?? null;
  return {
    path,
    repeat,
    status: failed ? 'failed' : 'ok',
    failure: failed ? (result?.failures.join(' ') || (traced.result.kind === 'unknown' ? traced.result.reason : 'The tool stopped before printing its results.')) : null,
    runner: choice.flavour === 'apk' ? 'TFLite benchmark app' : 'TFLite benchmark_model',
    aggregates: {
      initUs: result?.init_us ?? null,
      firstUs: result?.first_inference_us ?? null,
      warmupAvgUs: result?.warmup_avg_us ?? null,
      avgUs: result?.inference_avg_us ?? null,
      count: result?.inference_count ?? null,
    },
    controlAvgUs,
    delegate:
      accel && accel.nodes_delegated !== null && accel.nodes_total !== null
        ? { name: accel.name, nodesDelegated: accel.nodes_delegated, nodesTotal: accel.nodes_total, partitions: accel.partitions ?? null }
        : null,
    fallbackOps: fallbackOps(req.model, path, result, profiled),
    pointsUnavailable,
    lostInferences: lost,
    idlePowerW: idlePowerMw === null ? null : idlePowerMw / 1000,
    ...(telemetry.hasPowerRails ? { idleRailsPowerW: idleRailsMw === null ? null : idleRailsMw / 1000 } : {}),
    startUs,
    endUs,
    deviceTrace,
  };
}

function emitPoints(emit: (r: SessionRecord) => void, path: PathId, repeat: number, warmup: boolean, tUs: number[], latUs: number[]): void {
  const CHUNK = 5000;
  for (let i = 0; i < tUs.length; i += CHUNK) {
    emit({ r: 'points', path, repeat, warmup, tUs: tUs.slice(i, i + CHUNK).map(Math.round), latUs: latUs.slice(i, i + CHUNK).map((v) => Math.round(v * 10) / 10) });
  }
}

/** Fallback ops in the tool's words where it gave them, else from the op profile, else predicted. */
function fallbackOps(model: ModelFile, path: PathId, result: BenchmarkModelResult | null, profiled: BenchmarkModelResult | null): FallbackOp[] {
  if (path === 'cpu') return [];
  if (result && result.unsupported_ops.length > 0) {
    const counts = new Map(Object.entries(model.model.summary.opCounts));
    return result.unsupported_ops.map((u) => ({ opType: u.op, count: counts.get(u.op) ?? 1, ranOn: 'CPU', reason: u.reason, timeShare: shareOf(profiled, u.op) }));
  }
  if (profiled && profiled.fallback_ops.length > 0) {
    return profiled.fallback_ops.map((f) => ({ opType: f.op, count: f.nodes, ranOn: 'CPU', reason: 'The op profile shows it ran on the CPU beside the delegate.', timeShare: shareOf(profiled, f.op) }));
  }
  if (result?.delegation === 'full') return [];
  const prediction = predictDelegateSupport(model.model, path === 'gpu' ? 'gpu' : 'nnapi');
  const byOp = new Map<string, FallbackOp>();
  for (const op of prediction.operators) {
    if (op.delegated) continue;
    const known = byOp.get(op.opName);
    if (known) known.count++;
    else byOp.set(op.opName, { opType: op.opName, count: 1, ranOn: 'CPU', reason: `Predicted from the delegate's support rules: ${op.reason ?? 'not supported'}`, timeShare: null });
  }
  return [...byOp.values()];
}

function shareOf(profiled: BenchmarkModelResult | null, op: string): number | null {
  if (!profiled || profiled.op_profile_source !== 'summary_by_node_type') return null;
  const total = profiled.op_profile.reduce((s, e) => s + (e.avg_ms ?? 0) * (e.times_called ?? 1), 0);
  const mine = profiled.op_profile.filter((e) => e.node_type === op).reduce((s, e) => s + (e.avg_ms ?? 0) * (e.times_called ?? 1), 0);
  return total > 0 ? mine / total : null;
}
