// The host-agnostic heart of the Node side: implements every call of the contract and
// owns the event hub. Electron IPC and the browser bridge both serve this one object.
import { mkdir } from 'node:fs/promises';
import type { ApiHandlers } from '../api/dispatch.js';
import { UnavailableError, NotFoundError } from '../api/errors.js';
import { ApiEventHub } from '../api/event-hub.js';
import { join } from 'node:path';
import { SessionStore } from '../sessions/session-store.js';
import { resolveAdbServerConfig, type AdbServerConfig } from '../devices/android/adb-server.js';
import { AndroidDevices } from './android-devices.js';

export interface CoreOptions {
  dataDir: string;
  version: string;
  /** The adb server to use; by default the one ANDROID_ADB_SERVER_PORT or 5037 names. */
  adb?: AdbServerConfig;
  log?: (line: string) => void;
}

export interface Core {
  readonly handlers: ApiHandlers;
  readonly events: ApiEventHub;
  readonly android: AndroidDevices;
  dispose(): Promise<void>;
}

const notYet = (what: string): UnavailableError =>
  new UnavailableError(`${what} is not available in this version of Tetherscope yet.`, null);

export function createCore(options: CoreOptions): Core {
  const events = new ApiEventHub();
  const sessionsDir = join(options.dataDir, 'sessions');
  const sessions = new SessionStore(sessionsDir);
  const log = options.log ?? (() => {});
  const android = new AndroidDevices(options.adb ?? resolveAdbServerConfig(), events, log);

  const handlers: ApiHandlers = {
    getAppInfo: async () => {
      await mkdir(sessionsDir, { recursive: true });
      return { name: 'Tetherscope', version: options.version, sessionsDir };
    },
    listDevices: () => android.list(),
    addVirtualDevice: async () => {
      throw notYet('The virtual phone');
    },
    removeVirtualDevice: async ({ deviceId }) => {
      throw new NotFoundError(`Virtual phone ${deviceId}`);
    },
    cleanDevice: async ({ deviceId }) => {
      throw new NotFoundError(`Phone ${deviceId}`, 'Plug the phone in and check that it is listed.');
    },
    inspectModel: async () => {
      throw notYet('Reading models');
    },
    startProfile: async () => {
      throw notYet('Profiling');
    },
    cancelProfile: async ({ sessionId }) => {
      throw new NotFoundError(`A running profile with id ${sessionId}`);
    },
    listSessions: () => sessions.list(),
    openSession: (ref) => sessions.open(ref),
    deleteSession: async ({ sessionId }) => {
      await sessions.delete(sessionId);
      return null;
    },
    exportSession: async ({ sessionId }) => {
      throw new NotFoundError(`Session ${sessionId}`);
    },
  };

  return {
    handlers,
    events,
    android,
    dispose: async () => {
      android.dispose();
      events.dispose();
    },
  };
}
