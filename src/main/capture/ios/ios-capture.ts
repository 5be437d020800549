// Runs a plan on one iPhone through Tetherscope Probe and records everything into a session,
// in the same shapes as an Android capture: per path (npu = Neural Engine, gpu, cpu) the
// probe's per-prediction latencies, load and compile times, MLComputePlan placement and
// fallbacks, thermal state changes, and the battery over diagnostics_relay. An unplugged
// iPhone ends the run with everything recorded so far.
import type { ProfileProgress } from '../../../shared/api.js';
import type { PathId } from '../../../shared/api-constants.js';
import type { PathPlan, ProfilePlan } from '../../../shared/api-schemas.js';
import type { ProbeAppMessage, ProbeOp, ProbeThermalState } from '../../../shared/ios-probe/probe-protocol.js';
import { SESSION_FORMAT, SESSION_FORMAT_VERSION, type PathResult, type SessionHeader, type SessionRecord } from '../../../shared/session/records.js';
import type { HostTimeMs } from '../../../shared/units.js';
import type { DeviceTransport, ModelInfo } from '../../../shared/api.js';
import { IosDeviceError } from '../../devices/ios/errors.js';
import { IosBatteryReader } from '../../devices/ios/ios-battery.js';
import { listUsbmuxDevices, type IosConnection } from '../../devices/ios/ios-connection.js';
import type { IosFacts } from '../../devices/ios/ios-facts.js';
import { ProbeClient } from '../../devices/ios/probe-client.js';
import type { CaptureOutcome } from '../capture-engine.js';
import { CaptureCancelled, CaptureProgress, hostNow, openSessionRecorder, sleep, throwIfCancelled, type CaptureEventFn, type CaptureProgressFn } from '../capture-common.js';
import { IOS_PATH_UNITS } from './compute-units.js';
import { IosBatteryMonitor } from './ios-battery-monitor.js';
import { fallbackOpsFromPlan, placementSummary } from './ios-fallback.js';
import { pushModelToProbe } from './ios-model-push.js';

export const CORE_ML_UNVERIFIED = 'Core ML path not yet verified on a real iPhone: Tetherscope Probe cannot be built on the machines Tetherscope is developed on.';

export interface IosCaptureRequest {
  sessionId: string;
  plan: ProfilePlan;
  model: { info: ModelInfo; bytes: Uint8Array };
  /** `virtual`: the phone came through a virtual iPhone's usbmuxd (the probe and lockdown also say so). */
  device: { udid: string; connection: IosConnection; facts: IosFacts; transport: DeviceTransport; virtual: boolean };
  sessionsDir: string;
  toolVersion: string;
  /** How often the battery is asked; its gauge publishes less often. */
  batteryPollHz: number;
  baselineWaitMaxS: number;
  idleBaselineS: number;
  /** How long to wait for the user to open Tetherscope Probe. */
  probeWaitS: number;
  signal: AbortSignal;
  onRecord: (record: SessionRecord) => void;
  onProgress: (progress: ProfileProgress) => void;
  log: (line: string) => void;
}

const THERMAL_LEVEL: Readonly<Record<ProbeThermalState, number>> = { nominal: 0, fair: 1, serious: 2, critical: 3 };
const PREDICTION_CHUNK = 5000;
const PROBE_SILENCE_MS = 60_000;
const PROBE_COMPILE_SILENCE_MS = 15 * 60_000;

class ProbeStalledError extends IosDeviceError {
  constructor(message: string) {
    super(message, 'Bring Tetherscope Probe to the front on the iPhone and keep the phone unlocked; iOS pauses apps in the background.');
  }
}

