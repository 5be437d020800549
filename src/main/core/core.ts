// The host-agnostic heart of the Node side: implements every call of the contract and
// owns the event hub. Electron IPC, the browser bridge and the CLI all use this one object.
import { mkdir, readFile } from 'node:fs/promises';
import type { AppInfo, Device } from '../../shared/api.js';
import { projectRoot } from './version.js';
import { join } from 'node:path';
import type { ApiHandlers } from '../api/dispatch.js';
import { NotFoundError, UnavailableError } from '../api/errors.js';
import { ApiEventHub } from '../api/event-hub.js';
import { LEDGER_OWNER, otherOwnerAlive, restorePhone } from '../capture/capture-engine.js';
import { loadModelFile } from '../capture/model-file.js';
import { exportFileName, exportSession } from '../export/export-session.js';
import { serveTraceOnce } from '../export/perfetto-ui.js';
import { resolveAdbServerConfig, type AdbServerConfig } from '../devices/android/adb-server.js';
import { SessionStore } from '../sessions/session-store.js';
import { startVirtualPhone, type RunningVirtualPhone } from '../devices/virtual/index.js';
import { AndroidDevices } from './android-devices.js';
import { ProfileRuns } from './profile-runs.js';
import { IosDevices } from './ios-devices.js';
import { removeProbeModels } from '../capture/ios/ios-model-push.js';
import type { RunningVirtualIphone } from '../devices/virtual-ios/virtual-iphone.js';
import { isVirtualIosProfile } from '../../shared/api-constants.js';
import { defaultUsbmuxAddress, parseUsbmuxAddress, type UsbmuxAddress } from '../devices/ios/usbmux-address.js';
import { SettingsFile } from './settings.js';

export interface CoreOptions {
  dataDir: string;
  version: string;
  /** Where sessions go; by default <dataDir>/sessions. */
  sessionsDir?: string;
  /** The adb server to use; by default the settings', else ANDROID_ADB_SERVER_PORT, else 5037. */
  adb?: AdbServerConfig;
  /** The usbmuxd to watch for iPhones; by default the settings', else USBMUXD_SOCKET_ADDRESS, else the system's. */
  usbmuxd?: UsbmuxAddress;
  log?: (line: string) => void;
}

export interface Core {
  readonly handlers: ApiHandlers;
  /** Starts a virtual phone when no phone is ready (what `npm start` does for a first run). */
  startVirtualIfNoPhone(): Promise<Device | null>;
  readonly events: ApiEventHub;
  readonly android: AndroidDevices;
  readonly ios: IosDevices;
  readonly sessions: SessionStore;
  readonly profiles: ProfileRuns;
  readonly settings: SettingsFile;
  dispose(): Promise<void>;
}

