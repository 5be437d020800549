// An iPhone profile end to end: the core finds a virtual iPhone through its usbmuxd, copies a
// Core ML model into Tetherscope Probe over house_arrest/AFC, runs every path through the
// probe protocol, and writes a session that reopens and exports like an Android one.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core.js';
import { loadModelFile } from '../../src/main/capture/model-file.js';
import { exportSession } from '../../src/main/export/export-session.js';
import { startVirtualIphone, type RunningVirtualIphone } from '../../src/main/devices/virtual-ios/virtual-iphone.js';
import { analyzeSession } from '../../src/shared/analysis/session-analysis.js';
import type { ProfilePlan } from '../../src/shared/api-schemas.js';
import { readPerfettoTrace } from '../../src/shared/formats/perfetto/reader.js';
import { PROBE_BUNDLE_ID, PROBE_PORT, type ProbeComputeUnits } from '../../src/shared/ios-probe/probe-protocol.js';
import { serveProbeConnection } from '../../src/main/devices/virtual-ios/probe-app/index.js';

const mlmodel = (name: string): string => fileURLToPath(new URL(`../../resources/models/${name}.mlmodel`, import.meta.url));
const UNITS: Record<'npu' | 'gpu' | 'cpu', ProbeComputeUnits> = { npu: 'cpuAndNeuralEngine', gpu: 'cpuAndGPU', cpu: 'cpuOnly' };

function plan(deviceId: string, over: Partial<ProfilePlan> = {}): ProfilePlan {
  return {
    deviceId,
    modelPath: mlmodel('fallback-mix'),
    paths: [{ path: 'npu' }, { path: 'gpu' }, { path: 'cpu' }],
    runs: 40,
    warmupRuns: 4,
    threads: 1,
    repeats: 1,
    frameBudget: { kind: 'device' },
    ...over,
  };
}

