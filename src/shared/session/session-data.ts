// A session folded from its records: what the window, the analysis and the exports read.
import type { PathId } from '../api-constants.js';
import type {
  PathResult,
  SessionConditions,
  SessionEndRecord,
  SessionEventRecord,
  SessionHeader,
  SessionSeriesRecord,
  SessionToolLineRecord,
} from './records.js';

export interface PathPoints {
  /** Inference start, µs after the session's device clock origin. */
  tUs: number[];
  latUs: number[];
  repeat: number[];
}

export interface TelemetrySeries {
  meta: SessionSeriesRecord;
  tUs: number[];
  v: number[];
}

export interface SessionData {
  header: SessionHeader;
  events: SessionEventRecord[];
  points: Partial<Record<PathId, PathPoints>>;
  warmupPoints: Partial<Record<PathId, PathPoints>>;
  series: TelemetrySeries[];
  results: PathResult[];
  conditions: SessionConditions | null;
  toolLines: SessionToolLineRecord[];
  end: SessionEndRecord | null;
}

export function emptyPathPoints(): PathPoints {
  return { tUs: [], latUs: [], repeat: [] };
}
