import { describe, expect, it } from 'vitest';
import { newSessionData } from '../session/read-session.js';
import type { PathResult, SessionHeader } from '../session/records.js';
import type { HostTimeMs } from '../units.js';
import { analyzeSession } from './session-analysis.js';

const header: SessionHeader = {
  r: 'header',
  format: 'tetherscope-session',
  version: 1,
  sessionId: 's',
  createdAt: 0 as HostTimeMs,
  tool: { name: 'Tetherscope', version: 't' },
  device: { id: 'v', platform: 'android', transport: 'virtual', virtual: true, buildType: 'user', facts: { manufacturer: null, model: 'V', soc: null, os: null, sdk: 35, abi: null, refreshRateHz: 120, accelerators: [] } },
  model: { name: 'm.tflite', bytes: 1, sha256: 'x', format: 'tflite', ops: [] },
  plan: { deviceId: 'v', modelPath: '/m', paths: [{ path: 'npu' }, { path: 'gpu' }], runs: 1000, warmupRuns: 0, threads: 4, repeats: 1, frameBudget: { kind: 'device' } },
  deviceClockOriginNs: '0',
};

const result = (path: 'npu' | 'gpu', over: Partial<PathResult> = {}): PathResult => ({
  path,
  repeat: 0,
  status: 'ok',
  failure: null,
  runner: 'TFLite benchmark_model',
  aggregates: { initUs: 1000, firstUs: 9000, warmupAvgUs: 8000, avgUs: 7100, count: 1000 },
  controlAvgUs: 7000,
  delegate: { name: 'TfLiteNnapiDelegate', nodesDelegated: 30, nodesTotal: 38, partitions: 3 },
  fallbackOps: [{ opType: 'ARG_MAX', count: 2, ranOn: 'CPU', reason: 'x', timeShare: null }],
  pointsUnavailable: null,
  lostInferences: 0,
  idlePowerW: 0.5,
  startUs: 0,
  endUs: 10_000_000,
  deviceTrace: null,
  ...over,
});

function session(charging: boolean) {
  const s = newSessionData(header);
  // 1000 inferences, one every 10 ms, each 7 ms: 10 s of work at a constant 2 W.
  const tUs = Array.from({ length: 1000 }, (_, i) => i * 10_000);
  s.points.npu = { tUs, latUs: tUs.map((_, i) => (i < 500 ? 7000 : 9000)), repeat: tUs.map(() => 0) };
  s.series.push({ meta: { r: 'series', id: 'battery.power', name: 'p', kind: 'power', unit: 'mW', updateHz: 20, source: 'x' }, tUs: Array.from({ length: 2001 }, (_, i) => i * 5000), v: Array.from({ length: 2001 }, () => 2000) });
  s.results.push(result('npu'), result('gpu', { status: 'failed', failure: 'Failed to apply GPU delegate.', aggregates: { initUs: null, firstUs: null, warmupAvgUs: null, avgUs: null, count: null }, pointsUnavailable: 'The path failed.' }));
  s.conditions = { screenKeptOn: true, batterySaverOff: true, charging, baselineTemperatureC: 30, pathOrder: [['npu', 'gpu']], notes: [] };
  s.events.push({ r: 'event', kind: 'throttling', at: 0 as HostTimeMs, tUs: 4_000_000, path: null, message: 'light' });
  return s;
}