export async function runIosCapture(req: IosCaptureRequest): Promise<CaptureOutcome> {
  const { plan, device } = req;
  // A duration: one timed prediction at least, then on until the time is up (as --min_secs does on Android).
  const runs = plan.runs ?? 1;
  const minDurationMs = plan.durationS === undefined ? null : Math.max(1, Math.round(plan.durationS * 1000));
  const steps = new CaptureProgress(req.sessionId, plan.repeats * plan.paths.length, req.onProgress);
  const progress = steps.report;
  const check = (): void => throwIfCancelled(req.signal);

  progress(null, 'deploy', 'Waiting for Tetherscope Probe on the iPhone');
  let probe: ProbeClient;
  let clock: Awaited<ReturnType<ProbeClient['clock']>>;
  try {
    probe = await ProbeClient.waitFor(device.connection, req.toolVersion, {
      timeoutMs: req.probeWaitS * 1000,
      signal: req.signal,
      onWaiting: (s) => progress(null, 'deploy', `Open Tetherscope Probe on the iPhone: on iOS 17 and later it cannot be started from the computer (waiting ${s} s)`),
    });
    clock = await probe.clock().catch((e: unknown) => {
      probe.close();
      throw e;
    });
  } catch (error) {
    return endBeforeProbe(req, error, progress);
  }
  const originNs = clock.deviceNsAtHostMs(Date.now());
  const deviceUsAtHost = (hostMs: number): number => Number(clock.deviceNsAtHostMs(hostMs) - originNs) / 1000;
  const deviceUsOfNs = (ns: string): number => Number(BigInt(ns) - originNs) / 1000;

  const recorder = await openSessionRecorder(req.sessionsDir, sessionHeader(req, probe.hello.virtual, originNs), req.onRecord);
  const { emit, event } = recorder;

  let battery: IosBatteryMonitor | null = null;
  let status: CaptureOutcome['status'] = 'complete';
  let message: string | null = null;
  let thermal = probe.hello.thermalState;
  const thermalSeries = { declared: false };
  const onThermal = (state: ProbeThermalState, tUs: number): void => {
    if (!thermalSeries.declared) {
      thermalSeries.declared = true;
      emit({ r: 'series', id: 'thermal.status', name: 'Thermal state', kind: 'thermal-status', unit: 'level 0–3 (nominal, fair, serious, critical)', updateHz: null, source: 'ProcessInfo.thermalState (Tetherscope Probe)' });
    }
    emit({ r: 'samples', id: 'thermal.status', tUs: [Math.round(tUs)], v: [THERMAL_LEVEL[state]] });
    if (THERMAL_LEVEL[state] >= THERMAL_LEVEL.serious && THERMAL_LEVEL[thermal] < THERMAL_LEVEL.serious) {
      event('throttling', `The iPhone reported thermal state ${state}: iOS slows the phone down to cool it.`, null, tUs);
    }
    thermal = state;
  };
  // Messages of the running plan go to the current path; thermal changes to the session.
  let pathSink: ((m: ProbeAppMessage) => void) | null = null;
  const offMessages = probe.onMessage((m) => {
    if (m.type === 'thermal') onThermal(m.state, deviceUsOfNs(m.tNs));
    else pathSink?.(m);
  });
  try {
    event('note', CORE_ML_UNVERIFIED);
    event('note', `Tetherscope Probe ${probe.hello.appVersion} (protocol ${probe.hello.protocol}) on iOS ${probe.hello.osVersion}; its clock was read with a round trip of ${clock.rttMs.toFixed(1)} ms.`);
    onThermal(thermal, deviceUsAtHost(Date.now()));
    progress(null, 'deploy', 'Copying the model into Tetherscope Probe');
    const pushed = await pushModelToProbe(device.connection, { sha256: req.model.info.sha256, bytes: req.model.bytes }, (f) => progress(null, 'deploy', 'Copying the model into Tetherscope Probe', f * 0.01));
    event('note', pushed.pushed ? 'The model was copied into Tetherscope Probe.' : 'The model was already in Tetherscope Probe (same sha256); not copied again.');
    check();

    const reader = await IosBatteryReader.open(device.connection);
    battery = new IosBatteryMonitor({ reader, pollHz: req.batteryPollHz, deviceUs: deviceUsAtHost, emit, log: req.log });
    const first = await battery.start();
    const baselineC = first.temperatureC;
    const pathOrder: PathId[][] = [];
    const conditions = (): SessionRecord => ({
      r: 'conditions',
      conditions: {
        screenKeptOn: true,
        batterySaverOff: null,
        charging: battery?.charging ?? null,
        baselineTemperatureC: baselineC,
        pathOrder,
        notes: [
          'Tetherscope Probe keeps the screen on while it is open (idle timer off).',
          'Low Power Mode cannot be read from the computer; turn it off on the iPhone for a fair run.',
          ...(battery?.signNote ? [battery.signNote] : []),
        ],
      },
    });
    emit(conditions());

    for (let repeat = 0; repeat < plan.repeats; repeat++) {
      const order = plan.paths.map((_, i) => plan.paths[(i + repeat) % plan.paths.length]!);
      pathOrder.push(order.map((p) => p.path));
      for (const pathPlan of order) {
        check();
        const result = await runPath({ req, probe, pathPlan, repeat, runs, minDurationMs, battery, baselineC, deviceUsAtHost, deviceUsOfNs, emit, event, progress, thermalNow: () => thermal, setSink: (s) => (pathSink = s) });
        emit({ r: 'path-result', result });
        // The state holds until it changes; a point at each path's end draws it across the path.
        emit({ r: 'samples', id: 'thermal.status', tUs: [Math.round(deviceUsAtHost(Date.now()))], v: [THERMAL_LEVEL[thermal]] });
        steps.stepsDone++;
      }
    }
    emit(conditions());
  } catch (error) {
    if (error instanceof CaptureCancelled || req.signal.aborted) {
      status = 'cancelled';
      message = 'The run was cancelled; everything recorded until then is kept.';
      event('cancelled', message);
    } else if (await isGone(device.connection)) {
      status = 'interrupted';
      message = `The iPhone ${device.udid} was disconnected; everything recorded until then is kept.`;
      event('disconnect', message, null, Math.round(deviceUsAtHost(Date.now())));
    } else {
      status = 'failed';
      message = error instanceof Error ? error.message : String(error);
      event('error', message);
    }
  } finally {
    offMessages();
    battery?.stop();
    probe.close();
    await recorder.end(status, message);
    progress(null, 'done', message ?? 'Done');
  }
  return { sessionId: req.sessionId, path: recorder.path, status, message };
}

