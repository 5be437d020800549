// Runs profiles for the core: one capture per phone at a time, cancellable, its records
// streamed live to the window in coalesced batches while the session file is written.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { projectRoot } from './version.js';
import type { ProfilePlan } from '../../shared/api-schemas.js';
import type { SessionRecord } from '../../shared/session/records.js';
import type { ApiEventHub } from '../api/event-hub.js';
import { NotFoundError, UnavailableError } from '../api/errors.js';
import { runCapture, type CaptureOutcome, type RunnerSettings } from '../capture/capture-engine.js';
import { loadModelFile, ModelFileError, type LoadedModelFile } from '../capture/model-file.js';
import type { Device } from '../../shared/api.js';
import { AndroidDeviceError } from '../devices/android/errors.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { AndroidDevices } from './android-devices.js';
import type { IosDevices } from './ios-devices.js';
import { runIosCapture } from '../capture/ios/ios-capture.js';
import { IosDeviceError } from '../devices/ios/errors.js';

export interface ProfileDefaults {
  runner: RunnerSettings;
  telemetryRateHz: number;
  baselineWaitMaxS: number;
  idleBaselineS: number;
  /** How long an iPhone run waits for the user to open Tetherscope Probe. */
  probeWaitS: number;
}

interface ActiveRun {
  serial: string;
  abort: AbortController;
  done: Promise<CaptureOutcome>;
}

export function newSessionId(modelName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const model = modelName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'model';
  return `${stamp}-${model}-${randomBytes(3).toString('hex')}`;
}

export class ProfileRuns {
  readonly #active = new Map<string, ActiveRun>();
  readonly #android: AndroidDevices;
  readonly #ios: IosDevices | null;
  readonly #sessions: SessionStore;
  readonly #events: ApiEventHub;
  readonly #defaults: () => ProfileDefaults;
  readonly #version: string;
  readonly #log: (line: string) => void;

  constructor(android: AndroidDevices, sessions: SessionStore, events: ApiEventHub, defaults: () => ProfileDefaults, version: string, log: (line: string) => void, ios: IosDevices | null = null) {
    this.#android = android;
    this.#ios = ios;
    this.#sessions = sessions;
    this.#events = events;
    this.#defaults = defaults;
    this.#version = version;
    this.#log = log;
  }

