// Reads a session file's text, whatever state it is in. A cut-off last line, a garbled
// line, or records from a newer Tetherscope each leave a plain-words warning and keep
// everything that could be read; only a file that is not a session at all is an error.
import { PATH_IDS, type PathId } from '../api-constants.js';
import { SESSION_FORMAT, SESSION_FORMAT_VERSION, type SessionHeader, type SessionRecord } from './records.js';
import { emptyPathPoints, type SessionData, type TelemetrySeries } from './session-data.js';

export type SessionReadResult =
  | { ok: true; session: SessionData; warnings: string[] }
  | { ok: false; error: string };

const isPath = (p: unknown): p is PathId => typeof p === 'string' && (PATH_IDS as readonly string[]).includes(p);
const isNumberArray = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => typeof x === 'number');

function isHeader(value: unknown): value is SessionHeader {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Partial<SessionHeader>;
  return h.r === 'header' && h.format === SESSION_FORMAT && typeof h.version === 'number' && typeof h.sessionId === 'string';
}

export function newSessionData(header: SessionHeader): SessionData {
  return { header, events: [], points: {}, warmupPoints: {}, series: [], results: [], conditions: null, toolLines: [], end: null };
}

export type ApplyOutcome = 'applied' | 'damaged' | 'unknown';

/**
 * Adds one record to a session. The file reader and the live window use this same fold,
 * so a session looks the same while it records and when it is reopened.
 */
export function applySessionRecord(session: SessionData, record: SessionRecord): ApplyOutcome {
  if (typeof record !== 'object' || record === null) return 'damaged';
  switch (record.r) {
    case 'event':
      session.events.push(record);
      return 'applied';
    case 'points': {
      if (!isPath(record.path) || !isNumberArray(record.tUs) || !isNumberArray(record.latUs) || record.tUs.length !== record.latUs.length) {
        return 'damaged';
      }
      const target = record.warmup ? session.warmupPoints : session.points;
      const pts = (target[record.path] ??= emptyPathPoints());
      for (let k = 0; k < record.tUs.length; k++) {
        pts.tUs.push(record.tUs[k]!);
        pts.latUs.push(record.latUs[k]!);
        pts.repeat.push(record.repeat);
      }
      return 'applied';
    }
    case 'series': {
      if (typeof record.id !== 'string') return 'damaged';
      // A series may be declared again later with what was learnt since (its update rate).
      const known = findSeries(session, record.id);
      if (known) known.meta = record;
      else session.series.push({ meta: record, tUs: [], v: [] });
      return 'applied';
    }
    case 'samples': {
      const s = findSeries(session, record.id);
      if (!s || !isNumberArray(record.tUs) || !isNumberArray(record.v) || record.tUs.length !== record.v.length) return 'damaged';
      for (let k = 0; k < record.tUs.length; k++) {
        s.tUs.push(record.tUs[k]!);
        s.v.push(record.v[k]!);
      }
      return 'applied';
    }
    case 'path-result':
      session.results.push(record.result);
      return 'applied';
    case 'conditions':
      session.conditions = record.conditions;
      return 'applied';
    case 'tool-line':
      session.toolLines.push(record);
      return 'applied';
    case 'end':
      session.end = record;
      return 'applied';
    case 'header':
      return 'damaged';
    default:
      return 'unknown';
  }
}

function findSeries(session: SessionData, id: unknown): TelemetrySeries | undefined {
  // Sessions hold a handful of series; a linear scan is cheaper than keeping an index in step.
  return session.series.find((s) => s.meta.id === id);
}

export function readSessionText(text: string): SessionReadResult {
  const lines = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  const first = lines[0]?.trim() ?? '';
  let header: unknown;
  try {
    header = JSON.parse(first);
  } catch {
    header = null;
  }
  if (!isHeader(header)) {
    return { ok: false, error: text.length === 0 ? 'The session file is empty.' : 'This file is not a Tetherscope session (its first line is not a session header).' };
  }
  const warnings: string[] = [];
  if (header.version > SESSION_FORMAT_VERSION) {
    warnings.push(
      `This session was written by a newer Tetherscope (format ${header.version}; this one reads format ${SESSION_FORMAT_VERSION}). What this version understands is shown; update Tetherscope to see the rest.`,
    );
  }
  const session = newSessionData(header);
  let garbled = 0;
  let unknown = 0;

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let record: SessionRecord;
    try {
      record = JSON.parse(line) as SessionRecord;
    } catch {
      if (i === lines.length - 1 && !endsCleanly) warnings.push('The session file ends in the middle of a line (Tetherscope or the phone stopped while writing it); the last partial record was left out.');
      else garbled++;
      continue;
    }
    const outcome = applySessionRecord(session, record);
    if (outcome === 'damaged') garbled++;
    else if (outcome === 'unknown') unknown++;
  }
  if (garbled > 0) warnings.push(`${garbled} damaged ${garbled === 1 ? 'line was' : 'lines were'} skipped.`);
  if (unknown > 0 && header.version <= SESSION_FORMAT_VERSION) warnings.push(`${unknown} records of an unknown kind were skipped.`);
  if (!session.end) warnings.push('The session has no end record: the run was interrupted (a crash, or Tetherscope was stopped). Everything recorded up to then is shown.');
  return { ok: true, session, warnings };
}
