// One iPhone behind one usbmuxd: lockdown values, sessions, services and device ports,
// through appium-ios-device's usbmux and lockdown clients. Every socket to usbmuxd is
// fresh (a Connect turns it into a pipe to the phone), so no call disturbs another.
import type { Socket } from 'node:net';
import { appiumIos, type AppiumAfc, type AppiumPlistService, type IosPairRecord, type UsbmuxDeviceEntry } from './appium-ios.js';
import { IosDeviceError, IosDeviceGoneError, IosNotPairedError, IosServiceError, IosTimeoutError, TRUST_HINT } from './errors.js';
import { LockdownChannel } from './lockdown-frame.js';
import { connectUsbmuxd, type UsbmuxAddress } from './usbmux-address.js';

export const LOCKDOWN_PORT = 62078;

/** A lockdown session, TLS already on: what the facts and the services need of it. */
export interface IosLockdownSession {
  getValue(query?: { Key?: string; Domain?: string }, timeoutMs?: number): Promise<unknown>;
  startService(name: string, timeoutMs?: number): Promise<{ Port: number; EnableServiceSSL: boolean }>;
  close(): void;
}
const TIMEOUT_MS = 8000;

/** Lists what one usbmuxd sees, de-duplicated by UDID (a phone on USB and Wi-Fi appears twice; USB wins). */
export async function listUsbmuxDevices(address: UsbmuxAddress, timeoutMs = TIMEOUT_MS): Promise<UsbmuxDeviceEntry[]> {
  const usbmux = new (appiumIos().Usbmux)(await connectUsbmuxd(address, timeoutMs));
  try {
    const list = await usbmux.listDevices(timeoutMs);
    const byUdid = new Map<string, UsbmuxDeviceEntry>();
    for (const entry of list) {
      const known = byUdid.get(entry.Properties.SerialNumber);
      if (!known || known.Properties.ConnectionType === 'Network') byUdid.set(entry.Properties.SerialNumber, entry);
    }
    return [...byUdid.values()];
  } finally {
    usbmux.close();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error, cleanup?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup?.();
      reject(onTimeout());
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export class IosConnection {
  readonly address: UsbmuxAddress;
  readonly udid: string;
  #pairRecord: IosPairRecord | null = null;

  constructor(address: UsbmuxAddress, udid: string) {
    this.address = address;
    this.udid = udid;
  }

  /** A raw pipe to a TCP port on the phone (usbmuxd Connect); paused until its reader resumes it. */
  async connectPort(port: number, timeoutMs = TIMEOUT_MS): Promise<Socket> {
    const socket = await connectUsbmuxd(this.address, timeoutMs);
    const usbmux = new (appiumIos().Usbmux)(socket);
    try {
      const entries = (await usbmux.listDevices(timeoutMs)).filter((d) => d.Properties.SerialNumber === this.udid);
      const entry = entries.find((d) => d.Properties.ConnectionType !== 'Network') ?? entries[0];
      if (!entry) throw new IosDeviceGoneError(this.udid);
      return await usbmux.connect(entry.Properties.DeviceID ?? entry.DeviceID, port, timeoutMs);
    } catch (error) {
      usbmux.close();
      if (error instanceof IosDeviceError) throw error;
      const text = error instanceof Error ? error.message : String(error);
      if (/refused/i.test(text)) throw new IosDeviceError(`Nothing listens on port ${port} of the iPhone ${this.udid}.`, null);
      throw new IosDeviceError(`usbmuxd could not connect to port ${port} of the iPhone ${this.udid}: ${text}`);
    }
  }

  /** Lockdown values readable without a session (device name, model, iOS version, ...). */
  async getValues(query: { Key?: string; Domain?: string } = {}): Promise<unknown> {
    const socket = await this.connectPort(LOCKDOWN_PORT);
    const lockdown = new (appiumIos().PlistService)(socket);
    try {
      const reply = (await lockdown.sendPlistAndReceive({ Label: 'tetherscope', ProtocolVersion: '2', Request: 'GetValue', ...query }, TIMEOUT_MS)) as Record<string, unknown>;
      if (typeof reply['Error'] === 'string') throw new IosDeviceError(`The iPhone ${this.udid} did not give ${query.Key ?? 'its values'}: ${reply['Error']}.`);
      return reply['Value'];
    } catch (error) {
      throw this.#translate(error, 'reading its values');
    } finally {
      lockdown.close();
    }
  }

  async pairRecord(): Promise<IosPairRecord> {
    if (this.#pairRecord) return this.#pairRecord;
    const usbmux = new (appiumIos().Usbmux)(await connectUsbmuxd(this.address, TIMEOUT_MS));
    try {
      const record = await usbmux.readPairRecord(this.udid, TIMEOUT_MS);
      if (!record) throw new IosNotPairedError(this.udid);
      this.#pairRecord = record;
      return record;
    } catch (error) {
      throw this.#translate(error, 'reading its pair record');
    } finally {
      usbmux.close();
    }
  }

  /**
   * A lockdown session over TLS: what every service and the protected values need.
   * StartSession goes over the raw socket and TLS is set up here, with a fresh PlistService
   * on the TLS socket: appium's own enableSessionSSL pipes the reader twice, so every
   * later reply would arrive two times.
   */
  async session(): Promise<IosLockdownSession> {
    const record = await this.pairRecord();
    const socket = await this.connectPort(LOCKDOWN_PORT);
    const channel = new LockdownChannel(socket);
    let reply: Record<string, unknown>;
    try {
      reply = await channel.request({ Label: 'tetherscope', ProtocolVersion: '2', Request: 'StartSession', HostID: record.HostID, SystemBUID: record.SystemBUID }, TIMEOUT_MS);
      channel.release();
    } catch (error) {
      channel.close();
      throw this.#translate(error, 'starting a session');
    }
    if (typeof reply['Error'] === 'string') {
      socket.destroy();
      const why = reply['Error'];
      const trust = why === 'InvalidHostID' || why === 'PasswordProtected' || why === 'PairingDialogResponsePending' || why === 'UserDeniedPairing';
      throw new IosDeviceError(`The iPhone ${this.udid} would not start a session (${why}).`, trust ? TRUST_HINT : null);
    }
    const secured = reply['EnableSessionSSL'] === true ? appiumIos().upgradeToSSL(socket, record.HostPrivateKey, record.HostCertificate) : socket;
    return wrapLockdown(new (appiumIos().PlistService)(secured));
  }

  /** Starts a lockdown service and returns its socket (TLS when the phone asks for it). */
  async startService(name: string): Promise<Socket> {
    const lockdown = await this.session();
    let started: { Port: number; EnableServiceSSL?: boolean };
    try {
      started = await lockdown.startService(name, TIMEOUT_MS);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const code = /"Error":"([A-Za-z]+)"/.exec(text)?.[1] ?? text;
      throw new IosServiceError(this.udid, name, code);
    } finally {
      lockdown.close();
    }
    const socket = await this.connectPort(started.Port);
    if (!started.EnableServiceSSL) return socket;
    const record = await this.pairRecord();
    return appiumIos().upgradeToSSL(socket, record.HostPrivateKey, record.HostCertificate);
  }

  async plistService(name: string): Promise<AppiumPlistService> {
    return new (appiumIos().PlistService)(await this.startService(name));
  }

  /** A plist service read by our own framing, which keeps 64-bit integers whole. */
  async plistChannel(name: string): Promise<LockdownChannel> {
    return new LockdownChannel(await this.startService(name));
  }

  /** AFC rooted at an app's container (house_arrest VendContainer; development builds only). */
  async appContainer(bundleId: string): Promise<AppiumAfc> {
    const houseArrest = new (appiumIos().HouseArrestService)(await this.startService('com.apple.mobile.house_arrest'));
    try {
      return await withTimeout(houseArrest.vendContainer(bundleId), TIMEOUT_MS, () => new IosTimeoutError(this.udid, `opening the container of ${bundleId}`, TIMEOUT_MS), () => houseArrest.close());
    } catch (error) {
      houseArrest.close();
      if (error instanceof IosDeviceError) throw error;
      const text = error instanceof Error ? error.message : String(error);
      if (/InstallationLookupFailed|ApplicationLookupFailed/.test(text)) {
        throw new IosDeviceError(`The app ${bundleId} is not installed on the iPhone ${this.udid} as a development build.`, 'Install Tetherscope Probe from Xcode (see resources/ios-probe/README.md), then try again.');
      }
      throw new IosDeviceError(`The iPhone ${this.udid} would not open the container of ${bundleId}: ${text}`);
    }
  }

  #translate(error: unknown, what: string): Error {
    if (error instanceof IosDeviceError) return error;
    const text = error instanceof Error ? error.message : String(error);
    if (/within the timeout/i.test(text)) return new IosTimeoutError(this.udid, what, TIMEOUT_MS);
    return new IosDeviceError(`Talking to the iPhone ${this.udid} failed while ${what}: ${text}`);
  }
}

function wrapLockdown(service: AppiumPlistService): IosLockdownSession {
  const ask = async (request: Record<string, unknown>, timeoutMs = TIMEOUT_MS): Promise<Record<string, unknown>> =>
    (await service.sendPlistAndReceive({ Label: 'tetherscope', ProtocolVersion: '2', ...request }, timeoutMs)) as Record<string, unknown>;
  return {
    getValue: async (query = {}, t) => {
      const reply = await ask({ Request: 'GetValue', ...query }, t);
      if (typeof reply['Error'] === 'string') throw new Error(`GetValue ${query.Domain ?? ''} ${query.Key ?? ''}: ${reply['Error']}`);
      return reply['Value'];
    },
    startService: async (name, t) => {
      const reply = await ask({ Request: 'StartService', Service: name }, t);
      if (reply['Error'] !== undefined || typeof reply['Port'] !== 'number') throw new Error(`Unexpected data: ${JSON.stringify(reply)}`);
      return { Port: reply['Port'], EnableServiceSSL: reply['EnableServiceSSL'] === true };
    },
    close: () => service.close(),
  };
}
