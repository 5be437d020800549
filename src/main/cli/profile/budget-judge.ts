// Budgets for pipelines: each phone × path × budget is one verdict, in words and numbers.
import type { PathAnalysis } from '../../../shared/analysis/session-analysis.js';
import { quantileSorted, sortedFinite } from '../../../shared/analysis/quantiles.js';
import { pathLabels } from '../../../shared/path-labels.js';
import type { SessionData } from '../../../shared/session/session-data.js';

export type BudgetOutcome = 'pass' | 'fail' | 'unjudged';

export interface BudgetVerdict {
  budget: 'latency' | 'energy';
  outcome: BudgetOutcome;
  /** The figure judged (ms for latency, mJ for energy), null when there is none. */
  value: number | null;
  limit: number;
  unit: 'ms' | 'mJ';
  message: string;
}

export function judgeLatency(session: SessionData, path: PathAnalysis, percentile: number, limitMs: number): BudgetVerdict {
  const words = pathLabels(session.header.device.platform)[path.path];
  const base = { budget: 'latency' as const, limit: limitMs, unit: 'ms' as const };
  if (path.status !== 'ok') {
    return { ...base, outcome: 'fail', value: null, message: `${words} path did not run${path.failure ? `: ${path.failure}` : '.'} A path that cannot run fails its budget.` };
  }
  const points = session.points[path.path]?.latUs ?? [];
  let valueMs: number | null = null;
  let source = `p${percentile} of ${points.length} inferences`;
  if (points.length > 0) valueMs = quantileSorted(sortedFinite(points), percentile / 100)! / 1000;
  else if (path.toolAvgUs !== null) {
    // Without per-inference points only the average is known; it is judged, and said so.
    valueMs = path.toolAvgUs / 1000;
    source = `the tool's average (no per-inference points: ${path.pointsUnavailable ?? 'none recorded'})`;
  }
  if (valueMs === null) return { ...base, outcome: 'fail', value: null, message: `${words} path has no latency figure to judge.` };
  const pass = valueMs <= limitMs;
  return {
    ...base,
    outcome: pass ? 'pass' : 'fail',
    value: valueMs,
    message: `${words} path ${pass ? 'fits' : 'exceeds'} the ${limitMs.toFixed(2)} ms budget: ${source} is ${valueMs.toFixed(2)} ms.`,
  };
}

export function judgeEnergy(session: SessionData, path: PathAnalysis, limitMj: number): BudgetVerdict {
  const words = pathLabels(session.header.device.platform)[path.path];
  const base = { budget: 'energy' as const, limit: limitMj, unit: 'mJ' as const };
  if (path.status !== 'ok') return { ...base, outcome: 'fail', value: null, message: `${words} path did not run, so it fails its energy budget.` };
  if (!path.energy.available) {
    return { ...base, outcome: 'unjudged', value: null, message: `${words} path's energy cannot be judged: ${path.energy.reason}${path.energy.wayOut ? ` ${path.energy.wayOut}` : ''}` };
  }
  const mj = path.energy.joulesPerInference * 1000;
  const pass = mj <= limitMj;
  return { ...base, outcome: pass ? 'pass' : 'fail', value: mj, message: `${words} path ${pass ? 'fits' : 'exceeds'} the ${limitMj} mJ energy budget: ${mj.toFixed(3)} mJ per inference.` };
}
