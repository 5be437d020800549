// Which iPhones are there, kept current by usbmuxd Listen events, with facts read once per
// attach. Several usbmuxd endpoints can be watched at once: the computer's own and those of
// virtual iPhones this process started.
import type { Device } from '../../../shared/api.js';
import { IosDeviceError, TRUST_HINT } from './errors.js';
import { IosConnection } from './ios-connection.js';
import { readIosFacts, type IosFacts } from './ios-facts.js';
import { formatUsbmuxAddress, type UsbmuxAddress } from './usbmux-address.js';
import { listenUsbmux, type UsbmuxListener } from './usbmux-listener.js';

interface TrackedIphone {
  udid: string;
  endpoint: string;
  deviceId: number;
  connectionType: string;
  connection: IosConnection;
  facts: IosFacts | null;
  state: Device['state'];
  hint: string | null;
  factsRetry: NodeJS.Timeout | null;
}

interface Endpoint {
  address: UsbmuxAddress;
  listener: UsbmuxListener | null;
  retry: NodeJS.Timeout | null;
  /** Whether a missing usbmuxd here is worth a line in the log (not for the default one). */
  quietWhenMissing: boolean;
  /** A virtual iPhone's own usbmuxd: what it lists is virtual whatever lockdown says. */
  virtual: boolean;
  problem: string | null;
}

const RETRY_MS = 3000;

export class IosDeviceTracker {
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #phones = new Map<string, TrackedIphone>();
  /** Phones usbmuxd also lists over Wi-Fi, to fall back to when their cable is pulled. */
  readonly #network = new Map<string, { endpoint: string; deviceId: number }>();
  readonly #listeners = new Set<(devices: Device[]) => void>();
  readonly #log: (line: string) => void;
  #stopped = false;

  constructor(options: { log: (line: string) => void }) {
    this.#log = options.log;
  }

  /** Watches one usbmuxd; returns a disposer that stops watching and forgets its phones. */
  addEndpoint(address: UsbmuxAddress, options: { quietWhenMissing?: boolean; virtual?: boolean } = {}): () => void {
    const key = formatUsbmuxAddress(address);
    if (!this.#endpoints.has(key)) {
      const endpoint: Endpoint = { address, listener: null, retry: null, quietWhenMissing: options.quietWhenMissing ?? false, virtual: options.virtual ?? false, problem: null };
      this.#endpoints.set(key, endpoint);
      this.#listen(key, endpoint);
    }
    return () => this.removeEndpoint(address);
  }

  removeEndpoint(address: UsbmuxAddress): void {
    const key = formatUsbmuxAddress(address);
    const endpoint = this.#endpoints.get(key);
    if (!endpoint) return;
    this.#endpoints.delete(key);
    endpoint.listener?.close();
    if (endpoint.retry) clearTimeout(endpoint.retry);
    this.#dropEndpoint(key);
  }

