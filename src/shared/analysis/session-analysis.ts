// The figures of a session, path by path: what the window, the exports, the CLI's budgets
// and the comparison all show. Computed from the session's records only.
import type { PathId } from '../api-constants.js';
import type { FrameBudget } from '../api-schemas.js';
import type { PathResult } from '../session/records.js';
import type { SessionData, TelemetrySeries } from '../session/session-data.js';
import { energyPerInference, integrateEnergyJ, type EnergyPerInference } from './energy.js';
import { budgetMs, budgetShare, standardBudgetShares, type BudgetShare } from './frame-budget.js';
import { latencyStats, type LatencyStats } from './latency-stats.js';
import { sortedFinite } from './quantiles.js';

export interface AnalysisOptions {
  budget: FrameBudget;
  /** The app's own pre- and post-processing time per frame, ms. */
  appOverheadMs: number;
}

export interface PathAnalysis {
  path: PathId;
  status: PathResult['status'] | 'not-run';
  failure: string | null;
  /** Per-inference figures of the timed runs; count 0 when there are no points. */
  latency: LatencyStats;
  /** Why there are no points, in words. */
  pointsUnavailable: string | null;
  /** The tool's own figures, µs. */
  toolAvgUs: number | null;
  toolCount: number | null;
  initUs: number | null;
  firstUs: number | null;
  warmupAvgUs: number | null;
  /** (traced − untraced) / untraced average, or null without a control pass. */
  tracingOverhead: number | null;
  chosenBudget: BudgetShare | null;
  standardBudgets: BudgetShare[];
  energy: EnergyPerInference;
  delegate: PathResult['delegate'];
  fallbackOpCount: number;
  fallbackOps: PathResult['fallbackOps'];
  /** Device time of the first throttling during this path, µs after the origin. */
  throttlingOnsetUs: number | null;
  lostInferences: number;
}

export interface SessionAnalysis {
  virtual: boolean;
  refreshRateHz: number | null;
  budgetMs: number | null;
  paths: PathAnalysis[];
}

const POWER_SERIES = 'battery.power';

function seriesById(session: SessionData, id: string): TelemetrySeries | undefined {
  return session.series.find((s) => s.meta.id === id);
}

export function analyzeSession(session: SessionData, options: AnalysisOptions): SessionAnalysis {
  const refresh = session.header.device.facts?.refreshRateHz ?? null;
  const chosenMs = budgetMs(options.budget, refresh);
  const planned = session.header.plan.paths.map((p) => p.path);
  const seen = [...new Set([...planned, ...session.results.map((r) => r.path)])];
  const power = seriesById(session, POWER_SERIES);
  const charging = session.conditions?.charging ?? null;
  const throttles = session.events.filter((e) => e.kind === 'throttling' && e.tUs !== null);

  const paths = seen.map((path): PathAnalysis => {
    const results = session.results.filter((r) => r.path === path);
    const first = results[0] ?? null;
    const points = session.points[path];
    const lat = points?.latUs ?? [];
    const latency = latencyStats(lat);
    const sorted = sortedFinite(lat);
    const okResults = results.filter((r) => r.status === 'ok');
    const avg = (f: (r: PathResult) => number | null): number | null => {
      const vals = okResults.map(f).filter((v): v is number => v !== null);
      return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
    };
    const toolAvgUs = avg((r) => r.aggregates.avgUs);
    const controlAvgUs = avg((r) => r.controlAvgUs);
    const windowFrom = Math.min(...results.map((r) => r.startUs ?? Infinity));
    const windowTo = Math.max(...results.map((r) => r.endUs ?? -Infinity));
    const throttle = throttles.find((e) => e.tUs! >= windowFrom && e.tUs! <= windowTo) ?? null;
    return {
      path,
      status: first ? (results.some((r) => r.status === 'ok') ? 'ok' : first.status) : 'not-run',
      failure: results.find((r) => r.failure)?.failure ?? null,
      latency,
      pointsUnavailable: latency.count > 0 ? null : (first?.pointsUnavailable ?? (first ? 'No per-inference points were recorded.' : 'This path did not run.')),
      toolAvgUs,
      toolCount: okResults.reduce((n, r) => n + (r.aggregates.count ?? 0), 0) || null,
      initUs: avg((r) => r.aggregates.initUs),
      firstUs: avg((r) => r.aggregates.firstUs),
      warmupAvgUs: avg((r) => r.aggregates.warmupAvgUs),
      tracingOverhead: toolAvgUs !== null && controlAvgUs !== null && controlAvgUs > 0 ? (toolAvgUs - controlAvgUs) / controlAvgUs : null,
      chosenBudget: chosenMs === null ? null : budgetShare(sorted, options.budget.kind === 'device' ? `phone (${refresh} Hz)` : options.budget.kind === 'hz' ? `${options.budget.hz} Hz` : `${options.budget.ms} ms`, chosenMs, options.appOverheadMs),
      standardBudgets: standardBudgetShares(lat, refresh, options.appOverheadMs),
      energy: pathEnergy(session, path, results, power, charging),
      delegate: okResults.find((r) => r.delegate)?.delegate ?? null,
      fallbackOpCount: (first?.fallbackOps ?? []).reduce((n, f) => n + f.count, 0),
      fallbackOps: first?.fallbackOps ?? [],
      throttlingOnsetUs: throttle?.tUs ?? null,
      lostInferences: results.reduce((n, r) => n + r.lostInferences, 0),
    };
  });
  return { virtual: session.header.device.virtual, refreshRateHz: refresh, budgetMs: chosenMs, paths };
}