/**
 * The probe never answered (or the wait was cancelled): the session still records the run,
 * with no device times (its clock was never read) and why it ended.
 */
async function endBeforeProbe(req: IosCaptureRequest, error: unknown, progress: CaptureProgressFn): Promise<CaptureOutcome> {
  const cancelled = req.signal.aborted;
  const reason = cancelled ? 'The run was cancelled while waiting for Tetherscope Probe; nothing was recorded on the iPhone.' : error instanceof Error ? error.message : String(error);
  const hint = error instanceof IosDeviceError && error.hint ? ` ${error.hint}` : '';
  const recorder = await openSessionRecorder(req.sessionsDir, sessionHeader(req, false, 0n), req.onRecord);
  recorder.event('note', CORE_ML_UNVERIFIED);
  recorder.event(cancelled ? 'cancelled' : 'error', `${reason}${cancelled ? '' : hint}`);
  const status = cancelled ? 'cancelled' : 'failed';
  await recorder.end(status, reason);
  progress(null, 'done', reason);
  return { sessionId: req.sessionId, path: recorder.path, status, message: reason };
}

function sessionHeader(req: IosCaptureRequest, probeVirtual: boolean, originNs: bigint): SessionHeader {
  const { device } = req;
  return {
    r: 'header',
    format: SESSION_FORMAT,
    version: SESSION_FORMAT_VERSION,
    sessionId: req.sessionId,
    createdAt: hostNow(),
    tool: { name: 'Tetherscope', version: req.toolVersion },
    device: { id: device.udid, platform: 'ios', transport: device.transport, virtual: device.virtual || device.facts.virtual || probeVirtual, facts: device.facts.facts, buildType: null },
    model: { name: req.model.info.name, bytes: req.model.info.bytes, sha256: req.model.info.sha256, format: 'mlmodel', ops: req.model.info.ops },
    plan: req.plan,
    deviceClockOriginNs: originNs.toString(),
  };
}

async function isGone(connection: IosConnection): Promise<boolean> {
  try {
    return !(await listUsbmuxDevices(connection.address, 3000)).some((d) => d.Properties.SerialNumber === connection.udid);
  } catch {
    return true;
  }
}

interface PathContext {
  req: IosCaptureRequest;
  probe: ProbeClient;
  pathPlan: PathPlan;
  repeat: number;
  runs: number;
  /** Keep predicting until this long has passed (a plan given as a duration); null: exactly `runs`. */
  minDurationMs: number | null;
  battery: IosBatteryMonitor;
  baselineC: number | null;
  deviceUsAtHost: (hostMs: number) => number;
  deviceUsOfNs: (ns: string) => number;
  emit: (record: SessionRecord) => void;
  event: CaptureEventFn;
  progress: CaptureProgressFn;
  thermalNow: () => ProbeThermalState;
  setSink: (sink: ((m: ProbeAppMessage) => void) | null) => void;
}