  /** Resolves once every watched usbmuxd answered or failed its first Listen. */
  async ready(): Promise<void> {
    await Promise.allSettled([...this.#endpoints.values()].map((e) => e.listener?.ready));
  }

  devices(): Device[] {
    return [...this.#phones.values()].map((p) => {
      const virtual = (p.facts?.virtual ?? false) || this.#endpoints.get(p.endpoint)?.virtual === true;
      return {
      id: p.udid,
      platform: 'ios',
      transport: virtual ? 'virtual' : p.connectionType === 'Network' ? 'tcp' : 'usb',
      state: p.state,
      virtual,
      facts: p.facts?.facts ?? null,
      hint: p.hint,
      };
    });
  }

  /** Whether the phone came through a virtual iPhone's own usbmuxd or says it is virtual. */
  isVirtual(udid: string): boolean {
    return this.devices().find((d) => d.id === udid)?.virtual ?? false;
  }

  facts(udid: string): IosFacts | null {
    return this.#phones.get(udid)?.facts ?? null;
  }

  connection(udid: string): IosConnection | null {
    return this.#phones.get(udid)?.connection ?? null;
  }

  /** Problems of the watched usbmuxd endpoints, in plain words (for `tetherscope devices`). */
  problems(): string[] {
    return [...this.#endpoints.values()].flatMap((e) => (e.problem && !e.quietWhenMissing ? [e.problem] : []));
  }

  onChange(listener: (devices: Device[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    this.#stopped = true;
    for (const address of [...this.#endpoints.values()].map((e) => e.address)) this.removeEndpoint(address);
    this.#listeners.clear();
  }

  #changed(): void {
    const devices = this.devices();
    for (const listener of this.#listeners) listener(devices);
  }

  #listen(key: string, endpoint: Endpoint): void {
    if (this.#stopped || this.#endpoints.get(key) !== endpoint) return;
    endpoint.retry = null;
    // The listener may end (onEnd) and fail its Listen (ready rejects) for the same cause: one retry only.
    const retry = (listener: UsbmuxListener): void => {
      if (this.#stopped || this.#endpoints.get(key) !== endpoint || endpoint.listener !== listener || endpoint.retry) return;
      endpoint.retry = setTimeout(() => this.#listen(key, endpoint), RETRY_MS);
    };
    const listener: UsbmuxListener = listenUsbmux(
      endpoint.address,
      (event) => {
        if (event.type === 'attached') this.#attached(key, event.udid, event.deviceId, event.connectionType, endpoint.address);
        else this.#detached(key, event.deviceId);
      },
      (why) => {
        this.#dropEndpoint(key);
        if (!endpoint.quietWhenMissing) this.#log(`usbmuxd at ${key}: ${why}; trying again in ${RETRY_MS / 1000} s.`);
        retry(listener);
      },
    );
    endpoint.listener = listener;
    listener.ready.then(
      () => {
        endpoint.problem = null;
      },
      (error: unknown) => {
        endpoint.problem = error instanceof Error ? error.message : String(error);
        retry(listener);
      },
    );
  }

  #attached(key: string, udid: string, deviceId: number, connectionType: string, address: UsbmuxAddress): void {
    const known = this.#phones.get(udid);
    if (connectionType === 'Network') this.#network.set(udid, { endpoint: key, deviceId });
    // A phone on both USB and Wi-Fi is listed once, by USB.
    if (known && known.connectionType !== 'Network' && connectionType === 'Network') return;
    if (known) this.#forget(known);
    const phone: TrackedIphone = { udid, endpoint: key, deviceId, connectionType, connection: new IosConnection(address, udid), facts: null, state: 'device', hint: 'Reading its facts…', factsRetry: null };
    this.#phones.set(udid, phone);
    this.#changed();
    void this.#readFacts(phone, 3);
  }

  async #readFacts(phone: TrackedIphone, triesLeft: number): Promise<void> {
    try {
      const read = await readIosFacts(phone.connection);
      if (this.#phones.get(phone.udid) !== phone) return;
      phone.facts = read;
      if (read.sessionProblem) {
        phone.state = 'unauthorized';
        phone.hint = read.sessionProblem.hint ?? TRUST_HINT;
      } else if (read.developerMode === false) {
        phone.hint = 'Developer Mode is off, so the probe app cannot run: turn it on in Settings › Privacy & Security › Developer Mode.';
      } else phone.hint = null;
      this.#changed();
    } catch (error) {
      if (this.#phones.get(phone.udid) !== phone) return;
      if (triesLeft > 1) {
        phone.factsRetry = setTimeout(() => void this.#readFacts(phone, triesLeft - 1), 1000);
        return;
      }
      phone.state = error instanceof IosDeviceError && /not paired/.test(error.message) ? 'unauthorized' : 'offline';
      phone.hint = error instanceof IosDeviceError ? (error.hint ?? error.message) : `Its facts could not be read: ${String(error)}`;
      this.#log(`Reading the facts of the iPhone ${phone.udid} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.#changed();
    }
  }

  #detached(key: string, deviceId: number): void {
    for (const phone of [...this.#phones.values()]) {
      if (phone.endpoint !== key || phone.deviceId !== deviceId) continue;
      this.#forget(phone);
      // Unplugged but still reachable over Wi-Fi: usbmuxd lists it again, as a Network device.
      const other = this.#network.get(phone.udid);
      if (other && other.endpoint === key && other.deviceId !== deviceId) this.#attached(key, phone.udid, other.deviceId, 'Network', phone.connection.address);
      this.#changed();
    }
    for (const [udid, entry] of this.#network) if (entry.endpoint === key && entry.deviceId === deviceId) this.#network.delete(udid);
  }

  #forget(phone: TrackedIphone): void {
    if (phone.factsRetry) clearTimeout(phone.factsRetry);
    this.#phones.delete(phone.udid);
  }

  #dropEndpoint(key: string): void {
    let dropped = false;
    for (const phone of [...this.#phones.values()]) {
      if (phone.endpoint !== key) continue;
      this.#forget(phone);
      dropped = true;
    }
    for (const [udid, entry] of this.#network) if (entry.endpoint === key) this.#network.delete(udid);
    if (dropped) this.#changed();
  }
}
