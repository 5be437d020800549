// A core (the Node side of the window) on a private adb server, with virtual phones started
// in this process so tests can read their ground truth.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../src/main/core/core.js';
import { resolveAdbServerConfig } from '../../src/main/devices/android/adb-server.js';
import { startVirtualPhone, type RunningVirtualPhone, type StartVirtualPhoneOptions } from '../../src/main/devices/virtual/index.js';
import type { ProfilePlan } from '../../src/shared/api-schemas.js';
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
