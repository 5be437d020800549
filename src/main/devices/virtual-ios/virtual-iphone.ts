// A whole virtual iPhone: the Core ML device model (physics half) behind the simulated
// usbmuxd, lockdownd and services (transport half), with Tetherscope Probe installed as a
// development build and, unless told otherwise, already open on the screen. Always
// labelled virtual: lockdownd says so, and so does the probe's hello.
import { randomBytes } from 'node:crypto';
import { PROBE_BUNDLE_ID, PROBE_PORT } from '../../../shared/ios-probe/probe-protocol.js';
import type { UsbmuxAddress } from '../ios/usbmux-address.js';
import { createVirtualIphoneModel, type VirtualIphone } from './coreml/index.js';
import { PROBE_APP_NAME, PROBE_APP_VERSION, serveProbeConnection } from './probe-app/index.js';
import { startVirtualIphoneTransport, type RunningVirtualIphoneTransport } from './virtual-iphone-transport.js';

export interface StartVirtualIphoneOptions {
  /** Profile name; default `iphone-16-pro`. */
  readonly profile?: string;
  /** `usb` (default): charging on the desk's USB port; `unplugged`: on battery (as over Wi-Fi). */
  readonly battery?: 'usb' | 'unplugged';
  /** Thermal time runs this many times faster than the clock (heats the phone in seconds). */
  readonly thermalSpeed?: number;
  /** Whether Tetherscope Probe is open on the screen from the start (default true). */
  readonly probeOpen?: boolean;
  /** Whether Tetherscope Probe is installed at all (default true). */
  readonly probeInstalled?: boolean;
  /** `false`: not paired with this computer yet (the user has not tapped Trust). */
  readonly paired?: boolean;
  readonly udid?: string;
  readonly socketPath?: string;
  readonly tcpPort?: number;
  readonly seed?: number;
}

export interface RunningVirtualIphone {
  readonly udid: string;
  readonly profile: string;
  /** The Unix socket of its usbmuxd, for Tetherscope. */
  readonly address: UsbmuxAddress;
  /** `UNIX:/path`, for USBMUXD_SOCKET_ADDRESS (libimobiledevice and appium-ios-device). */
  readonly unixAddress: string;
  /** `127.0.0.1:PORT`, the same usbmuxd over TCP. */
  readonly tcpAddress: string;
  readonly phone: VirtualIphone;
  readonly transport: RunningVirtualIphoneTransport;
  /** The user taps Tetherscope Probe: it starts listening on its port. */
  openProbe(): void;
  /** The probe app goes to the background (iOS suspends its socket). */
  closeProbe(): void;
  /** Unplug (usbmuxd Detached) and plug back in. */
  detach(): void;
  attach(): void;
  stop(): Promise<void>;
}

function newUdid(): string {
  return `00008130-${randomBytes(8).toString('hex').toUpperCase()}`;
}

export async function startVirtualIphone(options: StartVirtualIphoneOptions = {}): Promise<RunningVirtualIphone> {
  const profile = options.profile ?? 'iphone-16-pro';
  const phone = createVirtualIphoneModel(profile, {
    battery: options.battery ?? 'usb',
    ...(options.thermalSpeed === undefined ? {} : { thermalSpeed: options.thermalSpeed }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const udid = options.udid ?? newUdid();
  const transport = await startVirtualIphoneTransport({
    udid,
    facts: { ...phone.lockdownFacts, SerialNumber: udid.replace(/-/g, '').slice(-12) },
    body: phone.body,
    ...(options.paired === undefined ? {} : { paired: options.paired }),
    ...(options.socketPath === undefined ? {} : { socketPath: options.socketPath }),
    ...(options.tcpPort === undefined ? {} : { tcpPort: options.tcpPort }),
    installedApps: options.probeInstalled === false ? [] : [{ bundleId: PROBE_BUNDLE_ID, name: PROBE_APP_NAME, version: PROBE_APP_VERSION, development: true }],
  });
  let stopServing: (() => void) | null = null;
  const openProbe = (): void => {
    if (stopServing || options.probeInstalled === false) return;
    stopServing = transport.servePort(PROBE_PORT, (socket) => serveProbeConnection(socket, { container: transport.container(PROBE_BUNDLE_ID), model: phone.model }));
  };
  if (options.probeOpen !== false) openProbe();
  return {
    udid,
    profile,
    address: { kind: 'unix', path: transport.socketPath },
    unixAddress: transport.unixAddress,
    tcpAddress: transport.tcpAddress,
    phone,
    transport,
    openProbe,
    closeProbe: () => {
      stopServing?.();
      stopServing = null;
    },
    detach: () => transport.detach(),
    attach: () => transport.attach(),
    stop: async () => {
      stopServing?.();
      stopServing = null;
      await transport.stop();
    },
  };
}
