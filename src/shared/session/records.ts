// The session file: JSON Lines, one record per line, append-only. The first line is the
// header; every later line adds to what came before, so a file cut off at any point (a
// crash, an unplugged phone) still reads up to its last whole line.
//
// Device times are microseconds (float) after the header's deviceClockOriginNs, a BOOTTIME
// nanosecond count kept as a decimal string: exact, compact, and safe in a JSON number.
import type { PathId } from '../api-constants.js';
import type { ProfilePlan } from '../api-schemas.js';
import type { DeviceFacts, DevicePlatform, DeviceTransport } from '../api.js';
import type { HostTimeMs } from '../units.js';

export const SESSION_FORMAT = 'tetherscope-session';
export const SESSION_FORMAT_VERSION = 1;
export const SESSION_FILE_EXTENSION = '.tsession';

export interface SessionDeviceInfo {
  id: string;
  platform: DevicePlatform;
  transport: DeviceTransport;
  virtual: boolean;
  facts: DeviceFacts | null;
  buildType: string | null;
}

export interface SessionModelInfo {
  name: string;
  bytes: number;
  sha256: string;
  format: 'tflite' | 'mlmodel';
  ops: { opType: string; count: number }[];
}

export interface SessionConditions {
  screenKeptOn: boolean | null;
  batterySaverOff: boolean | null;
  charging: boolean | null;
  /** Temperature the phone had to return to before each path, °C. */
  baselineTemperatureC: number | null;
  pathOrder: PathId[][];
  notes: string[];
}

export interface SessionHeader {
  r: 'header';
  format: typeof SESSION_FORMAT;
  version: number;
  sessionId: string;
  createdAt: HostTimeMs;
  tool: { name: 'Tetherscope'; version: string };
  device: SessionDevice;
  model: SessionModelInfo;
  plan: ProfilePlan;
  deviceClockOriginNs: string;
}
type SessionDevice = SessionDeviceInfo;

export type SessionEventKind =
  | 'path-start'
  | 'path-end'
  | 'throttling'
  | 'disconnect'
  | 'reconnect'
  | 'error'
  | 'cancelled'
  | 'note';

export interface SessionEventRecord {
  r: 'event';
  kind: SessionEventKind;
  at: HostTimeMs;
  /** Device time of the event when known, µs after the origin. */
  tUs: number | null;
  path: PathId | null;
  message: string;
}

/** A batch of per-inference points of one path, in time order. */
export interface SessionPointsRecord {
  r: 'points';
  path: PathId;
  repeat: number;
  warmup: boolean;
  /** Start of each inference, µs after the origin. */
  tUs: number[];
  /** Latency of each inference, µs. */
  latUs: number[];
}

export type TelemetryKind = 'power' | 'current' | 'voltage' | 'temperature' | 'frequency' | 'thermal-status' | 'charge' | 'other';

export interface SessionSeriesRecord {
  r: 'series';
  id: string;
  name: string;
  kind: TelemetryKind;
  unit: string;
  /** How often the source really changed, when detected. */
  updateHz: number | null;
  source: string;
}

export interface SessionSamplesRecord {
  r: 'samples';
  id: string;
  tUs: number[];
  v: number[];
}

export interface FallbackOp {
  opType: string;
  count: number;
  /** Where it ran instead: "CPU" usually. */
  ranOn: string;
  reason: string | null;
  /** Share of the path's op time, 0..1, when op profiling measured it. */
  timeShare: number | null;
}

export interface PathAggregates {
  initUs: number | null;
  firstUs: number | null;
  warmupAvgUs: number | null;
  avgUs: number | null;
  count: number | null;
}

export interface PathResult {
  path: PathId;
  repeat: number;
  status: 'ok' | 'failed' | 'cancelled';
  /** The tool's own words when the path failed. */
  failure: string | null;
  runner: string;
  aggregates: PathAggregates;
  /** Average of the untraced control pass, to show what tracing costs. */
  controlAvgUs: number | null;
  delegate: { name: string; nodesDelegated: number; nodesTotal: number; partitions: number | null } | null;
  fallbackOps: FallbackOp[];
  /** Why there are no per-inference points, when there are none. */
  pointsUnavailable: string | null;
  /** Inferences the trace lost (buffer overruns), shown as gaps. */
  lostInferences: number;
  idlePowerW: number | null;
  /** Idle power of the ODPM power rails before the path, when the phone has them (absent in older sessions). */
  idleRailsPowerW?: number | null;
  startUs: number | null;
  endUs: number | null;
  /** The phone's own trace of the traced pass, saved beside the session file (file name), when kept. */
  deviceTrace: string | null;
}

export interface SessionPathResultRecord {
  r: 'path-result';
  result: PathResult;
}

export interface SessionConditionsRecord {
  r: 'conditions';
  conditions: SessionConditions;
}

/** A line the benchmark tool printed, kept as printed (aggregates, delegate lines, failures). */
export interface SessionToolLineRecord {
  r: 'tool-line';
  at: HostTimeMs;
  path: PathId | null;
  line: string;
}

export interface SessionEndRecord {
  r: 'end';
  at: HostTimeMs;
  status: 'complete' | 'cancelled' | 'failed' | 'interrupted';
  message: string | null;
}

export type SessionRecord =
  | SessionHeader
  | SessionEventRecord
  | SessionPointsRecord
  | SessionSeriesRecord
  | SessionSamplesRecord
  | SessionPathResultRecord
  | SessionConditionsRecord
  | SessionToolLineRecord
  | SessionEndRecord;
