import { basename, dirname } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api-constants.js';
import { exportSession, exportFileName } from '../../export/export-session.js';
import { CliUsageError, flagValue, parseArgs } from '../args.js';
import { openSessionArg } from './open-session.js';

export const EXPORT_HELP = `tetherscope export SESSION --format ${EXPORT_FORMATS.join('|')} [-o FILE] [--budget 120hz|16.7ms]

Writes a session (a .tsession file or a session id) in another format:
  perfetto  a Perfetto trace (.pftrace) for ui.perfetto.dev
  json      Chrome Trace Event JSON for chrome://tracing and ui.perfetto.dev
  csv       one row per inference and one per telemetry sample
  summary   the analysis figures of every path, as JSON`;

export function parseBudget(text: string | undefined): { kind: 'device' } | { kind: 'hz'; hz: number } | { kind: 'ms'; ms: number } {
  if (text === undefined) return { kind: 'device' };
  const hz = /^(\d+(?:\.\d+)?)\s*hz$/i.exec(text);
  if (hz) return { kind: 'hz', hz: Number(hz[1]) };
  const ms = /^(\d+(?:\.\d+)?)\s*ms$/i.exec(text);
  if (ms) return { kind: 'ms', ms: Number(ms[1]) };
  throw new CliUsageError(`--budget must look like 60hz, 120hz or 16.7ms, not "${text}".`);
}

export async function runExport(argv: readonly string[]): Promise<number> {
  const normalized = argv.map((a) => (a === '-o' ? '--output' : a));
  const args = parseArgs(normalized, { format: { value: true }, output: { value: true }, budget: { value: true } });
  const [ref, ...extra] = args.positionals;
  if (!ref || extra.length) throw new CliUsageError('export takes exactly one SESSION.');
  const format = flagValue(args, 'format');
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CliUsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  const detail = await openSessionArg(ref);
  const out = flagValue(args, 'output') ?? exportFileName(basename(detail.path), format as ExportFormat);
  // The phone's own traces sit beside the session file, wherever the export goes.
  const result = await exportSession(detail.session, format as ExportFormat, out, { budget: parseBudget(flagValue(args, 'budget')), appOverheadMs: 0 }, dirname(detail.path));
  console.log(`Wrote ${result.path} (${(result.bytes / 1e6).toFixed(2)} MB).`);
  return 0;
}