describe('analyzeSession', () => {
  it('gives each path its figures from the points, the tool and the power series', () => {
    const a = analyzeSession(session(false), { budget: { kind: 'device' }, appOverheadMs: 0 });
    const npu = a.paths.find((p) => p.path === 'npu')!;
    expect(a.budgetMs).toBeCloseTo(8.333, 3);
    expect(npu.latency.count).toBe(1000);
    expect(npu.latency.p50Us).toBe(8000);
    // 7 ms fits 120 Hz (8.33 ms), 9 ms does not.
    expect(npu.chosenBudget?.shareInside).toBe(0.5);
    expect(npu.tracingOverhead).toBeCloseTo(100 / 7000, 9);
    expect(npu.throttlingOnsetUs).toBe(4_000_000);
    expect(npu.fallbackOpCount).toBe(2);
    // Window: first start 0 to last end 9.99 s + 9 ms = 9.999 s at 2 W, idle 0.5 W → 1.5 W × 9.999 s / 1000.
    expect(npu.energy.available).toBe(true);
    if (npu.energy.available) expect(npu.energy.joulesPerInference).toBeCloseTo((1.5 * 9.999) / 1000, 6);
    const gpu = a.paths.find((p) => p.path === 'gpu')!;
    expect(gpu).toMatchObject({ status: 'failed', failure: 'Failed to apply GPU delegate.', pointsUnavailable: 'The path failed.' });
  });

  it('shows energy as unavailable while charging', () => {
    const npu = analyzeSession(session(true), { budget: { kind: 'hz', hz: 60 }, appOverheadMs: 2 }).paths[0]!;
    expect(npu.energy).toMatchObject({ available: false, wayOut: expect.stringContaining('adb tcpip') });
    // 60 Hz minus 2 ms = 14.67 ms: everything fits.
    expect(npu.chosenBudget?.shareInside).toBe(1);
  });

  it('takes energy from the power rails when the phone has them, charging or not', () => {
    const s = session(true);
    // Rails read once a second: a step of 1.2 W average per interval, idle 0.2 W on the rails.
    const tUs: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < 12; k++) {
      tUs.push(k * 1_000_000 + 1, (k + 1) * 1_000_000);
      v.push(1200, 1200);
    }
    s.series.push({ meta: { r: 'series', id: 'rails.power', name: 'Power drawn (power rails)', kind: 'power', unit: 'mW', updateHz: 1, source: 'ODPM' }, tUs, v });
    s.results[0] = result('npu', { idleRailsPowerW: 0.2 });
    const npu = analyzeSession(s, { budget: { kind: 'device' }, appOverheadMs: 0 }).paths[0]!;
    expect(npu.energy.available).toBe(true);
    if (!npu.energy.available) return;
    expect(npu.energy.source).toBe('power-rails');
    expect(npu.energy.joulesPerInference).toBeCloseTo((1.0 * 9.999) / 1000, 5);
    // Ten readings or fewer over the path: said.
    expect(npu.energy.caveats.join(' ')).toMatch(/updated only 1\.0 times a second/);

    // Without an idle figure for the rails the path has none, rather than a battery figure beside rails ones.
    s.results[0] = result('npu', { idleRailsPowerW: null });
    const noIdle = analyzeSession(s, { budget: { kind: 'device' }, appOverheadMs: 0 }).paths[0]!;
    expect(noIdle.energy).toMatchObject({ available: false, reason: expect.stringMatching(/idle power of the power rails/), wayOut: null });

    // Readings that stop early: the part they cover, said so.
    s.results[0] = result('npu', { idleRailsPowerW: 0.2 });
    const rails = s.series.find((x) => x.meta.id === 'rails.power')!;
    rails.tUs = rails.tUs.slice(0, 2);
    rails.v = rails.v.slice(0, 2);
    const cut = analyzeSession(s, { budget: { kind: 'device' }, appOverheadMs: 0 }).paths[0]!;
    expect(cut.energy.available && cut.energy.caveats.join(' ')).toMatch(/read over only 1\.0 s of the 10\.0 s/);
    // Readings that end before a path too short for a whole interval: unavailable, not a figure made of nothing.
    s.points.npu = { tUs: [3_000_000], latUs: [7000], repeat: [0] };
    const short = analyzeSession(s, { budget: { kind: 'device' }, appOverheadMs: 0 }).paths[0]!;
    expect(short.energy).toMatchObject({ available: false, reason: 'The power rail readings do not cover this path.' });
  });
});
