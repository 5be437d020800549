// Android discovery as the core uses it: one adb client and tracker, started lazily and
// once, with the server's failures turned into plain words.
import type { Device } from '../../shared/api.js';
import type { ApiEventHub } from '../api/event-hub.js';
import { createAdbClient, checkAdbServer, type AdbServerConfig } from '../devices/android/adb-server.js';
import type { AdbkitClient } from '../devices/android/adbkit.js';
import { AndroidDeviceTracker } from '../devices/android/device-tracker.js';

export class AndroidDevices {
  readonly config: AdbServerConfig;
  readonly client: AdbkitClient;
  readonly tracker: AndroidDeviceTracker;
  #started: Promise<void> | null = null;

  constructor(config: AdbServerConfig, events: ApiEventHub, log: (line: string) => void) {
    this.config = config;
    this.client = createAdbClient(config);
    this.tracker = new AndroidDeviceTracker(this.client, { log });
    this.tracker.onChange((devices) => events.emit('devicesChanged', devices));
  }

  /** Starts tracking once; throws the server's failure in plain words (and tries again next time). */
  async ready(): Promise<void> {
    this.#started ??= (async () => {
      await checkAdbServer(this.client, this.config);
      await this.tracker.start();
    })().catch((error: unknown) => {
      this.#started = null;
      throw error;
    });
    await this.#started;
  }

  async list(): Promise<Device[]> {
    await this.ready();
    return this.tracker.devices();
  }

  /** Resolves once every listed phone in the `device` state has its facts, or the time is up. */
  async settle(timeoutMs: number): Promise<Device[]> {
    await this.ready();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const devices = this.tracker.devices();
      if (devices.every((d) => d.state !== 'device' || d.facts !== null)) return devices;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.tracker.devices();
  }

  dispose(): void {
    this.tracker.stop();
  }
}