describe('profiling a virtual iPhone', () => {
  let core: Core;
  const phones: RunningVirtualIphone[] = [];

  async function addIphone(options: Parameters<typeof startVirtualIphone>[0]): Promise<RunningVirtualIphone> {
    const phone = await startVirtualIphone(options);
    phones.push(phone);
    core.ios.watch(phone.address, { virtual: true });
    await core.ios.settle(10_000, phone.udid);
    return phone;
  }

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tetherscope-ios-capture-'));
    // No system usbmuxd: only the virtual iPhones' own. No adb either (a binary that is not there, on a port no
    // server listens on): the user's server on 5037 is left alone, and none is started.
    core = await createCore({
      dataDir,
      version: 'test',
      usbmuxd: { kind: 'unix', path: join(dataDir, 'no-usbmuxd') },
      adb: { host: '127.0.0.1', port: 15139, bin: join(dataDir, 'no-adb') },
    });
    await core.settings.update({ baselineWaitMaxS: 3, idleBaselineS: 1, probeWaitS: 10 });
  });

  afterAll(async () => {
    await core.dispose();
    for (const p of phones) await p.stop().catch(() => {});
  });

  it('lists the virtual iPhone with its facts, labelled virtual, on a computer without adb', async () => {
    const phone = await addIphone({ profile: 'iphone-14' });
    const device = (await core.handlers.listDevices(undefined)).find((d) => d.id === phone.udid);
    expect(device).toMatchObject({ platform: 'ios', transport: 'virtual', virtual: true, state: 'device' });
    expect(device?.facts?.model).toContain(phone.phone.identity.productType);
    expect(device?.facts?.os).toContain(phone.phone.identity.productVersion);
  });

  it('lists an iPhone this computer is not paired with as not authorized, saying to tap Trust, and will not profile it', async () => {
    const phone = await addIphone({ profile: 'iphone-14', paired: false });
    const device = core.ios.list().find((d) => d.id === phone.udid);
    expect(device).toMatchObject({ state: 'unauthorized', virtual: true });
    expect(device?.hint).toMatch(/Unlock the iPhone and tap Trust/);
    expect(device?.facts?.model).toContain('iPhone 14');
    await expect(core.profiles.start(plan(phone.udid))).rejects.toThrow(/not ready \(unauthorized\)/);
  });

  it('runs all three paths: points equal the runs, Neural Engine fallbacks match the device model, the session exports and reopens', async () => {
    const phone = await addIphone({ profile: 'iphone-16-pro' });
    const run = await core.profiles.start(plan(phone.udid));
    const outcome = await run.done;
    expect(outcome).toMatchObject({ status: 'complete' });
    const detail = await core.sessions.open({ sessionId: run.sessionId });
    const session = detail.session;
    expect(detail.warnings).toEqual([]);
    expect(session.header.device).toMatchObject({ platform: 'ios', virtual: true });
    expect(session.header.model.format).toBe('mlmodel');
    expect(session.events.some((e) => e.kind === 'note' && /not yet verified on a real iPhone/.test(e.message))).toBe(true);

    const model = await loadModelFile(mlmodel('fallback-mix'));
    if (model.format !== 'mlmodel') throw new Error('the sample is a Core ML model');
    for (const path of ['npu', 'gpu', 'cpu'] as const) {
      expect(session.points[path]?.latUs.length, path).toBe(40);
      expect(session.warmupPoints[path]?.latUs.length, path).toBe(4);
      const result = session.results.find((r) => r.path === path)!;
      expect(result).toMatchObject({ status: 'ok', runner: 'Tetherscope Probe (Core ML)' });
      expect(result.aggregates.count).toBe(40);
      // Every point lies inside its path's window on the phone's clock.
      const pts = session.points[path]!;
      expect(Math.min(...pts.tUs)).toBeGreaterThanOrEqual(result.startUs! - 1000);
      expect(Math.max(...pts.tUs)).toBeLessThanOrEqual(result.endUs! + 1000);
      // The measured latencies are the phone's own: compare with its ground truth, prediction by prediction.
      const truth = phone.phone.groundTruth.predictions({ kind: 'regular' }).filter((p) => p.computeUnits === UNITS[path]);
      expect(truth.length).toBe(40);
      const measured = [...pts.latUs].sort((a, b) => a - b);
      const expected = truth.map((p) => p.latencyUs).sort((a, b) => a - b);
      expect(Math.abs(measured[20]! - expected[20]!) / expected[20]!).toBeLessThan(0.01);
    }
    const npu = session.results.find((r) => r.path === 'npu')!;
    const truthFallbacks = phone.phone.groundTruth.neuralEngineFallbacks(model.model, 'cpuAndNeuralEngine');
    expect(truthFallbacks.length).toBeGreaterThan(0);
    expect(npu.fallbackOps.reduce((n, f) => n + f.count, 0)).toBe(truthFallbacks.length);
    const byType = (list: readonly { opType: string }[]): Record<string, number> => list.reduce<Record<string, number>>((m, x) => ({ ...m, [x.opType]: (m[x.opType] ?? 0) + 1 }), {});
    expect(Object.fromEntries(npu.fallbackOps.map((f) => [f.opType, f.count]))).toEqual(byType(truthFallbacks));
    expect(npu.delegate).toMatchObject({ nodesTotal: model.model.layers.length, nodesDelegated: model.model.layers.length - truthFallbacks.length });
    expect(session.results.find((r) => r.path === 'cpu')!.fallbackOps).toEqual([]);

    // The analysis and every export work on it as on an Android session.
    const analysis = analyzeSession(session, { budget: { kind: 'device' }, appOverheadMs: 0 });
    expect(analysis.paths.map((p) => p.latency.count)).toEqual([40, 40, 40]);
    expect(analysis.refreshRateHz).toBe(120);
    // On the desk's USB port the iPhone charges: energy is unavailable, with the iPhone's way out.
    expect(session.conditions?.charging).toBe(true);
    const energy = analysis.paths[0]!.energy;
    expect(energy.available).toBe(false);
    if (!energy.available) expect(energy.wayOut).toMatch(/over Wi-Fi/);
    expect(session.series.find((x) => x.meta.id === 'battery.current')?.tUs.length).toBeGreaterThan(0);
    const perfetto = await exportSession(session, 'perfetto', join(core.sessions.dir, 'x.pftrace'), { budget: { kind: 'device' }, appOverheadMs: 0 });
    const trace = readPerfettoTrace(new Uint8Array(await readFile(perfetto.path)));
    expect(trace.packets.length).toBeGreaterThan(120);
    for (const format of ['json', 'csv', 'summary'] as const) {
      const out = await exportSession(session, format, join(core.sessions.dir, `x.${format}`), { budget: { kind: 'device' }, appOverheadMs: 0 });
      expect(out.bytes).toBeGreaterThan(100);
    }
    const csv = await readFile(join(core.sessions.dir, 'x.csv'), 'utf8');
    expect(csv.split('\n').filter((l) => /npu/.test(l)).length).toBeGreaterThanOrEqual(40);
    // The exports call the NPU path the Neural Engine, as the window does.
    const json = await readFile(join(core.sessions.dir, 'x.json'), 'utf8');
    expect(json).toContain('"Neural Engine path"');
    expect(json).not.toContain('NPU path');
    const pftrace = await readFile(perfetto.path);
    expect(pftrace.includes('Neural Engine path')).toBe(true);
    expect(pftrace.includes('NPU path')).toBe(false);
  });

  it('says there is no per-op placement on an iPhone without MLComputePlan (iOS before 17.4)', async () => {
    const phone = await addIphone({ profile: 'iphone-12' });
    const run = await core.profiles.start(plan(phone.udid, { paths: [{ path: 'npu' }], runs: 10 }));
    expect((await run.done).status).toBe('complete');
    const { session } = await core.sessions.open({ sessionId: run.sessionId });
    expect(session.points.npu?.latUs.length).toBe(10);
    expect(session.results[0]!.fallbackOps).toEqual([]);
    expect(session.results[0]!.delegate).toBeNull();
    expect(session.events.some((e) => e.kind === 'note' && /No per-op placement/.test(e.message))).toBe(true);
  });

  it('waits for the user to open Tetherscope Probe, saying so, then runs', async () => {
    const phone = await addIphone({ profile: 'iphone-16-pro', probeOpen: false });
    const messages: string[] = [];
    const off = core.events.subscribe((batch) => {
      for (const e of batch) if (e.event === 'profileProgress') messages.push(e.payload.message);
    });
    const run = await core.profiles.start(plan(phone.udid, { paths: [{ path: 'cpu' }], runs: 5 }));
    await new Promise((r) => setTimeout(r, 2500));
    phone.openProbe();
    const outcome = await run.done;
    off();
    expect(outcome.status).toBe('complete');
    expect(messages.some((m) => /Open Tetherscope Probe on the iPhone/.test(m))).toBe(true);
  });

  it('waits while the probe is open but silent (in the background), and reads the clock of a probe that rounds what it echoes', async () => {
    const phone = await addIphone({ profile: 'iphone-14', probeOpen: false });
    const container = phone.transport.container(PROBE_BUNDLE_ID);
    // In the background: the port takes connections, the app says nothing.
    const silent = phone.transport.servePort(PROBE_PORT, () => {});
    const run = await core.profiles.start(plan(phone.udid, { paths: [{ path: 'cpu' }], runs: 5 }));
    await new Promise((r) => setTimeout(r, 3000));
    silent();
    // In front again; Foundation writes the echoed hostMs back with fewer digits.
    phone.transport.servePort(PROBE_PORT, (socket) => {
      const write = socket.write.bind(socket) as (chunk: string) => boolean;
      (socket as unknown as { write: (chunk: string) => boolean }).write = (chunk: string) => write(String(chunk).replace(/"hostMs":([\d.]+)/g, (_, n: string) => `"hostMs":${Number(n).toFixed(1)}`));
      serveProbeConnection(socket, { container, model: phone.phone.model });
    });
    const outcome = await run.done;
    expect(outcome.status).toBe('complete');
    const { session } = await core.sessions.open({ sessionId: run.sessionId });
    expect(session.points.cpu?.latUs.length).toBe(5);
  });

  it('records a failed run, saying why, when the probe is never opened; a cancelled wait is recorded as cancelled', async () => {
    await core.settings.update({ probeWaitS: 5 });
    try {
      const phone = await addIphone({ profile: 'iphone-14', probeOpen: false });
      const run = await core.profiles.start(plan(phone.udid, { paths: [{ path: 'cpu' }], runs: 5 }));
      const outcome = await run.done;
      expect(outcome.status).toBe('failed');
      expect(outcome.message).toMatch(/Tetherscope Probe did not answer .* within 5 s/);
      const { session } = await core.sessions.open({ sessionId: run.sessionId });
      expect(session.end?.status).toBe('failed');
      expect(session.events.map((e) => e.kind)).toEqual(['note', 'error']);
      expect(session.events[1]!.message).toMatch(/Open Tetherscope Probe on the iPhone/);

      const second = await core.profiles.start(plan(phone.udid, { paths: [{ path: 'cpu' }], runs: 5 }));
      await new Promise((r) => setTimeout(r, 1500));
      core.profiles.cancel(second.sessionId);
      expect((await second.done).status).toBe('cancelled');
    } finally {
      await core.settings.update({ probeWaitS: 10 });
    }
  });

  it('keeps everything recorded before the iPhone is unplugged mid-run', async () => {
    const phone = await addIphone({ profile: 'iphone-16-pro' });
    const run = await core.profiles.start(plan(phone.udid, { paths: [{ path: 'cpu' }, { path: 'npu' }], runs: 20_000, warmupRuns: 0 }));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && phone.phone.groundTruth.predictions({ kind: 'regular' }).length < 2000) await new Promise((r) => setTimeout(r, 100));
    phone.detach();
    const outcome = await run.done;
    expect(outcome.status).toBe('interrupted');
    const { session, warnings } = await core.sessions.open({ sessionId: run.sessionId });
    expect(warnings).toEqual([]);
    expect(session.events.some((e) => e.kind === 'disconnect')).toBe(true);
    const kept = session.points.cpu?.latUs.length ?? 0;
    expect(kept).toBeGreaterThan(1000);
    expect(kept).toBeLessThanOrEqual(phone.phone.groundTruth.predictions({ kind: 'regular' }).length);
  });

  it('refuses a .tflite model for an iPhone before touching it', async () => {
    const phone = await addIphone({ profile: 'iphone-14' });
    const tflite = fileURLToPath(new URL('../../resources/models/mobilenet-mini.tflite', import.meta.url));
    await expect(core.profiles.start(plan(phone.udid, { modelPath: tflite }))).rejects.toThrow(/iPhones run Core ML models/);
    expect(phone.transport.container('dev.tetherscope.probe').readFile(`/Documents/models/${(await loadModelFile(tflite)).info.sha256}.mlmodel`)).toBeNull();
  });

  it('runs a path for a duration: predictions go on until the time is up, and every one is a point', async () => {
    const phone = await addIphone({ profile: 'iphone-16-pro' });
    const { runs: _runs, ...noRuns } = plan(phone.udid, { paths: [{ path: 'npu' }], modelPath: mlmodel('mobilenet-mini') });
    const { sessionId, done } = await core.profiles.start({ ...noRuns, durationS: 2 });
    expect((await done).status).toBe('complete');
    const { session } = await core.sessions.open({ sessionId });
    const points = session.points.npu!;
    const truth = phone.phone.groundTruth.predictions({ kind: 'regular' });
    expect(points.tUs.length).toBe(truth.length);
    expect(points.tUs.length).toBeGreaterThan(40);
    // The timed predictions span the two seconds asked for (on the phone's own clock), and no more than one
    // prediction beyond.
    const spanNs = truth.at(-1)!.endNs - truth[0]!.beginNs;
    expect(Number(spanNs) / 1e9).toBeGreaterThanOrEqual(1.99);
    expect(Number(spanNs) / 1e9).toBeLessThan(2 + truth.at(-1)!.latencyUs / 1e6 + 0.01);
    expect(session.results[0]!.aggregates.count).toBe(truth.length);
  });
});

