// The one plain-words line at the top of a session: which path fits the chosen frame
// budget, and what holds the faster one back.
import type { PathId } from '../../../shared/api-constants.js';
import { formatLatencyUs, formatShare } from '../format/units.js';
import { PATH_LABEL, type PathLabels } from '../paths.js';

export interface VerdictPath {
  path: PathId;
  p50Us: number | null;
  /** Share inside the chosen budget, 0..1. */
  shareInside: number | null;
  fallbackOpCount: number;
  /** Where the fallback ops ran, as the tool named it ("CPU"). */
  fallbackTo: string | null;
  failure: string | null;
  pointsUnavailable: string | null;
}

/** "97 %" in prose; above 99 % one decimal, as the table shows it, and never "100 %" for less than all. */
export function percentWords(share: number): string {
  if (share >= 1) return '100 %';
  if (share > 0.99) return formatShare(share, 1);
  if (share > 0 && share < 0.01) return 'under 1 %';
  return `${Math.round(share * 100)} %`;
}

const fitWords = (share: number): string =>
  share >= 1 ? 'every time' : share <= 0 ? 'never' : `${percentWords(share)} of the time`;

const opsWords = (n: number, to: string | null): string => `${n} ${n === 1 ? 'op falls' : 'ops fall'} back to the ${to ?? 'CPU'}`;

/** budgetWords: "a 120 Hz frame"; null when the budget is unknown (the phone's rate was not read). */
export function verdictLine(paths: readonly VerdictPath[], budgetWords: string | null, labels: PathLabels = PATH_LABEL): string {
  const usable = paths.filter((p) => p.failure === null && p.p50Us !== null);
  const notes: string[] = [];
  for (const p of paths) {
    if (p.failure !== null) notes.push(`${labels[p.path]} failed: ${p.failure}`);
    else if (p.p50Us === null && p.pointsUnavailable !== null) notes.push(`${labels[p.path]} has no per-inference timings: ${p.pointsUnavailable}`);
  }
  const tail = notes.length ? ` ${notes.map((n) => (/[.!?]$/.test(n) ? n : `${n}.`)).join(' ')}` : '';
  if (usable.length === 0) return notes.length ? notes.map((n) => (/[.!?]$/.test(n) ? n : `${n}.`)).join(' ') : 'No inferences have been recorded yet.';

  const fastest = usable.reduce((a, b) => (b.p50Us! < a.p50Us! ? b : a));
  if (budgetWords === null) {
    return `${labels[fastest.path]} is the fastest, ${formatLatencyUs(fastest.p50Us)} at the median; pick a refresh rate to see which path fits a frame.${tail}`;
  }
  const best = usable.reduce((a, b) => {
    const sa = a.shareInside ?? -1;
    const sb = b.shareInside ?? -1;
    return sb > sa || (sb === sa && b.p50Us! < a.p50Us!) ? b : a;
  });
  const bestShare = best.shareInside ?? 0;
  let line: string;
  if (bestShare <= 0) {
    line = `No path fits ${budgetWords}; the fastest, ${labels[fastest.path]}, takes ${formatLatencyUs(fastest.p50Us)} at the median`;
    if (fastest.fallbackOpCount > 0) line += ` and ${opsWords(fastest.fallbackOpCount, fastest.fallbackTo)}`;
  } else if (bestShare >= 1 && usable.filter((p) => (p.shareInside ?? 0) >= 1).length > 1) {
    const all = usable.filter((p) => (p.shareInside ?? 0) >= 1).map((p) => labels[p.path]);
    const names = all.length === usable.length ? (all.length === 2 ? 'Both paths' : `All ${all.length} paths`) : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
    line = `${names} fit ${budgetWords} every time; ${labels[fastest.path]} is the fastest, ${formatLatencyUs(fastest.p50Us)} at the median`;
    if (fastest.fallbackOpCount > 0) line += `, though ${opsWords(fastest.fallbackOpCount, fastest.fallbackTo)}`;
  } else {
    line = `${labels[best.path]} fits ${budgetWords} ${fitWords(bestShare)}`;
    if (fastest !== best) {
      const reasons = [`fits only ${fitWords(fastest.shareInside ?? 0)}`];
      if (fastest.fallbackOpCount > 0) reasons.unshift(opsWords(fastest.fallbackOpCount, fastest.fallbackTo));
      line += `; ${labels[fastest.path]} is faster at the median (${formatLatencyUs(fastest.p50Us)} against ${formatLatencyUs(best.p50Us)}) but ${reasons.join(' and it ')}`;
    } else if (best.fallbackOpCount > 0) {
      line += `, though ${opsWords(best.fallbackOpCount, best.fallbackTo)}`;
    }
  }
  return `${line}.${tail}`;
}
