// One plan, as the Swift app runs it: read the model from the container and check its sha256, compile it,
// load it for the requested compute units, report MLComputePlan's placement, then time the warm-up and the
// runs. It lives in real time: every modelled compile, load and prediction is slept through, and prediction
// batches leave about every `batchMs`, each only once its predictions have finished on the phone's clock.
import { createHash } from 'node:crypto';
import { CoremlError, CoremlFormatError } from '../../../../shared/formats/coreml/errors.js';
import type { CoremlModel } from '../../../../shared/formats/coreml/model.js';
import { readCoremlModel } from '../../../../shared/formats/coreml/reader.js';
import { PROBE_PROTOCOL_VERSION, type ProbeAppMessage, type ProbePlan } from '../../../../shared/ios-probe/probe-protocol.js';
import { coremlCompileProblem } from '../coreml/compile-check.js';
import type { CompiledCoremlPlan, IphoneLoadHandle, VirtualIphoneModel } from '../coreml/device-model.js';
import type { IosAppContainer } from '../virtual-iphone-contracts.js';
import { computePlanMessage } from './compute-plan.js';

export interface PlanRunnerContext {
  readonly container: IosAppContainer;
  readonly model: VirtualIphoneModel;
  readonly send: (message: ProbeAppMessage) => void;
  readonly batchMs: number;
  readonly signal: AbortSignal;
}

/** Longest single timer, ms (Node fires longer ones at once). */
const MAX_SLEEP_MS = 60_000;
/** The most timed predictions one plan makes, whatever its duration (the protocol's limit on runs). */
const MAX_PREDICTIONS = 1_000_000;

/** Sleep once the schedule runs this far ahead of the clock (timers are ~1 ms coarse). */
const PACE_AHEAD_MS = 2;
/** Making the dummy input provider and reading the clock between two predictions, µs. */
const BETWEEN_PREDICTIONS_US = 15;

const v = PROBE_PROTOCOL_VERSION;

export async function runProbePlan(plan: ProbePlan, ctx: PlanRunnerContext): Promise<void> {
  const fail = (code: Extract<ProbeAppMessage, { type: 'error' }>['code'], message: string): void =>
    ctx.send({ v, type: 'error', id: plan.id, code, message });
  const bytes = ctx.container.readFile(plan.modelPath);
  if (bytes === null) return fail('model-missing', `There is no model at ${plan.modelPath} in the app's container; push it there first.`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== plan.sha256) {
    return fail('model-missing', `The file at ${plan.modelPath} is not the model asked for (its sha256 is ${sha256}); push it again.`);
  }
  if (!plan.modelPath.endsWith('.mlmodel')) {
    return fail('compile-failed', 'The virtual iPhone compiles only .mlmodel files, not .mlpackage or .mlmodelc.');
  }
  let coreml: CoremlModel;
  try {
    coreml = readCoremlModel(bytes);
  } catch (error) {
    if (!(error instanceof CoremlError)) throw error;
    const why = error instanceof CoremlFormatError ? error.detail : error.message;
    return fail('compile-failed', `Core ML could not compile the model: ${why}.`);
  }
  const problem = coremlCompileProblem(coreml);
  if (problem !== null) return fail('compile-failed', `Core ML could not compile the model: ${problem}.`);

  const model = ctx.model;
  const compiled = model.compile(coreml, plan.computeUnits);
  const load = model.addLoad();
  try {
    let t = Math.max(model.clockNs(), model.horizonNs);
    // Compiling and loading keep one CPU core busy.
    load.set({ cpu: 1 / 6, gpu: 0, neuralEngine: 0, extraW: 0 }, t);
    t += compiled.compileMs * 1e6;
    if (!(await paceTo(ctx, t, 0))) return done(ctx, plan.id, 0, 0, true);
    ctx.send({ v, type: 'compiled', id: plan.id, compileMs: round3(compiled.compileMs) });
    t += compiled.loadMs * 1e6;
    if (!(await paceTo(ctx, t, 0))) return done(ctx, plan.id, 0, 0, true);
    load.set(model.appIdleUse, t);
    ctx.send({ v, type: 'loaded', id: plan.id, loadMs: round3(compiled.loadMs) });
    if (plan.computePlan) ctx.send(computePlanMessage(plan.id, compiled, model.profile, model.computePlanAvailable));

    const warm = await predictions(ctx, plan, compiled, load, 'warmup', plan.warmup, t);
    const runs = warm.cancelled ? { count: 0, t: warm.t, cancelled: true } : await predictions(ctx, plan, compiled, load, 'regular', plan.runs, warm.t);
    done(ctx, plan.id, runs.count, warm.count, runs.cancelled);
  } finally {
    load.end(Math.max(model.horizonNs, model.clockNs()));
  }
}

