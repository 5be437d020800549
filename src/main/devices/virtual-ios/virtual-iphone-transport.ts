// The transport half of the virtual iPhone: usbmuxd (Unix socket + TCP) in front of one phone
// whose lockdownd, diagnostics_relay, house_arrest/AFC and installation_proxy speak the real
// wire protocols, so libimobiledevice and appium-ios-device drive it as they drive a phone.
import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureContext } from 'node:tls';
import { AfcStore, AFC_STORE_DEFAULT_LIMIT_BYTES } from './afc-store.js';
import { serveAfc } from './afc-session.js';
import { iosLockdownDomains, type IosDeviceFacts } from './device-facts.js';
import { DIAGNOSTICS_RELAY_SERVICE, serveDiagnosticsRelay } from './diagnostics-relay.js';
import { VirtualIphoneStartError } from './errors.js';
import { HOUSE_ARREST_SERVICE, serveHouseArrest } from './house-arrest.js';
import { INSTALLATION_PROXY_SERVICE, serveInstallationProxy } from './installation-proxy.js';
import { IosAppRegistry, type IosInstalledApp } from './installed-apps.js';
import { LOCKDOWN_PORT, serveLockdown, type LockdownDevice } from './lockdownd.js';
import { iosPairRecordPlist, type IosPairRecord } from './pair-record.js';
import { defaultPairRecordCacheDir, loadOrCreateIosPairRecord } from './pair-record-cache.js';
import type { PlistObject } from '../ios/wire/plist-codec.js';
import { IosServicePorts } from './service-ports.js';
import { createDeviceTlsContext, upgradeToDeviceTls } from './tls-upgrade.js';
import { UsbmuxServer } from './usbmux-server.js';
import type { IosAppContainer, IosDevicePortHandler, IosPhoneBody } from './virtual-iphone-contracts.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

export { PROBE_APP_BUNDLE_ID, type IosInstalledApp } from './installed-apps.js';
export { TETHERSCOPE_VIRTUAL_DOMAIN, TETHERSCOPE_VIRTUAL_KEY, type IosDeviceFacts } from './device-facts.js';
export type { VirtualIphoneEvent, VirtualIphoneLog } from './virtual-iphone-log.js';

/** usbmuxd on Windows/WSL (Apple Mobile Device Service). */
const REAL_USBMUXD_TCP_PORT = 27015;
/** adb probes these for emulators. */
const ADB_EMULATOR_PORTS = { first: 5555, last: 5585 } as const;
const DEFAULT_STALLED_MESSAGE_MS = 10_000;
const MEDIA_DIRECTORIES = ['/PublicStaging', '/Downloads', '/DCIM'] as const;

export interface StartVirtualIphoneTransportOptions {
  /** `XXXXXXXX-XXXXXXXXXXXXXXXX` (or legacy 40 hex digits); default: a new random one. */
  readonly udid?: string;
  readonly facts: IosDeviceFacts;
  readonly body: IosPhoneBody;
  /** Unix socket path; default `usbmuxd.sock` in a fresh mkdtemp dir under os.tmpdir(). */
  readonly socketPath?: string;
  /** TCP port on 127.0.0.1; default 0 (ephemeral). */
  readonly tcpPort?: number;
  /** Device TCP ports served by the caller (the probe app), reached through usbmuxd Connect. */
  readonly ports?: ReadonlyMap<number, IosDevicePortHandler>;
  readonly installedApps?: readonly IosInstalledApp[];
  /** `false`: this computer has no pair record for the phone (nobody tapped Trust yet). Default true. */
  readonly paired?: boolean;
  /** Where pair records are cached by UDID; null = generate every time. Default: a dir under os.tmpdir() when `udid` is given. */
  readonly pairRecordCacheDir?: string | null;
  /** Byte budget of each file store (media, each container). */
  readonly storeLimitBytes?: number;
  /** A connection that stops part-way through a message is closed after this long. */
  readonly stalledMessageMs?: number;
  readonly log?: VirtualIphoneLog;
}

