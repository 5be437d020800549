import { compareSessions, type PathComparison } from '../../../shared/analysis/compare.js';
import { budgetMs } from '../../../shared/analysis/frame-budget.js';
import { pathLabels, type PathLabels } from '../../../shared/path-labels.js';
import { CliUsageError, flagValue, parseArgs } from '../args.js';
import { parseBudget } from './export.js';
import { openSessionArg } from './open-session.js';

export const COMPARE_HELP = `tetherscope compare A B [--fail-on-regression PCT] [--budget 120hz|16.7ms] [--json]

Compares two sessions (files or ids) path by path: p50, p90, p99, the share of inferences
inside the frame budget and energy per inference, with 95 % intervals from a block bootstrap
that respects how latency drifts with heat. Exits 1 when a path regressed by more than PCT
percent (default 5) with --fail-on-regression, else 0.`;

function table(rows: PathComparison[], labels: PathLabels): string {
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`${labels[r.path]}: ${r.verdict}. ${r.reason}`);
    for (const d of r.deltas) {
      const fmt = (v: number): string => (d.unit === 'µs' ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(1)} %`);
      const change = d.unit === 'µs' ? `${(d.change * 100).toFixed(1)} % [${(d.low * 100).toFixed(1)}, ${(d.high * 100).toFixed(1)}]` : `${d.change.toFixed(1)} points [${d.low.toFixed(1)}, ${d.high.toFixed(1)}]`;
      lines.push(`  ${d.metric.padEnd(12)} ${fmt(d.a).padStart(10)} → ${fmt(d.b).padStart(10)}   change ${change}`);
    }
    if (r.energy) lines.push(`  energy       ${r.energy.aMj.toFixed(3)} mJ → ${r.energy.bMj.toFixed(3)} mJ per inference (${(r.energy.change * 100).toFixed(1)} %, one figure per run)`);
  }
  return lines.join('\n');
}

export async function runCompare(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { 'fail-on-regression': { value: true }, budget: { value: true }, json: { value: false } });
  const [a, b, ...extra] = args.positionals;
  if (!a || !b || extra.length) throw new CliUsageError('compare takes two sessions, A and B.');
  const raw = flagValue(args, 'fail-on-regression');
  const pct = raw === undefined ? 5 : Number(raw.replace(/%$/, ''));
  if (!Number.isFinite(pct) || pct < 0 || pct > 1000) throw new CliUsageError(`--fail-on-regression must be a percentage such as 5, not "${raw}".`);
  const [da, db] = [await openSessionArg(a), await openSessionArg(b)];
  const refresh = da.session.header.device.facts?.refreshRateHz ?? null;
  const budget = budgetMs(parseBudget(flagValue(args, 'budget')), refresh) ?? 1000 / 60;
  const rows = compareSessions(da.session, db.session, { threshold: pct / 100, budgetMs: budget });
  if (args.flags.has('json')) console.log(JSON.stringify({ a: da.summary, b: db.summary, threshold_pct: pct, budget_ms: budget, paths: rows }, null, 2));
  else console.log(table(rows, pathLabels(da.session.header.device.platform === db.session.header.device.platform ? da.session.header.device.platform : null)));
  const regressed = rows.some((r) => r.verdict === 'regressed');
  return raw !== undefined && regressed ? 1 : 0;
}
