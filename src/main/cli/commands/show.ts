import { analyzeSession } from '../../../shared/analysis/session-analysis.js';
import { CliUsageError, flagValue, parseArgs } from '../args.js';
import { parseBudget } from './export.js';
import { openSessionArg } from './open-session.js';

export const SHOW_HELP = `tetherscope show SESSION [--budget 120hz|16.7ms] [--json]

Reopens a session (a .tsession file or a session id) and prints what it holds, path by path.
A cut-off, damaged or newer-version file is read as far as it can be, and says so.`;

const ms = (us: number | null): string => (us === null ? '—' : (us / 1000).toFixed(2));

export async function runShow(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { budget: { value: true }, json: { value: false } });
  const [ref, ...extra] = args.positionals;
  if (!ref || extra.length) throw new CliUsageError('show takes exactly one SESSION.');
  const detail = await openSessionArg(ref);
  const h = detail.session.header;
  const analysis = analyzeSession(detail.session, { budget: parseBudget(flagValue(args, 'budget')), appOverheadMs: 0 });
  if (args.flags.has('json')) {
    console.log(JSON.stringify({ summary: detail.summary, warnings: detail.warnings, analysis }, null, 2));
    return 0;
  }
  console.log(`${h.model.name} on ${h.device.facts?.model ?? h.device.id}${h.device.virtual ? ' (virtual phone: modelled figures, not measurements)' : ''}`);
  console.log(`${new Date(h.createdAt).toISOString()} · ${detail.summary.status} · ${detail.path}`);
  for (const w of detail.warnings) console.log(`Note: ${w}`);
  console.log(`\n${'path'.padEnd(5)} ${'runs'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'in budget'.padStart(10)}  notes`);
  for (const p of analysis.paths) {
    const share = p.chosenBudget?.shareInside;
    const notes = [p.failure, p.pointsUnavailable, p.fallbackOpCount ? `${p.fallbackOpCount} ops fell back to the CPU` : null].filter(Boolean).join('; ');
    console.log(
      `${p.path.toUpperCase().padEnd(5)} ${String(p.latency.count).padStart(6)} ${ms(p.latency.p50Us).padStart(8)} ${ms(p.latency.p90Us).padStart(8)} ${ms(p.latency.p99Us).padStart(8)} ${(share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`).padStart(10)}  ${notes}`,
    );
  }
  return 0;
}
