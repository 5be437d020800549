// The whole surface the window may use. Types only, plus the fixed lists of call and
// event names the hosts (Electron preload, browser host script, test fake) are built from.
import type { PathId } from './api-constants.js';
import type { ApiInputs } from './api-schemas.js';
import type { SessionData } from './session/session-data.js';
import type { SessionRecord } from './session/records.js';
import type { HostTimeMs } from './units.js';

export type { ExportFormat, PathId, VirtualProfile } from './api-constants.js';
export type { ApiInputs, AppSettings, FrameBudget, PathPlan, ProfilePlan } from './api-schemas.js';
import type { AppSettings } from './api-schemas.js';

export interface AppInfo {
  name: 'Tetherscope';
  version: string;
  sessionsDir: string;
  /** Models that ship with Tetherscope, for a first run without a model of one's own. */
  sampleModels: { name: string; path: string; description: string }[];
}

export type DevicePlatform = 'android' | 'ios';
export type DeviceTransport = 'usb' | 'tcp' | 'farm' | 'virtual';
export type DeviceState = 'device' | 'unauthorized' | 'offline';

export interface DeviceFacts {
  manufacturer: string | null;
  model: string | null;
  soc: string | null;
  os: string | null;
  sdk: number | null;
  abi: string | null;
  refreshRateHz: number | null;
  accelerators: string[];
}

export interface Device {
  id: string;
  platform: DevicePlatform;
  transport: DeviceTransport;
  state: DeviceState;
  /** True when the phone itself reports that it is Tetherscope's virtual phone. */
  virtual: boolean;
  facts: DeviceFacts | null;
  /** What the user can do about the state, in plain words; null when nothing is needed. */
  hint: string | null;
}

export interface ModelInfo {
  path: string;
  name: string;
  bytes: number;
  sha256: string;
  format: 'tflite' | 'mlmodel';
  ops: { opType: string; count: number }[];
}

export interface SessionSummary {
  sessionId: string;
  createdAt: HostTimeMs;
  deviceLabel: string;
  virtual: boolean;
  modelName: string;
  paths: PathId[];
  status: 'running' | 'complete' | 'cancelled' | 'failed' | 'interrupted';
}

/** The whole session as the window reads it. */
export interface SessionDetail {
  summary: SessionSummary;
  session: SessionData;
  /** What could not be read, in plain words (a cut-off file, a newer format). */
  warnings: string[];
  path: string;
}

export interface ExportResult {
  path: string;
  bytes: number;
}

export interface ProfileProgress {
  sessionId: string;
  path: PathId | null;
  phase: 'deploy' | 'warmup' | 'run' | 'cooldown' | 'decode' | 'done';
  /** 0..1 over the whole plan. */
  fraction: number;
  etaMs: number | null;
  message: string;
}

/**
 * A running session's new records, in order: the same records its file receives, so the
 * window folds them with applySessionRecord exactly as a reopened file is read. The first
 * batch of a session starts with its header.
 */
export interface SessionEventBatch {
  sessionId: string;
  records: SessionRecord[];
}

/** Every failure crosses the boundary in this shape and is shown in plain words. */
export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
  hint: string | null;
}

export type ApiErrorCode =
  | 'invalid-input'
  | 'unknown-call'
  | 'not-found'
  | 'unavailable'
  | 'device'
  | 'model'
  | 'runner'
  | 'timeout'
  | 'internal';

export interface ApiResults {
  getAppInfo: AppInfo;
  listDevices: Device[];
  addVirtualDevice: Device;
  removeVirtualDevice: null;
  cleanDevice: { removed: string[] };
  inspectModel: ModelInfo;
  startProfile: { sessionId: string };
  cancelProfile: null;
  listSessions: SessionSummary[];
  openSession: SessionDetail;
  deleteSession: null;
  exportSession: ExportResult;
  /** Exports the session as a Perfetto trace and serves it once to ui.perfetto.dev: open `url` in a browser. */
  openInPerfetto: { url: string; expiresInS: number };
  getSettings: AppSettings;
  updateSettings: AppSettings;
}

export interface ApiEvents {
  devicesChanged: Device[];
  profileProgress: ProfileProgress;
  sessionEvents: SessionEventBatch;
}

export type ApiCallName = keyof ApiResults;
export type ApiEventName = keyof ApiEvents;
export type Disposer = () => void;

/**
 * Calls resolve to a reply and never reject: a reply survives every host's transport
 * (Electron's contextBridge keeps only the message of a thrown error). The window turns
 * replies back into thrown errors in one place (src/renderer/src/api.ts).
 */
type CallFn<K extends ApiCallName> = ApiInputs[K] extends undefined
  ? () => Promise<ApiReply<ApiResults[K]>>
  : (input: ApiInputs[K]) => Promise<ApiReply<ApiResults[K]>>;

type EventFnName<K extends string> = `on${Capitalize<K>}`;

export type TetherscopeApi = { readonly [K in ApiCallName]: CallFn<K> } & {
  readonly [K in ApiEventName as EventFnName<K>]: (listener: (payload: ApiEvents[K]) => void) => Disposer;
};

export const API_CALL_NAMES = [
  'getAppInfo',
  'listDevices',
  'addVirtualDevice',
  'removeVirtualDevice',
  'cleanDevice',
  'inspectModel',
  'startProfile',
  'cancelProfile',
  'listSessions',
  'openSession',
  'deleteSession',
  'exportSession',
  'openInPerfetto',
  'getSettings',
  'updateSettings',
] as const satisfies readonly ApiCallName[];

export const API_EVENT_NAMES = ['devicesChanged', 'profileProgress', 'sessionEvents'] as const satisfies readonly ApiEventName[];

export const eventFnName = <K extends ApiEventName>(name: K): EventFnName<K> =>
  `on${name[0]!.toUpperCase()}${name.slice(1)}` as EventFnName<K>;

/** Electron IPC channels: fixed, prefixed, one per call, one for batched events. */
export const IPC_CHANNEL_PREFIX = 'tetherscope:';
export const ipcCallChannel = (name: ApiCallName): string => `${IPC_CHANNEL_PREFIX}call:${name}`;
export const IPC_EVENTS_CHANNEL = `${IPC_CHANNEL_PREFIX}events`;

/** One streamed event as it travels inside a batch. */
export type ApiEventEnvelope = { [K in ApiEventName]: { event: K; payload: ApiEvents[K] } }[ApiEventName];

/** What a call returns over any transport: exactly one of result or error. */
export type ApiReply<T> = { ok: true; result: T } | { ok: false; error: ApiErrorPayload };

export class TetherscopeApiError extends Error {
  override readonly name = 'TetherscopeApiError';
  readonly code: ApiErrorCode;
  readonly hint: string | null;
  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.hint = payload.hint;
  }
}
