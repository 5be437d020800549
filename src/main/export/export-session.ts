// One entry for every export format, used by the window, the CLI and the headless runs.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ExportFormat } from '../../shared/api-constants.js';
import type { ExportResult } from '../../shared/api.js';
import type { AnalysisOptions } from '../../shared/analysis/session-analysis.js';
import type { SessionData } from '../../shared/session/session-data.js';
import { writeChromeJson } from './chrome-json-export.js';
import { writeCsv } from './csv-export.js';
import { writePerfetto } from './perfetto-export.js';
import { writeSummary } from './summary-export.js';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { perfetto: '.pftrace', json: '.trace.json', csv: '.csv', summary: '.summary.json' };

export function exportFileName(sessionFile: string, format: ExportFormat): string {
  return sessionFile.replace(/\.tsession$/, '') + EXPORT_EXTENSIONS[format];
}

/** `sessionDir` holds the session file and the phone's traces beside it; by default the export's own folder. */
export async function exportSession(session: SessionData, format: ExportFormat, file: string, options: AnalysisOptions, sessionDir = dirname(file)): Promise<ExportResult> {
  switch (format) {
    case 'csv':
      await writeCsv(session, file);
      break;
    case 'json':
      await writeChromeJson(session, file);
      break;
    case 'summary':
      await writeSummary(session, file, options);
      break;
    case 'perfetto':
      await writePerfetto(session, file, sessionDir);
      break;
  }
  return { path: file, bytes: (await stat(file)).size };
}