/** The committed sample models listed in resources/models/models.json (.tflite) and coreml-models.json (.mlmodel). */
async function sampleModels(): Promise<AppInfo['sampleModels']> {
  const dir = join(projectRoot(), 'resources', 'models');
  const listed: AppInfo['sampleModels'] = [];
  for (const manifestName of ['models.json', 'coreml-models.json']) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, manifestName), 'utf8')) as { models: { file: string; description: string; generatedOnDemand?: boolean }[] };
      for (const m of manifest.models) if (!m.generatedOnDemand) listed.push({ name: m.file, path: join(dir, m.file), description: m.description });
    } catch {
      // a missing manifest lists no samples
    }
  }
  return listed;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => {});
  const events = new ApiEventHub();
  const sessionsDir = options.sessionsDir ?? join(options.dataDir, 'sessions');
  await mkdir(sessionsDir, { recursive: true });
  const sessions = new SessionStore(sessionsDir);
  const settings = new SettingsFile(options.dataDir);
  await settings.load();
  if (settings.problem) log(settings.problem);
  const adbPort = settings.current.adbServerPort;
  const android = new AndroidDevices(options.adb ?? resolveAdbServerConfig(adbPort === null ? {} : { port: adbPort }), events, log);
  const usbmuxd = settings.current.usbmuxdAddress === null ? null : parseUsbmuxAddress(settings.current.usbmuxdAddress);
  if (settings.current.usbmuxdAddress !== null && usbmuxd === null) log(`The usbmuxd address in the settings (${settings.current.usbmuxdAddress}) is not UNIX:/path or host:port; the default is used.`);
  const ios = new IosDevices(events, log, options.usbmuxd ?? usbmuxd ?? defaultUsbmuxAddress());
  const profiles = new ProfileRuns(
    android,
    sessions,
    events,
    () => ({
      runner: { cliPath: settings.current.runnerCliPath, apkPath: settings.current.runnerApkPath },
      telemetryRateHz: settings.current.telemetryRateHz,
      baselineWaitMaxS: settings.current.baselineWaitMaxS,
      idleBaselineS: settings.current.idleBaselineS,
      probeWaitS: settings.current.probeWaitS,
    }),
    options.version,
    log,
    ios,
  );

  const virtualPhones = new Map<string, RunningVirtualPhone>();
  const virtualIphones = new Map<string, { phone: RunningVirtualIphone; unwatch: () => void }>();

  // On each new connection, undo what an interrupted run (a crash, an unplug) left behind.
  const tidied = new Set<string>();
  android.tracker.onChange((devices) => {
    const ready = new Set(devices.filter((d) => d.state === 'device').map((d) => d.id));
    for (const id of [...tidied]) if (!ready.has(id)) tidied.delete(id);
    for (const id of ready) {
      if (tidied.has(id) || profiles.isRunningOn(id)) continue;
      tidied.add(id);
      const busy = (owner: { host: string; pid: number }): boolean =>
        owner.host === LEDGER_OWNER.host && owner.pid === process.pid ? profiles.isRunningOn(id) : otherOwnerAlive(owner);
      void restorePhone(android.client.getDevice(id), id, false, busy).then(
        (undone) => undone.length > 0 && log(`Cleaned up after an interrupted run on ${id}: ${undone.join(', ')}.`),
        () => tidied.delete(id),
      );
    }
  });

  const handlers: ApiHandlers = {
    getAppInfo: async () => ({ name: 'Tetherscope', version: options.version, sessionsDir, sampleModels: await sampleModels() }),
    listDevices: async () => {
      const iphones = ios.list();
      try {
        return [...(await android.list()), ...iphones];
      } catch (error) {
        // No adb is no reason to hide the iPhones.
        if (iphones.length === 0) throw error;
        log(`Android phones cannot be listed: ${error instanceof Error ? error.message : String(error)}`);
        return iphones;
      }
    },
    addVirtualDevice: async ({ profile }) => {
      if (isVirtualIosProfile(profile)) {
        // Loaded only when asked: the iPhone simulator brings a TLS and certificate stack along.
        const { startVirtualIphone } = await import('../devices/virtual-ios/virtual-iphone.js');
        const phone = await startVirtualIphone({ profile });
        const unwatch = ios.watch(phone.address, { virtual: true });
        const device = (await ios.settle(10_000, phone.udid)).find((d) => d.id === phone.udid);
        if (!device) {
          unwatch();
          await phone.stop();
          throw new UnavailableError('The virtual iPhone started but its usbmuxd does not list it.', `Check ${phone.unixAddress}.`);
        }
        virtualIphones.set(phone.udid, { phone, unwatch });
        return device;
      }
      await android.ready();
      const phone = await startVirtualPhone({ profile, adbPort: android.config.port });
      virtualPhones.set(phone.serial, phone);
      const devices = await android.settle(10_000);
      const device = devices.find((d) => d.id === phone.serial);
      if (!device) throw new UnavailableError('The virtual phone started but the adb server does not list it.', `Check the adb server on port ${android.config.port}.`);
      return device;
    },
    removeVirtualDevice: async ({ deviceId }) => {
      const iphone = virtualIphones.get(deviceId);
      if (iphone) {
        virtualIphones.delete(deviceId);
        iphone.unwatch();
        await iphone.phone.stop();
        return null;
      }
      const phone = virtualPhones.get(deviceId);
      if (!phone) throw new NotFoundError(`A virtual phone started by this Tetherscope with id ${deviceId}`);
      virtualPhones.delete(deviceId);
      await phone.stop();
      return null;
    },
    cleanDevice: async ({ deviceId }) => {
      const iphone = ios.list().find((d) => d.id === deviceId && d.state === 'device');
      const connection = ios.tracker.connection(deviceId);
      if (iphone && connection) return { removed: await removeProbeModels(connection) };
      await android.ready();
      const device = android.tracker.devices().find((d) => d.id === deviceId && d.state === 'device');
      if (!device) throw new NotFoundError(`The phone ${deviceId}`, 'Plug it in and check that it is listed as ready.');
      const removed = await restorePhone(android.client.getDevice(deviceId), deviceId, true);
      return { removed };
    },
    inspectModel: async ({ path }) => (await loadModelFile(path)).info,
    startProfile: async (plan) => ({ sessionId: (await profiles.start(plan)).sessionId }),
    cancelProfile: async ({ sessionId }) => {
      profiles.cancel(sessionId);
      return null;
    },
    listSessions: () => sessions.list(),
    openSession: (ref) => sessions.open(ref),
    deleteSession: async ({ sessionId }) => {
      await sessions.delete(sessionId);
      return null;
    },
    exportSession: async ({ sessionId, format }) => {
      const detail = await sessions.open({ sessionId });
      return exportSession(detail.session, format, exportFileName(detail.path, format), { budget: detail.session.header.plan.frameBudget, appOverheadMs: 0 });
    },
    openInPerfetto: async ({ sessionId }) => {
      const detail = await sessions.open({ sessionId });
      const file = exportFileName(detail.path, 'perfetto');
      await exportSession(detail.session, 'perfetto', file, { budget: detail.session.header.plan.frameBudget, appOverheadMs: 0 });
      const served = await serveTraceOnce(file);
      return { url: served.url, expiresInS: 60 };
    },
    getSettings: async () => settings.current,
    updateSettings: (change) => settings.update(change as Parameters<SettingsFile['update']>[0]),
  };

  return {
    handlers,
    events,
    startVirtualIfNoPhone: async () => {
      // The first minute: a newcomer without a phone gets a virtual one, labelled virtual.
      const devices = await android.settle(3000).catch(() => []);
      if (devices.some((d) => d.state === 'device')) return null;
      return await handlers.addVirtualDevice({ profile: 'flagship' });
    },
    android,
    ios,
    sessions,
    profiles,
    settings,
    dispose: async () => {
      await profiles.cancelAll();
      for (const phone of virtualPhones.values()) await phone.stop().catch(() => {});
      for (const { phone, unwatch } of virtualIphones.values()) {
        unwatch();
        await phone.stop().catch(() => {});
      }
      android.dispose();
      ios.dispose();
      events.dispose();
    },
  };
}