async function predictions(
  ctx: PlanRunnerContext,
  plan: ProbePlan,
  compiled: CompiledCoremlPlan,
  load: IphoneLoadHandle,
  kind: 'warmup' | 'regular',
  count: number,
  from: number,
): Promise<{ count: number; t: number; cancelled: boolean }> {
  const model = ctx.model;
  let t = Math.max(from, model.clockNs());
  let batch: { first: number; startNs: string[]; durNs: number[] } = { first: 0, startNs: [], durNs: [] };
  let lastFlushMs = Date.now();
  const flush = async (): Promise<boolean> => {
    if (batch.startNs.length === 0) return true;
    const finished = await paceTo(ctx, t, 0);
    ctx.send({ v, type: 'predictions', id: plan.id, first: batch.first, warmup: kind === 'warmup', startNs: batch.startNs, durNs: batch.durNs });
    batch = { first: batch.first + batch.startNs.length, startNs: [], durNs: [] };
    lastFlushMs = Date.now();
    return finished;
  };
  // Timed predictions go on past `count` until the plan's minimum duration has passed, as --min_secs does.
  const untilNs = kind === 'regular' && plan.minDurationMs !== undefined ? t + BETWEEN_PREDICTIONS_US * 1e3 + plan.minDurationMs * 1e6 : -Infinity;
  let index = 0;
  for (; index < count || (t < untilNs && index < MAX_PREDICTIONS); index++) {
    if (ctx.signal.aborted) {
      await flush();
      return { count: index, t, cancelled: true };
    }
    const first = kind === 'warmup' ? index === 0 : index === 0 && plan.warmup === 0;
    const timing = model.predict(compiled, t + BETWEEN_PREDICTIONS_US * 1e3, { planId: plan.id, kind, index, first }, load);
    load.set(model.appIdleUse, timing.endNs);
    const beginNs = BigInt(Math.round(timing.beginNs));
    batch.startNs.push(beginNs.toString());
    batch.durNs.push(Number(BigInt(Math.round(timing.endNs)) - beginNs));
    t = timing.endNs;
    if (Date.now() - lastFlushMs >= ctx.batchMs) await flush();
    else await paceTo(ctx, t, PACE_AHEAD_MS);
  }
  await flush();
  return { count: index, t, cancelled: false };
}

function done(ctx: PlanRunnerContext, id: string, predictions: number, warmup: number, cancelled: boolean): void {
  ctx.send({ v, type: 'done', id, predictions, warmup, cancelled });
}

/** Sleeps until the phone's clock is within `aheadMs` of `scheduleNs`; false when cancelled meanwhile. */
async function paceTo(ctx: PlanRunnerContext, scheduleNs: number, aheadMs: number): Promise<boolean> {
  let ahead = (scheduleNs - ctx.model.clockNs()) / 1e6;
  while (ahead > aheadMs && !ctx.signal.aborted) {
    await sleep(ahead, ctx.signal);
    ahead = (scheduleNs - ctx.model.clockNs()) / 1e6;
  }
  ctx.model.advanceTo(Math.min(scheduleNs, ctx.model.clockNs()));
  return !ctx.signal.aborted;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(finish, Math.min(ms, MAX_SLEEP_MS));
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}

const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;
