// iPhones as the core sees them: one tracker watching this computer's usbmuxd (quietly,
// since most computers have no iPhone) and the usbmuxd of every virtual iPhone started here.
import type { Device } from '../../shared/api.js';
import type { ApiEventHub } from '../api/event-hub.js';
import { IosDeviceTracker } from '../devices/ios/ios-device-tracker.js';
import { defaultUsbmuxAddress, type UsbmuxAddress } from '../devices/ios/usbmux-address.js';

export class IosDevices {
  readonly tracker: IosDeviceTracker;
  readonly address: UsbmuxAddress;
  #started = false;

  constructor(events: ApiEventHub, log: (line: string) => void, address: UsbmuxAddress = defaultUsbmuxAddress()) {
    this.address = address;
    this.tracker = new IosDeviceTracker({ log });
    this.tracker.onChange((devices) => events.emit('devicesChanged', devices));
  }

  /** Starts watching the computer's usbmuxd on first use: commands that never look at phones never connect. */
  #ensureStarted(): void {
    if (this.#started) return;
    this.#started = true;
    // The computer's own usbmuxd is often absent; that is no error worth a line.
    this.tracker.addEndpoint(this.address, { quietWhenMissing: !process.env['USBMUXD_SOCKET_ADDRESS'] });
  }

  /** Watches another usbmuxd (a virtual iPhone's); returns the disposer. */
  watch(address: UsbmuxAddress, options: { virtual?: boolean } = {}): () => void {
    this.#ensureStarted();
    return this.tracker.addEndpoint(address, options);
  }

  list(): Device[] {
    this.#ensureStarted();
    return this.tracker.devices();
  }

  /** Resolves once the listed iPhones have their facts (or the time is up). */
  async settle(timeoutMs: number, expect?: string): Promise<Device[]> {
    this.#ensureStarted();
    await this.tracker.ready();
    const deadline = Date.now() + timeoutMs;
    // usbmuxd sends its Attached events right after accepting the Listen, maybe in a later packet.
    const firstEvents = Date.now() + Math.min(500, timeoutMs);
    while (Date.now() < deadline) {
      const devices = this.tracker.devices();
      const present = expect === undefined ? devices.length > 0 || Date.now() >= firstEvents : devices.some((d) => d.id === expect);
      if (present && devices.every((d) => d.facts !== null || d.state !== 'device')) return devices;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.tracker.devices();
  }

  dispose(): void {
    this.tracker.stop();
  }
}
