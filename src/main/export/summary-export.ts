// The JSON summary: the analysis figures of every path, with the session's facts.
import { writeFile } from 'node:fs/promises';
import { analyzeSession, type AnalysisOptions } from '../../shared/analysis/session-analysis.js';
import type { SessionData } from '../../shared/session/session-data.js';

export function sessionSummary(session: SessionData, options: AnalysisOptions): object {
  const h = session.header;
  return {
    format: 'tetherscope-summary',
    version: 1,
    session: h.sessionId,
    created_at: new Date(h.createdAt).toISOString(),
    device: { id: h.device.id, virtual: h.device.virtual, ...h.device.facts, build_type: h.device.buildType },
    note: h.device.virtual ? 'A virtual phone: every figure is a model, not a measurement.' : null,
    model: h.model,
    plan: h.plan,
    conditions: session.conditions,
    status: session.end?.status ?? 'interrupted',
    analysis: analyzeSession(session, options),
  };
}

export async function writeSummary(session: SessionData, file: string, options: AnalysisOptions): Promise<void> {
  await writeFile(file, `${JSON.stringify(sessionSummary(session, options), null, 2)}\n`);
}
