// One entry for every export format, used by the window, the CLI and the headless runs.
import { stat } from 'node:fs/promises';
import type { ExportFormat } from '../../shared/api-constants.js';
import type { ExportResult } from '../../shared/api.js';
import type { AnalysisOptions } from '../../shared/analysis/session-analysis.js';
import type { SessionData } from '../../shared/session/session-data.js';
import { UnavailableError } from '../api/errors.js';
import { writeChromeJson } from './chrome-json-export.js';
import { writeCsv } from './csv-export.js';
import { writeSummary } from './summary-export.js';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { perfetto: '.pftrace', json: '.trace.json', csv: '.csv', summary: '.summary.json' };

export function exportFileName(sessionFile: string, format: ExportFormat): string {
  return sessionFile.replace(/\.tsession$/, '') + EXPORT_EXTENSIONS[format];
}

export async function exportSession(session: SessionData, format: ExportFormat, file: string, options: AnalysisOptions): Promise<ExportResult> {
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
      throw new UnavailableError('The Perfetto export is not available in this version yet.', 'Export as json instead: ui.perfetto.dev opens it too.');
  }
  return { path: file, bytes: (await stat(file)).size };
}