async function runPath(c: PathContext): Promise<PathResult> {
  const { req, pathPlan, repeat } = c;
  const path = pathPlan.path;
  const unit = IOS_PATH_UNITS[path];
  const words = unit.words;
  const signal = req.signal;

  // Cool down: back to the starting battery temperature and a nominal thermal state.
  const waitStart = Date.now();
  while (Date.now() - waitStart < req.baselineWaitMaxS * 1000) {
    const now = c.battery.latest()?.temperatureC ?? null;
    const warm = c.baselineC !== null && now !== null && now > c.baselineC + 0.5;
    if (!warm && c.thermalNow() === 'nominal') break;
    c.progress(path, 'cooldown', `Waiting for the iPhone to cool (${now?.toFixed(1) ?? '?'} °C, thermal state ${c.thermalNow()}) before the ${words} path`);
    await sleep(1000, signal);
    if (signal.aborted) throw new CaptureCancelled();
  }
  if (c.thermalNow() !== 'nominal') c.event('note', `The iPhone was still in thermal state ${c.thermalNow()} after ${req.baselineWaitMaxS} s; the ${words} path started anyway.`, path);

  c.progress(path, 'cooldown', `Measuring idle power before the ${words} path`);
  const gaugeHz = c.battery.updateHz();
  // The gauge publishes every few seconds: measure idle over at least two of its updates.
  const idleS = Math.max(req.idleBaselineS, gaugeHz !== null && gaugeHz > 0 ? 2 / gaugeHz : 0);
  const idleFrom = c.deviceUsAtHost(Date.now());
  await sleep(idleS * 1000, signal);
  if (signal.aborted) throw new CaptureCancelled();
  const idlePowerMw = c.battery.meanOver('battery.power', idleFrom, c.deviceUsAtHost(Date.now()));

  const startUs = Math.round(c.deviceUsAtHost(Date.now()));
  c.event('path-start', `${words} path started${req.plan.repeats > 1 ? ` (repeat ${repeat + 1})` : ''}.`, path, startUs);
  const total = req.plan.warmupRuns + c.runs;
  const timed = { tUs: [] as number[], latUs: [] as number[] };
  const warm = { tUs: [] as number[], latUs: [] as number[] };
  let compileMs: number | null = null;
  let loadMs: number | null = null;
  let ops: ProbeOp[] | null = null;
  let placementUnavailable: string | null = null;
  let seen = 0;
  /** When the first timed predictions arrived, for a plan given as a duration. */
  let runStartedMs = Number.NaN;
  const flush = (which: 'timed' | 'warm', final: boolean): void => {
    const buf = which === 'timed' ? timed : warm;
    while (buf.tUs.length >= PREDICTION_CHUNK || (final && buf.tUs.length > 0)) {
      const n = Math.min(PREDICTION_CHUNK, buf.tUs.length);
      c.emit({ r: 'points', path, repeat, warmup: which === 'warm', tUs: buf.tUs.splice(0, n), latUs: buf.latUs.splice(0, n) });
    }
  };
  let lastFlush = Date.now();
  const summary = { all: [] as number[], warm: [] as number[], timed: [] as number[] };
  const planId = `${path}-${repeat}-${Date.now().toString(36)}`;
  let lastHeard = Date.now();
  let loadedYet = false;
  c.setSink((m) => {
    if ('id' in m && m.id !== planId) return;
    lastHeard = Date.now();
    if (m.type === 'loaded') loadedYet = true;
    if (m.type === 'compiled') {
      compileMs = m.compileMs;
      c.emit({ r: 'tool-line', at: Date.now() as HostTimeMs, path, line: `Core ML compiled the model in ${m.compileMs.toFixed(1)} ms (${unit.units}).` });
    } else if (m.type === 'loaded') {
      loadMs = m.loadMs;
      c.emit({ r: 'tool-line', at: Date.now() as HostTimeMs, path, line: `Core ML loaded the model in ${m.loadMs.toFixed(1)} ms (${unit.units}).` });
    } else if (m.type === 'compute-plan') {
      ops = m.ops;
      placementUnavailable = m.unavailable;
    } else if (m.type === 'predictions') {
      if (!m.warmup && Number.isNaN(runStartedMs)) runStartedMs = Date.now();
      const buf = m.warmup ? warm : timed;
      for (let i = 0; i < m.startNs.length; i++) {
        buf.tUs.push(Math.round(c.deviceUsOfNs(m.startNs[i]!)));
        buf.latUs.push(Math.round((m.durNs[i] ?? 0) / 100) / 10);
      }
      seen += m.startNs.length;
      summary.all.push(...m.durNs.map((d) => d / 1000));
      if (m.warmup) summary.warm.push(...m.durNs.map((d) => d / 1000));
      else summary.timed.push(...m.durNs.map((d) => d / 1000));
      // Live: points reach the window about twice a second, not per batch.
      if (Date.now() - lastFlush > 500) {
        flush('warm', true);
        flush('timed', true);
        lastFlush = Date.now();
      }
      if (c.minDurationMs === null) c.progress(path, m.warmup ? 'warmup' : 'run', `Running the ${words} path: ${seen} of ${total} predictions`, Math.min(1, seen / total));
      else {
        const elapsedS = Number.isNaN(runStartedMs) ? 0 : (Date.now() - runStartedMs) / 1000;
        c.progress(path, m.warmup ? 'warmup' : 'run', `Running the ${words} path: ${seen} predictions, ${Math.min(elapsedS, c.minDurationMs / 1000).toFixed(0)} of ${(c.minDurationMs / 1000).toFixed(0)} s`, Math.min(1, (elapsedS * 1000) / c.minDurationMs));
      }
    }
  });
  let failure: string | null = null;
  let done: { predictions: number; warmup: number; cancelled: boolean } | null = null;
  const modelPath = `/Documents/models/${req.model.info.sha256}.mlmodel`;
  // A probe sent to the background goes silent: once loaded it sends a batch every ~50 ms, so a
  // minute of silence ends the path (compiling a large model may take minutes before that).
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort();
  signal.addEventListener('abort', onOuterAbort, { once: true });
  let watchdog: NodeJS.Timeout | null = null;
  const stalled = new Promise<never>((_, reject) => {
    watchdog = setInterval(() => {
      const silentMs = Date.now() - lastHeard;
      if (silentMs < (loadedYet ? PROBE_SILENCE_MS : PROBE_COMPILE_SILENCE_MS)) return;
      stop.abort();
      reject(new ProbeStalledError(`Tetherscope Probe sent nothing for ${Math.round(silentMs / 1000)} s during the ${words} path.`));
    }, 1000);
  });
  try {
    const timeoutMs = 10 * 60_000 + total * 2000 + (c.minDurationMs ?? 0);
    const plan = { id: planId, modelPath, sha256: req.model.info.sha256, computeUnits: unit.units, warmup: req.plan.warmupRuns, runs: c.runs, computePlan: true, ...(c.minDurationMs === null ? {} : { minDurationMs: c.minDurationMs }) };
    done = await Promise.race([c.probe.runPlan(plan, timeoutMs, stop.signal), stalled]);
  } catch (error) {
    if (signal.aborted) throw new CaptureCancelled();
    if (error instanceof ProbeStalledError) throw error;
    if (!(error instanceof IosDeviceError) || !/could not run the plan/.test(error.message)) throw error;
    failure = error.message;
  } finally {
    if (watchdog) clearInterval(watchdog);
    signal.removeEventListener('abort', onOuterAbort);
    c.setSink(null);
    flush('warm', true);
    flush('timed', true);
  }
  if (done?.cancelled || signal.aborted) throw new CaptureCancelled();
  const endUs = Math.round(c.deviceUsAtHost(Date.now()));
  c.event('path-end', `${words} path ended.`, path, endUs);
  if (placementUnavailable) c.event('note', `No per-op placement for the ${words} path: ${placementUnavailable}`, path);
  const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const placed = ops as ProbeOp[] | null;
  const summaryOnTarget = placed ? placementSummary(placed, unit.target) : null;
  const count = summary.timed.length;
  if (done && done.predictions !== count) c.event('note', `Tetherscope Probe reported ${done.predictions} timed predictions but ${count} reached the computer.`, path);
  return {
    path,
    repeat,
    status: failure ? 'failed' : 'ok',
    failure,
    runner: 'Tetherscope Probe (Core ML)',
    aggregates: {
      initUs: loadMs === null ? null : Math.round((loadMs as number) * 1000 + ((compileMs as number | null) ?? 0) * 1000),
      firstUs: summary.all[0] ?? null,
      warmupAvgUs: mean(summary.warm),
      avgUs: mean(summary.timed),
      count: failure ? null : count,
    },
    controlAvgUs: null,
    delegate: summaryOnTarget && path !== 'cpu' ? { name: `Core ML ${words}`, nodesDelegated: summaryOnTarget.onTarget, nodesTotal: summaryOnTarget.total, partitions: null } : null,
    fallbackOps: placed ? fallbackOpsFromPlan(placed, unit.target) : [],
    pointsUnavailable: count > 0 ? null : failure ? 'The path failed before any prediction.' : 'Tetherscope Probe sent no predictions for this path.',
    lostInferences: done ? Math.max(0, done.predictions - count) : 0,
    idlePowerW: idlePowerMw === null ? null : idlePowerMw / 1000,
    startUs,
    endUs,
    deviceTrace: null,
  };
}