  /** Starts a profile and returns its session id at once; the run goes on in the background. */
  async start(plan: ProfilePlan): Promise<{ sessionId: string; done: Promise<CaptureOutcome> }> {
    // The model is checked before anything touches the phone.
    const model = await loadModelFile(plan.modelPath);
    const iphone = this.#ios?.list().find((d) => d.id === plan.deviceId);
    if (iphone) return this.#startIos(plan, model, iphone);
    if (model.format !== 'tflite') throw new ModelFileError(`${model.info.name} is a Core ML model; Android phones run TensorFlow Lite models (.tflite).`, 'Pick a .tflite model for an Android phone, or an iPhone for a Core ML model.');
    await this.#android.ready();
    let device = this.#android.tracker.devices().find((d) => d.id === plan.deviceId);
    if (!device) throw new NotFoundError(`The phone ${plan.deviceId}`, 'Plug it in, or pick one of the listed phones.');
    // A phone shown offline only for a missed heartbeat or two (a busy computer) gets a moment to answer.
    for (let waited = 0; device?.state === 'offline' && waited < 3000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      device = this.#android.tracker.devices().find((d) => d.id === plan.deviceId);
    }
    if (!device) throw new NotFoundError(`The phone ${plan.deviceId}`, 'Plug it in, or pick one of the listed phones.');
    if (device.state !== 'device') throw new AndroidDeviceError(`The phone ${plan.deviceId} is not ready (${device.state}).`, device.hint);
    const facts = this.#android.tracker.facts(plan.deviceId);
    if (!facts) throw new UnavailableError(`Tetherscope is still reading the facts of ${plan.deviceId}.`, 'Try again in a moment.');
    if ([...this.#active.values()].some((r) => r.serial === plan.deviceId)) {
      throw new UnavailableError(`A profile is already running on ${plan.deviceId}.`, 'Wait for it to finish or cancel it.');
    }
    const defaults = this.#defaults();
    const runner: RunnerSettings = { ...defaults.runner };
    if (device.virtual) {
      // The virtual phone's own build of the tools: what it runs is a model of the real tool.
      const bundled = join(projectRoot(), 'resources', 'virtual-phone');
      if (runner.cliPath === null && existsSync(join(bundled, 'benchmark_model'))) runner.cliPath = join(bundled, 'benchmark_model');
      if (runner.apkPath === null && existsSync(join(bundled, 'benchmark_model.apk'))) runner.apkPath = join(bundled, 'benchmark_model.apk');
    }
    if (plan.runnerPath) {
      if (extname(plan.runnerPath).toLowerCase() === '.apk') runner.apkPath = plan.runnerPath;
      else runner.cliPath = plan.runnerPath;
    }
    return this.#launch(plan.deviceId, model.info.name, (sessionId, signal, onRecord) =>
      runCapture({
        sessionId,
        plan,
        model,
        device: { serial: plan.deviceId, client: this.#android.client, facts, transport: device.transport },
        runner,
        sessionsDir: this.#sessions.dir,
        toolVersion: this.#version,
        telemetryRateHz: defaults.telemetryRateHz,
        baselineWaitMaxS: defaults.baselineWaitMaxS,
        idleBaselineS: defaults.idleBaselineS,
        controlPass: true,
        opProfiling: true,
        signal,
        onRecord,
        onProgress: (p) => this.#events.emit('profileProgress', p),
        log: this.#log,
      }),
    );
  }

  #startIos(plan: ProfilePlan, model: LoadedModelFile, device: Device): { sessionId: string; done: Promise<CaptureOutcome> } {
    if (device.state !== 'device') throw new IosDeviceError(`The iPhone ${plan.deviceId} is not ready (${device.state}).`, device.hint);
    if (model.format !== 'mlmodel') throw new ModelFileError(`${model.info.name} is a TensorFlow Lite model; iPhones run Core ML models (.mlmodel) through Tetherscope Probe.`, 'Pick a .mlmodel file for an iPhone.');
    const ios = this.#ios!;
    const facts = ios.tracker.facts(plan.deviceId);
    const connection = ios.tracker.connection(plan.deviceId);
    if (!facts || !connection) throw new UnavailableError(`Tetherscope is still reading the facts of ${plan.deviceId}.`, 'Try again in a moment.');
    if ([...this.#active.values()].some((r) => r.serial === plan.deviceId)) {
      throw new UnavailableError(`A profile is already running on ${plan.deviceId}.`, 'Wait for it to finish or cancel it.');
    }
    const defaults = this.#defaults();
    return this.#launch(plan.deviceId, model.info.name, (sessionId, signal, onRecord) =>
        runIosCapture({
          sessionId,
          plan,
          model,
          device: { udid: plan.deviceId, connection, facts, transport: device.transport, virtual: device.virtual },
          sessionsDir: this.#sessions.dir,
          toolVersion: this.#version,
          batteryPollHz: 2,
          baselineWaitMaxS: defaults.baselineWaitMaxS,
          idleBaselineS: defaults.idleBaselineS,
          probeWaitS: defaults.probeWaitS,
          signal,
          onRecord,
          onProgress: (p) => this.#events.emit('profileProgress', p),
          log: this.#log,
        }),
    );
  }

  #launch(
    deviceId: string,
    modelName: string,
    capture: (sessionId: string, signal: AbortSignal, onRecord: (record: SessionRecord) => void) => Promise<CaptureOutcome>,
  ): { sessionId: string; done: Promise<CaptureOutcome> } {
    const sessionId = newSessionId(modelName);
    const abort = new AbortController();
    let buffer: SessionRecord[] = [];
    let flushTimer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      flushTimer = null;
      if (buffer.length === 0) return;
      this.#events.emit('sessionEvents', { sessionId, records: buffer });
      buffer = [];
    };
    this.#sessions.markRunning(sessionId, true);
    const done = (async () => {
      try {
        return await capture(sessionId, abort.signal, (record) => {
          buffer.push(record);
          flushTimer ??= setTimeout(flush, 100);
        });
      } catch (error) {
        // A capture that failed before its session file existed: say so, never reject into the void.
        const message = error instanceof Error ? error.message : String(error);
        this.#log(`The run ${sessionId} on ${deviceId} stopped before it was recorded: ${message}`);
        this.#events.emit('profileProgress', { sessionId, path: null, phase: 'done', fraction: 1, etaMs: null, message });
        return { sessionId, path: '', status: abort.signal.aborted ? 'cancelled' : 'failed', message } satisfies CaptureOutcome;
      } finally {
        if (flushTimer) clearTimeout(flushTimer);
        flush();
        this.#sessions.markRunning(sessionId, false);
        this.#active.delete(sessionId);
      }
    })();
    this.#active.set(sessionId, { serial: deviceId, abort, done });
    return { sessionId, done };
  }

  isRunningOn(serial: string): boolean {
    return [...this.#active.values()].some((r) => r.serial === serial);
  }

  cancel(sessionId: string): void {
    const run = this.#active.get(sessionId);
    if (!run) throw new NotFoundError(`A running profile with id ${sessionId}`);
    run.abort.abort();
  }

  async cancelAll(): Promise<void> {
    for (const run of this.#active.values()) run.abort.abort();
    await Promise.allSettled([...this.#active.values()].map((r) => r.done));
  }
}