/** ODPM power rails, when the phone has them: measured below the battery, so charging does not touch them. */
const RAILS_SERIES = 'rails.power';

function pathEnergy(session: SessionData, path: PathId, results: PathResult[], power: TelemetrySeries | undefined, charging: boolean | null): EnergyPerInference {
  // A phone with rails is measured by its rails alone: its battery says nothing while it charges, and one
  // session mixing the two sources would compare paths unfairly.
  const rails = seriesById(session, RAILS_SERIES);
  if (rails && rails.tUs.length >= 2) return railsEnergy(session, path, results, rails);
  // While USB charges the phone its battery current says nothing of the model: that comes first.
  if (charging === true) {
    const verdict = energyPerInference({ energyJ: 0, idlePowerW: 0, durationS: 0, inferences: 0, source: 'battery-current', charging: true, sourceUpdateHz: null, platform: session.header.device.platform });
    if (!verdict.available) return verdict;
  }
  if (!power || power.tUs.length < 2) {
    return { available: false, reason: 'No power readings were recorded for this phone (its battery current or voltage could not be read).', wayOut: null };
  }
  // A fuel gauge publishes the mean of the period that just ended, so its readings trail the
  // load by one update period: integrate that much later to line them up with the inferences.
  const updateHz = seriesById(session, 'battery.current')?.meta.updateHz ?? null;
  const lagS = updateHz !== null && updateHz > 0 && updateHz < 5 ? 1 / updateHz : 0;
  let energyJ = 0;
  let durationS = 0;
  let inferences = 0;
  let idleWeighted = 0;
  let coverageShort = false;
  const times = power.tUs.map((t) => t / 1e6);
  const watts = power.v.map((mw) => mw / 1000);
  for (const w of repeatWindows(session, path, results, false)) {
    const fromS = w.fromUs / 1e6 + lagS;
    const toS = w.toUs / 1e6 + lagS;
    energyJ += integrateEnergyJ(times, watts, fromS, toS);
    durationS += toS - fromS;
    inferences += w.count;
    if (toS > (times.at(-1) ?? 0)) coverageShort = true;
    idleWeighted += (w.result.idlePowerW ?? 0) * (toS - fromS);
  }
  if (durationS === 0) return { available: false, reason: 'The power readings do not cover this path.', wayOut: null };
  const result = energyPerInference({
    energyJ,
    idlePowerW: idleWeighted / durationS,
    durationS,
    inferences,
    source: 'battery-current',
    charging: charging === true,
    sourceUpdateHz: updateHz,
    platform: session.header.device.platform,
  });
  if (result.available && lagS > 0) result.caveats.push(`The battery gauge reports the mean of each past ${lagS.toFixed(1)} s, so its readings were lined up ${lagS.toFixed(1)} s later.`);
  if (result.available && coverageShort) result.caveats.push('The power readings end before the lined-up window does; the figure is low.');
  return result;
}

/** One repeat of a path: the window of its inferences (µs on the session axis) and each inference's span. */
interface RepeatWindow {
  result: PathResult;
  fromUs: number;
  toUs: number;
  count: number;
  /** Each inference's start and end, when there are points (empty when the window is the tool run's bounds). */
  starts: number[];
  ends: number[];
}

