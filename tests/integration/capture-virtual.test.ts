// The capture engine on virtual phones, through the real adb server: what a session holds
// after profiling each path, checked against the phone's own ground truth.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../../src/shared/analysis/session-analysis.js';
import { predictDelegateSupport } from '../../src/shared/formats/tflite/delegate-support.js';
import { readTfliteModel } from '../../src/shared/formats/tflite/reader.js';
import { runCapture } from '../../src/main/capture/capture-engine.js';
import { loadModelFile } from '../../src/main/capture/model-file.js';
import { newSessionId } from '../../src/main/core/profile-runs.js';
import { plan, sampleModel, useCaptureRig, trueEnergyPerInference } from './capture-helpers.js';

const BENCHMARK_BINARY = new URL('../../resources/virtual-phone/benchmark_model', import.meta.url).pathname;

describe('capture on virtual phones', () => {
  const rig = useCaptureRig(15081);

  it('records every inference of every path on a retail phone through the benchmark app, with energy on battery', async () => {
    const phone = await rig.addPhone({ profile: 'flagship', battery: 'unplugged' });
    const { sessionId, done } = await rig.core.profiles.start(plan(phone.serial, { runs: undefined, durationS: 6 }));
    const outcome = await done;
    expect(outcome.status).toBe('complete');
    const { session, warnings } = await rig.core.sessions.open({ sessionId });
    expect(warnings).toEqual([]);
    expect(session.header.device.virtual).toBe(true);
    expect(session.events.find((e) => e.kind === 'note' && /Benchmark app/.test(e.message))).toBeDefined();
    for (const path of ['npu', 'gpu', 'cpu'] as const) {
      const result = session.results.find((r) => r.path === path)!;
      expect(result.status).toBe('ok');
      // One point per timed inference, as many as the tool's own count= line.
      expect(session.points[path]?.latUs.length).toBe(result.aggregates.count);
      expect(session.warmupPoints[path]?.latUs.length).toBe(3);
      expect(result.controlAvgUs).not.toBeNull();
    }
    // The points are the phone's true latencies.
    const truth = phone.phone.model.groundTruth.inferences().filter((i) => i.kind === 'regular' && i.traced);
    const npuPoints = session.points.npu!.latUs;
    expect(truth.some((t) => Math.abs(t.latencyUs - npuPoints[0]!) < 1)).toBe(true);

    // Energy per inference within ±10 % of the phone's ground truth.
    const analysis = analyzeSession(session, { budget: { kind: 'device' }, appOverheadMs: 0 });
    const errors: number[] = [];
    for (const p of analysis.paths) {
      expect(p.energy.available).toBe(true);
      if (!p.energy.available) continue;
      const truth = trueEnergyPerInference(session, phone, p.path);
      console.log(`${p.path}: ${(p.energy.joulesPerInference * 1000).toFixed(4)} mJ measured, ${(truth.joules * 1000).toFixed(4)} mJ true; idle ${truth.result.idlePowerW?.toFixed(3)} W measured, ${truth.idleW.toFixed(3)} W true`);
      errors.push(Math.abs(p.energy.joulesPerInference - truth.joules) / truth.joules);
    }
    expect(Math.max(...errors)).toBeLessThan(0.1);
  }, 180_000);

  it('names the ops that fell back, as the delegates report them (userdebug phone, command-line tool, traced)', async () => {
    const phone = await rig.addPhone({ profile: 'midrange' });
    const { sessionId, done } = await rig.core.profiles.start(plan(phone.serial, { modelPath: sampleModel('fallback-mix'), paths: [{ path: 'gpu' }, { path: 'npu' }], runs: 20 }));
    expect((await done).status).toBe('complete');
    const { session } = await rig.core.sessions.open({ sessionId });
    expect(session.events.find((e) => e.kind === 'note' && /benchmark_model binary: .*debuggable build/.test(e.message))).toBeDefined();
    const model = readTfliteModel(new Uint8Array(readFileSync(sampleModel('fallback-mix'))));
    const gpu = session.results.find((r) => r.path === 'gpu')!;
    const rejected = new Set(predictDelegateSupport(model, 'gpu').operators.filter((o) => !o.supported).map((o) => o.opName));
    expect(new Set(gpu.fallbackOps.map((f) => f.opType))).toEqual(rejected);
    expect(gpu.fallbackOps.every((f) => f.reason !== null && f.ranOn === 'CPU')).toBe(true);
    const npu = session.results.find((r) => r.path === 'npu')!;
    expect(npu.fallbackOps.length).toBeGreaterThan(0);
    expect(session.points.gpu?.latUs.length).toBe(gpu.aggregates.count);
  }, 180_000);

  it('says why a retail phone gives no points with only the command-line tool, and keeps its averages', async () => {
    const phone = await rig.addPhone({ profile: 'budget' });
    const facts = rig.core.android.tracker.facts(phone.serial)!;
    const model = await loadModelFile(sampleModel('mobilenet-mini'));
    if (model.format !== 'tflite') throw new Error('the sample is a .tflite model');
    const outcome = await runCapture({
      sessionId: newSessionId('cli-only'),
      plan: plan(phone.serial, { paths: [{ path: 'cpu' }], runs: 10 }),
      model,
      device: { serial: phone.serial, client: rig.core.android.client, facts, transport: 'virtual' },
      runner: { cliPath: BENCHMARK_BINARY, apkPath: null },
      sessionsDir: rig.core.sessions.dir,
      toolVersion: 'test',
      telemetryRateHz: 20,
      baselineWaitMaxS: 2,
      idleBaselineS: 1,
      controlPass: true,
      opProfiling: false,
      signal: new AbortController().signal,
      onRecord: () => {},
      onProgress: () => {},
      log: () => {},
    });
    expect(outcome.status).toBe('complete');
    const { session } = await rig.core.sessions.open({ sessionId: outcome.sessionId });
    const cpu = session.results[0]!;
    expect(session.points.cpu).toBeUndefined();
    expect(cpu.pointsUnavailable).toMatch(/user build \(ro\.debuggable=0\)/);
    expect(cpu.aggregates.avgUs).toBeGreaterThan(0);
    // While charging over USB, energy is unavailable with the way out.
    const energy = analyzeSession(session, { budget: { kind: 'device' }, appOverheadMs: 0 }).paths[0]!.energy;
    expect(energy).toMatchObject({ available: false, wayOut: expect.stringContaining('adb tcpip') });
    // A GPU path that fails is recorded as failed with the tool's words, and the plan goes on.
    const failing = await rig.core.profiles.start(plan(phone.serial, { paths: [{ path: 'gpu' }, { path: 'cpu' }], runs: 5 }));
    expect((await failing.done).status).toBe('complete');
    const second = await rig.core.sessions.open({ sessionId: failing.sessionId });
    expect(second.session.results.find((r) => r.path === 'gpu')).toMatchObject({ status: 'failed', failure: expect.stringMatching(/GPU delegate/) });
    expect(second.session.results.find((r) => r.path === 'cpu')?.status).toBe('ok');
  }, 180_000);

  it('refuses a file that is not a model, an empty file and a truncated model before touching the phone; deploys a name with spaces, quotes, $, ; and accents', async () => {
    const phone = rig.phones[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'tetherscope-models-'));
    const good = readFileSync(sampleModel('mobilenet-mini'));
    writeFileSync(join(dir, 'notes.tflite'), 'this is not a model\n');
    writeFileSync(join(dir, 'empty.tflite'), '');
    writeFileSync(join(dir, 'cut.tflite'), good.subarray(0, good.length >> 1));
    const before = phone.phone.shellCommands.length;
    await expect(rig.core.profiles.start(plan(phone.serial, { modelPath: join(dir, 'notes.tflite') }))).rejects.toThrow(/not a TensorFlow Lite model/);
    await expect(rig.core.profiles.start(plan(phone.serial, { modelPath: join(dir, 'empty.tflite') }))).rejects.toThrow(/is empty/);
    await expect(rig.core.profiles.start(plan(phone.serial, { modelPath: join(dir, 'cut.tflite') }))).rejects.toThrow(/not a TensorFlow Lite model/);
    expect(phone.phone.shellCommands.length).toBe(before);
    const odd = join(dir, "my model $HOME; 'q' \"dq\" ünïcødé.tflite");
    copyFileSync(sampleModel('mobilenet-mini'), odd);
    const { done } = await rig.core.profiles.start(plan(phone.serial, { modelPath: odd, paths: [{ path: 'cpu' }], runs: 5 }));
    expect((await done).status).toBe('complete');
  }, 120_000);

  it('sent the phones only scripts that the real mksh parses', () => {
    const scripts = new Set(rig.phones.flatMap((p) => p.phone.shellCommands));
    expect(scripts.size).toBeGreaterThan(10);
    for (const script of scripts) {
      try {
        execFileSync('mksh', ['-n', '-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        throw new Error(`mksh -n refused a script sent to a phone:\n${script}\n${String((error as { stderr?: string }).stderr)}`, { cause: error });
      }
    }
  });
});
