import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { buildAdbDeviceBanner } from './adb/banner.js';
import { AdbDeviceConnection } from './adb/device-connection.js';
import { defaultAdbServerPort, runAdb } from './adb-cli.js';
import { AdbCliError, VirtualPhoneStartError } from './errors.js';
import { VirtualPhone } from './phone/phone.js';
import { getVirtualPhoneProfile } from './phone/profiles.js';
import { createServiceResolver } from './services/service-router.js';

/** adb probes 5555–5585 for emulators at startup; never listen there. */
const EMULATOR_PORTS = { first: 5555, last: 5585 } as const;
const HOST = '127.0.0.1';

export interface StartVirtualPhoneOptions {
  /** Profile name; default `flagship`. */
  readonly profile?: string;
  /** TCP port for the phone; default: a free port outside 5555–5585. */
  readonly port?: number;
  /** The adb server's port; default ANDROID_ADB_SERVER_PORT or 5037. */
  readonly adbPort?: number;
  /** Answer with AUTH and never accept: adb lists the phone as `unauthorized`. */
  readonly unauthorized?: boolean;
  /** Path of the adb binary; default `adb` on PATH. */
  readonly adbPath?: string;
  /** Skip `adb connect` (tests that drive the transport directly). */
  readonly connect?: boolean;
  /** `usb` (default): on the desk's USB port, battery current is charger-in minus load; `unplugged`: only load. */
  readonly battery?: 'usb' | 'unplugged';
  /** Thermal time runs this many times faster than the clock (default 1): heats the phone in seconds. */
  readonly thermalSpeed?: number;
}

export interface RunningVirtualPhone {
  /** The adb serial: `127.0.0.1:PORT`. */
  readonly serial: string;
  readonly port: number;
  readonly adbPort: number;
  readonly phone: VirtualPhone;
  /** `adb disconnect`, close every connection and the server, kill the phone's processes. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a virtual phone: a TCP server speaking the device side of adb, then
 * `adb -P <adbPort> connect 127.0.0.1:<port>` so the adb server drives it
 * like any phone.
 */
export async function startVirtualPhone(options: StartVirtualPhoneOptions = {}): Promise<RunningVirtualPhone> {
  const profile = getVirtualPhoneProfile(options.profile ?? 'flagship');
  const adbPort = options.adbPort ?? defaultAdbServerPort();
  if (options.port !== undefined && isEmulatorPort(options.port)) {
    throw new VirtualPhoneStartError(`port ${options.port} is in adb's emulator range 5555-5585; choose another`);
  }
  const connections = new Set<AdbDeviceConnection>();
  const sockets = new Set<Socket>();
  // The phone needs its serial, which needs the port: connections wait for it.
  const booted: { phone?: VirtualPhone } = {};
  const server = createServer((socket) => {
    const phone = booted.phone;
    if (phone === undefined) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const connection = new AdbDeviceConnection(socket, {
      banner: buildAdbDeviceBanner(profile),
      unauthorized: options.unauthorized === true,
      resolveService: createServiceResolver(phone),
    });
    connections.add(connection);
    connection.onClose(() => connections.delete(connection));
  });
  const port = await listen(server, options.port);
  const serial = `${HOST}:${port}`;
  const running = new VirtualPhone(profile, serial);
  if (options.battery === 'unplugged') running.setCharger('none');
  if (options.thermalSpeed !== undefined) running.setThermalTimeScale(options.thermalSpeed);
  booted.phone = running;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (options.connect !== false) {
        await runAdb({ serverPort: adbPort, ...(options.adbPath === undefined ? {} : { adbPath: options.adbPath }), timeoutMs: 10_000 }, ['disconnect', serial]).catch(() => undefined);
      }
      for (const connection of connections) connection.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      running.shutdown();
    })();
    return stopped;
  };

  if (options.connect !== false) {
    try {
      const output = await runAdb(
        { serverPort: adbPort, ...(options.adbPath === undefined ? {} : { adbPath: options.adbPath }), timeoutMs: 20_000 },
        ['connect', serial],
      );
      const ok = /connected to|already connected/.test(output);
      const unauthorizedOk = options.unauthorized === true && /failed to authenticate/.test(output);
      if (!ok && !unauthorizedOk) throw new VirtualPhoneStartError(`adb connect ${serial} failed: ${output.trim()}`);
    } catch (error) {
      await stop();
      if (error instanceof AdbCliError) throw new VirtualPhoneStartError(`${error.message}${error.output === '' ? '' : `: ${error.output.trim()}`}`);
      throw error;
    }
  }
  return { serial, port, adbPort, phone: running, stop };
}

function isEmulatorPort(port: number): boolean {
  return port >= EMULATOR_PORTS.first && port <= EMULATOR_PORTS.last;
}

async function listen(server: Server, port: number | undefined): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const bound = await new Promise<number>((resolve, reject) => {
      const onError = (error: Error): void => reject(new VirtualPhoneStartError(`cannot listen on ${HOST}:${port ?? 0}: ${error.message}`));
      server.once('error', onError);
      server.listen(port ?? 0, HOST, () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
    if (port !== undefined || !isEmulatorPort(bound)) return bound;
    // The OS picked an emulator port: try again.
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  throw new VirtualPhoneStartError('could not find a free port outside 5555-5585');
}