export interface RunningVirtualIphoneTransport {
  readonly udid: string;
  /** For USBMUXD_SOCKET_ADDRESS, exactly as libusbmuxd wants it: `UNIX:/path`. */
  readonly unixAddress: string;
  readonly socketPath: string;
  /** `127.0.0.1:PORT`. */
  readonly tcpAddress: string;
  readonly tcpPort: number;
  /** An app's data container (house_arrest VendContainer sees the same bytes). */
  container(bundleId: string): IosAppContainer;
  /** The media partition (com.apple.afc). */
  readonly media: IosAppContainer;
  /** Serve a device port from now on (replaces any handler); returns a function that stops serving it. */
  servePort(port: number, handler: IosDevicePortHandler): () => void;
  /** Plug the phone back in: listeners get Attached (with a new DeviceID). */
  attach(): void;
  /** Unplug: open device connections are cut, listeners get Detached, ListDevices is empty, Connect fails. */
  detach(): void;
  readonly attached: boolean;
  /** Closes every socket and server and removes the Unix socket. Idempotent. */
  stop(): Promise<void>;
}

export async function startVirtualIphoneTransport(options: StartVirtualIphoneTransportOptions): Promise<RunningVirtualIphoneTransport> {
  const udid = options.udid ?? newUdid();
  if (!/^[0-9A-F]{8}-[0-9A-F]{16}$/.test(udid) && !/^[0-9a-f]{40}$/.test(udid)) {
    throw new VirtualIphoneStartError(`UDID ${udid} is neither XXXXXXXX-XXXXXXXXXXXXXXXX (uppercase hex) nor 40 lowercase hex digits`);
  }
  const tcpPort = options.tcpPort ?? 0;
  if (tcpPort === REAL_USBMUXD_TCP_PORT || (tcpPort >= ADB_EMULATOR_PORTS.first && tcpPort <= ADB_EMULATOR_PORTS.last)) {
    throw new VirtualIphoneStartError(`TCP port ${tcpPort} is reserved (27015 is usbmuxd on Windows/WSL, 5555-5585 adb emulators)`);
  }
  if (options.ports?.has(LOCKDOWN_PORT) === true) throw new VirtualIphoneStartError(`device port ${LOCKDOWN_PORT} is lockdownd's`);

  const log: VirtualIphoneLog = options.log ?? (() => undefined);
  const stalledMessageMs = options.stalledMessageMs ?? DEFAULT_STALLED_MESSAGE_MS;
  const storeLimit = options.storeLimitBytes ?? AFC_STORE_DEFAULT_LIMIT_BYTES;
  const pairing: { record: IosPairRecord; hostRecord: PlistObject | null; tls: SecureContext } = (() => {
    // A random UDID is never seen again, so only a caller-chosen one is worth caching.
    const cacheDir = options.pairRecordCacheDir === undefined ? (options.udid === undefined ? null : defaultPairRecordCacheDir()) : options.pairRecordCacheDir;
    const record = loadOrCreateIosPairRecord(udid, cacheDir);
    return { record, hostRecord: options.paired === false ? null : iosPairRecordPlist(record), tls: createDeviceTlsContext(record) };
  })();
  const devicePublicKeyPem = createPublicKey(pairing.record.devicePrivateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
  const apps = new IosAppRegistry(options.installedApps ?? [], storeLimit);
  const media = new AfcStore('com.apple.afc', storeLimit, MEDIA_DIRECTORIES);
  const userPorts = new Map<number, IosDevicePortHandler>(options.ports ?? []);
  const servicePorts = new IosServicePorts((port) => port === LOCKDOWN_PORT || userPorts.has(port));
  const model = options.facts.ProductType;

  const withServiceTls = (serve: (stream: Duplex) => void) => (socket: Socket) =>
    upgradeToDeviceTls(socket, pairing.tls, 'service', log, serve);
  const services = new Map<string, (socket: Socket) => void>([
    [DIAGNOSTICS_RELAY_SERVICE, withServiceTls((s) => serveDiagnosticsRelay(s, { body: options.body, log, stalledMessageMs }))],
    ['com.apple.afc', withServiceTls((s) => serveAfc(s, { store: media, root: '/', model, log, stalledMessageMs }))],
    [HOUSE_ARREST_SERVICE, withServiceTls((s) => serveHouseArrest(s, { apps, model, log, stalledMessageMs }))],
    [INSTALLATION_PROXY_SERVICE, withServiceTls((s) => serveInstallationProxy(s, { apps, media, log, stalledMessageMs }))],
  ]);

  const lockdownDevice: LockdownDevice = {
    domains: () =>
      iosLockdownDomains({
        udid,
        facts: options.facts,
        body: options.body,
        devicePublicKeyPem,
        wifiMacAddress: pairing.record.wifiMacAddress,
        usedBytes: () => media.usedBytes + apps.usedBytes(),
      }),
    pairedHostId: () => {
      const hostId = pairing.hostRecord?.['HostID'];
      return typeof hostId === 'string' ? hostId : null;
    },
    pair: (record) => {
      // idevicepair builds its own record from DevicePublicKey; usbmuxd then stores it (SavePairRecord).
      if (typeof record['HostID'] !== 'string') return null;
      return pairing.record.escrowBag;
    },
    startService: (service) => {
      // Developer services moved behind the iOS 17 RemoteXPC tunnel: lockdown answers InvalidService.
      const serve = services.get(service);
      if (serve === undefined) return null;
      return { port: servicePorts.open(serve), enableServiceSsl: true };
    },
    tlsContext: () => pairing.tls,
  };

  const usbmux = new UsbmuxServer({
    log,
    stalledMessageMs,
    device: {
      udid,
      portHandler: (port) => {
        if (port === LOCKDOWN_PORT) return (socket) => serveLockdown(socket, { device: lockdownDevice, log, stalledMessageMs });
        const user = userPorts.get(port);
        if (user !== undefined) return user;
        return servicePorts.take(port);
      },
      pairRecord: () => pairing.hostRecord,
      savePairRecord: (record) => {
        // Keep the phone's own key; take the host's certificates and ids.
        pairing.hostRecord = { ...record };
        const deviceCert = record['DeviceCertificate'];
        if (Buffer.isBuffer(deviceCert)) {
          try {
            pairing.tls = createDeviceTlsContext({ ...pairing.record, deviceCertificate: deviceCert.toString('utf8') });
          } catch {
            // A certificate that does not match our key: keep serving the old one.
          }
        }
      },
      deletePairRecord: () => {
        pairing.hostRecord = null;
      },
    },
  });

  const ownDir = options.socketPath === undefined ? mkdtempSync(path.join(tmpdir(), 'tetherscope-iphone-')) : null;
  const socketPath = options.socketPath ?? path.join(ownDir ?? tmpdir(), 'usbmuxd.sock');
  let boundTcpPort: number;
  try {
    await usbmux.listenUnix(socketPath);
    boundTcpPort = await usbmux.listenTcp(tcpPort);
  } catch (error) {
    await usbmux.close();
    cleanup(socketPath, ownDir);
    throw new VirtualIphoneStartError(`cannot listen: ${error instanceof Error ? error.message : String(error)}`);
  }

  let stopped: Promise<void> | undefined;
  return {
    udid,
    unixAddress: `UNIX:${socketPath}`,
    socketPath,
    tcpAddress: `127.0.0.1:${boundTcpPort}`,
    tcpPort: boundTcpPort,
    container: (bundleId) => apps.container(bundleId),
    media,
    servePort: (port, handler) => {
      if (port === LOCKDOWN_PORT) throw new VirtualIphoneStartError(`device port ${LOCKDOWN_PORT} is lockdownd's`);
      userPorts.set(port, handler);
      return () => {
        if (userPorts.get(port) === handler) userPorts.delete(port);
      };
    },
    attach: () => usbmux.attach(),
    detach: () => usbmux.detach(),
    get attached() {
      return usbmux.isAttached;
    },
    stop: () => {
      stopped ??= (async () => {
        servicePorts.clear();
        await usbmux.close();
        cleanup(socketPath, ownDir);
      })();
      return stopped;
    },
  };
}

function cleanup(socketPath: string, ownDir: string | null): void {
  rmSync(socketPath, { force: true });
  if (ownDir !== null) rmSync(ownDir, { recursive: true, force: true });
}

/** A UDID in the iPhone XS+ form: 8 hex digits (chip id), dash, 16 hex digits (ECID). */
function newUdid(): string {
  return `00008130-${randomBytes(8).toString('hex').toUpperCase()}`;
}
