// A core (the Node side of the window) on a private adb server, with virtual phones started
// in this process so tests can read their ground truth.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core.js';
import { resolveAdbServerConfig } from '../../src/main/devices/android/adb-server.js';
import { startVirtualPhone, type RunningVirtualPhone, type StartVirtualPhoneOptions } from '../../src/main/devices/virtual/index.js';
import type { PathId } from '../../src/shared/api-constants.js';
import type { ProfilePlan } from '../../src/shared/api-schemas.js';
import type { PathResult } from '../../src/shared/session/records.js';
import type { SessionData } from '../../src/shared/session/session-data.js';
import { startPrivateAdbServer, type PrivateAdbServer } from './helpers/adb-server.js';

export const sampleModel = (name: string): string => fileURLToPath(new URL(`../../resources/models/${name}.tflite`, import.meta.url));

export interface CaptureRig {
  server: PrivateAdbServer;
  core: Core;
  dataDir: string;
  phones: RunningVirtualPhone[];
  addPhone(options: StartVirtualPhoneOptions): Promise<RunningVirtualPhone>;
  stop(): Promise<void>;
}

/**
 * The rig of one describe block: started before its tests, stopped after them. Its fields and methods are the
 * started rig's, so a test reads `rig.core` as if it held the rig itself.
 */
export function useCaptureRig(adbPort: number): CaptureRig {
  let started: CaptureRig | undefined;
  const rig = (): CaptureRig => {
    if (!started) throw new Error('The capture rig is used before it started.');
    return started;
  };
  beforeAll(async () => {
    started = await startCaptureRig(adbPort);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  }, 60_000);
  return {
    get server() {
      return rig().server;
    },
    get core() {
      return rig().core;
    },
    get dataDir() {
      return rig().dataDir;
    },
    get phones() {
      return rig().phones;
    },
    addPhone: (options) => rig().addPhone(options),
    stop: () => rig().stop(),
  };
}

export async function startCaptureRig(adbPort: number): Promise<CaptureRig> {
  const server = await startPrivateAdbServer(adbPort);
  const dataDir = mkdtempSync(join(tmpdir(), 'tetherscope-capture-'));
  const core = await createCore({ dataDir, version: 'test', adb: resolveAdbServerConfig({ port: adbPort }) });
  // Short waits: the tests check what happens, not how long a real phone takes to cool.
  await core.settings.update({ baselineWaitMaxS: 3, idleBaselineS: 2, telemetryRateHz: 20 });
  await core.android.ready();
  const phones: RunningVirtualPhone[] = [];
  return {
    server,
    core,
    dataDir,
    phones,
    addPhone: async (options) => {
      const phone = await startVirtualPhone({ ...options, adbPort });
      phones.push(phone);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && !core.android.tracker.facts(phone.serial)) await new Promise((r) => setTimeout(r, 100));
      return phone;
    },
    stop: async () => {
      await core.dispose();
      for (const p of phones) await p.stop().catch(() => {});
      await server.stop();
    },
  };
}

export function plan(deviceId: string, over: Partial<ProfilePlan> = {}): ProfilePlan {
  return {
    deviceId,
    modelPath: sampleModel('mobilenet-mini'),
    paths: [{ path: 'npu' }, { path: 'gpu' }, { path: 'cpu' }],
    runs: 30,
    warmupRuns: 3,
    threads: 4,
    repeats: 1,
    frameBudget: { kind: 'device' },
    ...over,
  };
}

/** The phone's true energy per inference on a path: its energy over the inferences' window, less the idle power of the 2 s before the path. */
export function trueEnergyPerInference(session: SessionData, phone: RunningVirtualPhone, path: PathId): { joules: number; idleW: number; result: PathResult } {
  const origin = BigInt(session.header.deviceClockOriginNs);
  const pts = [...(session.warmupPoints[path]?.tUs ?? []), ...(session.points[path]?.tUs ?? [])];
  const lat = [...(session.warmupPoints[path]?.latUs ?? []), ...(session.points[path]?.latUs ?? [])];
  const first = pts.reduce((a, b) => Math.min(a, b), Infinity);
  const last = pts.reduce((a, t, i) => Math.max(a, t + lat[i]!), -Infinity);
  const from = origin + BigInt(Math.round(first * 1000));
  const to = origin + BigInt(Math.round(last * 1000));
  const result = session.results.find((r) => r.path === path)!;
  const idleTo = origin + BigInt(Math.round(result.startUs! * 1000));
  const idleW = phone.phone.model.groundTruth.averagePowerW(idleTo - 2_000_000_000n, idleTo);
  const joules = (phone.phone.model.groundTruth.energyJ(from, to) - idleW * (Number(to - from) / 1e9)) / pts.length;
  return { joules, idleW, result };
}