/** `withSpans`: also each inference's start and end (the rails need them; the battery only the window). */
function repeatWindows(session: SessionData, path: PathId, results: PathResult[], withSpans: boolean): RepeatWindow[] {
  const windows: RepeatWindow[] = [];
  for (const r of results.filter((x) => x.status === 'ok')) {
    // The window of this repeat's inferences when traced, else the tool run's bounds
    // (which then also hold the model load, so the figure is slightly high).
    const starts: number[] = [];
    const ends: number[] = [];
    let fromUs = Infinity;
    let toUs = -Infinity;
    let count = 0;
    for (const pts of [session.warmupPoints[path], session.points[path]]) {
      if (!pts) continue;
      for (let i = 0; i < pts.tUs.length; i++) {
        if (pts.repeat[i] !== r.repeat) continue;
        const start = pts.tUs[i]!;
        const end = start + pts.latUs[i]!;
        if (withSpans) {
          starts.push(start);
          ends.push(end);
        }
        if (start < fromUs) fromUs = start;
        if (end > toUs) toUs = end;
        count++;
      }
    }
    if (count > 0) {
      if (toUs > fromUs) windows.push({ result: r, fromUs, toUs, count, starts, ends });
      continue;
    }
    const toolCount = (r.aggregates.count ?? 0) + session.header.plan.warmupRuns;
    if (r.startUs === null || r.endUs === null || r.endUs <= r.startUs || toolCount === 0) continue;
    windows.push({ result: r, fromUs: r.startUs, toUs: r.endUs, count: toolCount, starts, ends });
  }
  return windows;
}

/**
 * The rails are read about once a second, each reading giving the mean power since the one before. Only the
 * intervals wholly inside a repeat's inferences are counted, with the inferences (or parts of them) inside
 * those intervals: the intervals the path starts and ends in also hold the model load and idle moments.
 */
function railsEnergy(session: SessionData, path: PathId, results: PathResult[], rails: TelemetrySeries): EnergyPerInference {
  // The series holds two points per interval between readings: (start + 1 µs, mean) and (end, mean).
  const intervals: { fromUs: number; toUs: number; mW: number }[] = [];
  for (let i = 0; i + 1 < rails.tUs.length; i += 2) intervals.push({ fromUs: rails.tUs[i]! - 1, toUs: rails.tUs[i + 1]!, mW: rails.v[i]! });
  const coveredFromUs = intervals[0]?.fromUs ?? Infinity;
  const coveredToUs = intervals.at(-1)?.toUs ?? -Infinity;
  let energyJ = 0;
  let durationS = 0;
  let inferences = 0;
  let idleWeighted = 0;
  let short = false;
  let noPoints = false;
  let windowS = 0;
  for (const w of repeatWindows(session, path, results, true)) {
    windowS += (w.toUs - w.fromUs) / 1e6;
    const idleW = w.result.idleRailsPowerW;
    if (idleW == null) return { available: false, reason: 'No idle power of the power rails was measured before this path (the rails were read fewer than twice during the idle baseline).', wayOut: null };
    const inside = w.starts.length > 0 ? intervals.filter((iv) => iv.fromUs >= w.fromUs && iv.toUs <= w.toUs) : [];
    if (inside.length === 0) {
      // Shorter than two readings, or no points to place: the whole window, the moments around it included,
      // and only where the readings cover all of it.
      if (w.fromUs < coveredFromUs || w.toUs > coveredToUs) return { available: false, reason: 'The power rail readings do not cover this path.', wayOut: null };
      if (w.starts.length > 0) short = true;
      else noPoints = true;
      const fromS = w.fromUs / 1e6;
      const toS = w.toUs / 1e6;
      energyJ += integrateEnergyJ(rails.tUs.map((t) => t / 1e6), rails.v.map((mw) => mw / 1000), fromS, toS);
      durationS += toS - fromS;
      inferences += w.count;
      idleWeighted += idleW * (toS - fromS);
      continue;
    }
    for (const iv of inside) {
      const spanS = (iv.toUs - iv.fromUs) / 1e6;
      energyJ += (iv.mW / 1000) * spanS;
      durationS += spanS;
      idleWeighted += idleW * spanS;
      for (let k = 0; k < w.starts.length; k++) {
        const start = w.starts[k]!;
        const end = w.ends[k]!;
        if (end <= iv.fromUs || start >= iv.toUs) continue;
        inferences += end > start ? (Math.min(end, iv.toUs) - Math.max(start, iv.fromUs)) / (end - start) : 1;
      }
    }
  }
  if (durationS === 0 || inferences === 0) return { available: false, reason: 'The power rail readings do not cover this path.', wayOut: null };
  const result = energyPerInference({
    energyJ,
    idlePowerW: idleWeighted / durationS,
    durationS,
    inferences,
    source: 'power-rails',
    charging: false,
    sourceUpdateHz: rails.meta.updateHz,
    platform: session.header.device.platform,
  });
  if (result.available && short) result.caveats.push('The path was shorter than two readings of the power rails, so its figure also holds the moments around the inferences; run it longer for a steadier figure.');
  if (result.available && durationS < windowS / 2) {
    result.caveats.push(`The power rails were read over only ${durationS.toFixed(1)} s of the ${windowS.toFixed(1)} s this path ran; the figure stands for that part.`);
  }
  if (result.available && noPoints) result.caveats.push('Without per-inference points the figure covers the whole run of the tool, model load included, so it is slightly high.');
  return result;
}
