// Keeps the list of Android phones current: adb's track-devices for plug and unplug, plus a
// heartbeat, because adb reports a vanished network phone only after ~10 s.
import type { Device } from '../../../shared/api.js';
import type { Disposer } from '../../../shared/api.js';
import type { AdbkitClient } from './adbkit.js';
import { readAndroidFacts, type AndroidFacts } from './device-facts.js';
import { foldAdbState, stateHint, transportFromSerial } from './device-state.js';

interface AdbDeviceEntry {
  id: string;
  type: string;
}

interface TrackedPhone {
  adbState: string;
  facts: AndroidFacts | null;
  readingFacts: boolean;
  missedHeartbeats: number;
}

export interface AndroidDeviceTrackerOptions {
  heartbeatMs?: number;
  /** A network phone missing this many heartbeats in a row is shown offline. */
  heartbeatMisses?: number;
  log?: (line: string) => void;
}

type Listener = (devices: Device[]) => void;

/** adbkit's Tracker, whose events are untyped. */
interface AdbTrackerLike {
  on(event: string, fn: (...args: never[]) => void): unknown;
  end(): unknown;
}

export class AndroidDeviceTracker {
  readonly #client: AdbkitClient;
  readonly #phones = new Map<string, TrackedPhone>();
  readonly #listeners = new Set<Listener>();
  readonly #heartbeatMs: number;
  readonly #misses: number;
  readonly #log: (line: string) => void;
  #tracker: AdbTrackerLike | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #stopped = false;
  #lastError: string | null = null;
  #beating = false;

  constructor(client: AdbkitClient, options: AndroidDeviceTrackerOptions = {}) {
    this.#client = client;
    this.#heartbeatMs = options.heartbeatMs ?? 750;
    this.#misses = options.heartbeatMisses ?? 2;
    this.#log = options.log ?? (() => {});
  }

  /** Why the adb server cannot be reached right now, in plain words; null when it can. */
  get lastError(): string | null {
    return this.#lastError;
  }

  onChange(listener: Listener): Disposer {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  devices(): Device[] {
    return [...this.#phones.entries()].map(([id, phone]) => this.#toDevice(id, phone)).sort((a, b) => a.id.localeCompare(b.id));
  }

  facts(serial: string): AndroidFacts | null {
    return this.#phones.get(serial)?.facts ?? null;
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#connectTracker();
    this.#heartbeat = setInterval(() => void this.#beat(), this.#heartbeatMs);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    this.#tracker?.end();
    this.#tracker = null;
    this.#listeners.clear();
  }

  async #connectTracker(): Promise<void> {
    try {
      // Listeners go on inside .then: adbkit emits the first adds before an await would resume.
      await this.#client.trackDevices().then((adbTracker: unknown) => {
        const tracker = adbTracker as AdbTrackerLike;
        this.#tracker = tracker;
        tracker.on('add', (d: AdbDeviceEntry) => this.#update(d.id, d.type));
        tracker.on('change', (d: AdbDeviceEntry) => this.#update(d.id, d.type));
        tracker.on('remove', (d: AdbDeviceEntry) => this.#remove(d.id));
        tracker.on('end', () => {
          this.#tracker = null;
        });
        tracker.on('error', (e: Error) => {
          this.#log(`adb device tracking stopped: ${e.message}`);
          this.#tracker = null;
        });
      });
      this.#lastError = null;
      await this.#reconcile();
    } catch (error) {
      this.#lastError = `The adb server is not reachable: ${error instanceof Error ? error.message : String(error)}`;
      this.#tracker = null;
    }
  }

  async #reconcile(): Promise<void> {
    const list = (await this.#client.listDevices()) as AdbDeviceEntry[];
    const seen = new Set(list.map((d) => d.id));
    for (const d of list) this.#update(d.id, d.type);
    for (const id of [...this.#phones.keys()]) if (!seen.has(id)) this.#remove(id);
  }

  async #beat(): Promise<void> {
    if (this.#stopped || this.#beating) return;
    this.#beating = true;
    try {
      if (!this.#tracker) await this.#connectTracker();
      else await this.#reconcile();
      await Promise.all(
        [...this.#phones.entries()]
          .filter(([id, p]) => p.adbState === 'device' && transportFromSerial(id) === 'tcp')
          .map(([id, p]) => this.#probe(id, p)),
      );
    } catch (error) {
      const message = `The adb server is not reachable: ${error instanceof Error ? error.message : String(error)}`;
      if (this.#lastError !== message) this.#log(message);
      this.#lastError = message;
      this.#tracker = null;
      if (this.#phones.size > 0) {
        this.#phones.clear();
        this.#emit();
      }
    } finally {
      this.#beating = false;
    }
  }

  async #probe(id: string, phone: TrackedPhone): Promise<void> {
    const before = phone.missedHeartbeats;
    // A sync STAT is answered by adbd itself: the heartbeat starts no process on the phone.
    const timeoutMs = Math.max(400, this.#heartbeatMs * 0.8);
    const answered = await Promise.race([
      Promise.resolve(this.#client.getDevice(id).stat('/')).then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
    ]);
    phone.missedHeartbeats = answered ? 0 : phone.missedHeartbeats + 1;
    const wasDown = before >= this.#misses;
    const isDown = phone.missedHeartbeats >= this.#misses;
    if (wasDown !== isDown) this.#emit();
  }

  #update(id: string, adbState: string): void {
    const phone = this.#phones.get(id) ?? { adbState, facts: null, readingFacts: false, missedHeartbeats: 0 };
    const changed = !this.#phones.has(id) || phone.adbState !== adbState;
    phone.adbState = adbState;
    if (adbState !== 'device') phone.missedHeartbeats = 0;
    this.#phones.set(id, phone);
    if (adbState === 'device' && !phone.facts && !phone.readingFacts) void this.#readFacts(id, phone);
    if (changed) this.#emit();
  }

  async #readFacts(id: string, phone: TrackedPhone): Promise<void> {
    phone.readingFacts = true;
    try {
      phone.facts = await readAndroidFacts(this.#client.getDevice(id), id);
      if (this.#phones.get(id) === phone) this.#emit();
    } catch (error) {
      this.#log(`Could not read the facts of ${id}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      phone.readingFacts = false;
    }
  }

  #remove(id: string): void {
    if (this.#phones.delete(id)) this.#emit();
  }

  #toDevice(id: string, phone: TrackedPhone): Device {
    const serialTransport = transportFromSerial(id);
    const virtual = phone.facts?.virtual === true;
    const transport = virtual ? 'virtual' : serialTransport;
    const silent = phone.adbState === 'device' && phone.missedHeartbeats >= this.#misses;
    const state = silent ? 'offline' : foldAdbState(phone.adbState);
    return {
      id,
      platform: 'android',
      transport,
      state,
      virtual,
      facts: phone.facts?.facts ?? null,
      hint: silent ? 'The phone stopped answering; it may have been unplugged or left the network.' : stateHint(state, phone.adbState, serialTransport),
    };
  }

  #emit(): void {
    const devices = this.devices();
    for (const listener of [...this.#listeners]) listener(devices);
  }
}
