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
import { loadModelFile } from '../capture/model-file.js';
import { AndroidDeviceError } from '../devices/android/errors.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { AndroidDevices } from './android-devices.js';

export interface ProfileDefaults {
  runner: RunnerSettings;
  telemetryRateHz: number;
  baselineWaitMaxS: number;
  idleBaselineS: number;
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
  readonly #sessions: SessionStore;
  readonly #events: ApiEventHub;
  readonly #defaults: () => ProfileDefaults;
  readonly #version: string;
  readonly #log: (line: string) => void;

  constructor(android: AndroidDevices, sessions: SessionStore, events: ApiEventHub, defaults: () => ProfileDefaults, version: string, log: (line: string) => void) {
    this.#android = android;
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
    await this.#android.ready();
    const device = this.#android.tracker.devices().find((d) => d.id === plan.deviceId);
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
    const sessionId = newSessionId(model.info.name);
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
        return await runCapture({
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
          signal: abort.signal,
          onRecord: (record) => {
            buffer.push(record);
            flushTimer ??= setTimeout(flush, 100);
          },
          onProgress: (p) => this.#events.emit('profileProgress', p),
          log: this.#log,
        });
      } finally {
        if (flushTimer) clearTimeout(flushTimer);
        flush();
        this.#sessions.markRunning(sessionId, false);
        this.#active.delete(sessionId);
      }
    })();
    this.#active.set(sessionId, { serial: plan.deviceId, abort, done });
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
