// A small, hand-written session for the window's unit tests (synthetic, not measured).
// The larger generated one for end-to-end tests lives in tests/fixtures/sessions.
import type { PathId } from '../../../shared/api-constants.js';
import type { FallbackOp, PathResult, SessionHeader, SessionRecord } from '../../../shared/session/records.js';
import type { HostTimeMs } from '../../../shared/units.js';

export function sampleHeader(sessionId = 'unit-session', refreshRateHz: number | null = 120): SessionHeader {
  return {
    r: 'header',
    format: 'tetherscope-session',
    version: 1,
    sessionId,
    createdAt: 1_764_000_000_000 as HostTimeMs,
    tool: { name: 'Tetherscope', version: '0.1.0' },
    device: {
      id: 'synthetic-unit',
      platform: 'android',
      transport: 'virtual',
      virtual: true,
      facts: { manufacturer: 'Tetherscope', model: 'Synthetic unit-test phone', soc: null, os: 'Android 15', sdk: 35, abi: 'arm64-v8a', refreshRateHz, accelerators: ['synthetic-npu'] },
      buildType: 'user',
    },
    model: { name: 'synthetic.tflite', bytes: 1000, sha256: 'cd'.repeat(32), format: 'tflite', ops: [{ opType: 'CONV_2D', count: 10 }] },
    plan: { deviceId: 'synthetic-unit', modelPath: '/m.tflite', paths: [{ path: 'npu' }, { path: 'gpu' }], runs: 10, warmupRuns: 2, threads: 4, repeats: 1, frameBudget: { kind: 'device' } },
    deviceClockOriginNs: '1000000000',
  };
}

export function sampleResult(path: PathId, over: Partial<PathResult> = {}, fallbackOps: FallbackOp[] = []): PathResult {
  return {
    path,
    repeat: 0,
    status: 'ok',
    failure: null,
    runner: 'synthetic',
    aggregates: { initUs: 120_000, firstUs: 20_000, warmupAvgUs: 9000, avgUs: 7000, count: 10 },
    controlAvgUs: 6500,
    delegate: { name: 'synthetic delegate', nodesDelegated: 8, nodesTotal: 10, partitions: 2 },
    fallbackOps,
    pointsUnavailable: null,
    lostInferences: 0,
    idlePowerW: 1,
    startUs: 0,
    endUs: 10_000_000,
    deviceTrace: null,
    ...over,
  };
}

/** NPU: ten points 5..14 ms one second apart; GPU: ten points all 7 ms. */
export function sampleRecords(sessionId = 'unit-session'): SessionRecord[] {
  const t = Array.from({ length: 10 }, (_, i) => i * 1_000_000);
  return [
    sampleHeader(sessionId),
    { r: 'event', kind: 'path-start', at: 1 as HostTimeMs, tUs: 0, path: 'npu', message: 'NPU started' },
    { r: 'series', id: 'cur', name: 'Battery current', kind: 'current', unit: 'mA', updateHz: 10, source: 'battery current_now' },
    { r: 'series', id: 'volt', name: 'Battery voltage', kind: 'voltage', unit: 'mV', updateHz: 10, source: 'battery voltage_now' },
    { r: 'series', id: 'battery.power', name: 'Battery power drawn', kind: 'power', unit: 'mW', updateHz: 10, source: 'battery current × voltage' },
    { r: 'points', path: 'npu', repeat: 0, warmup: true, tUs: [-2_000_000, -1_000_000], latUs: [20_000, 9000] },
    { r: 'points', path: 'npu', repeat: 0, warmup: false, tUs: t, latUs: t.map((_, i) => 5000 + i * 1000) },
    { r: 'samples', id: 'cur', tUs: t, v: t.map(() => 500) },
    { r: 'samples', id: 'volt', tUs: t, v: t.map(() => 4000) },
    { r: 'samples', id: 'battery.power', tUs: t, v: t.map(() => 2000) },
    { r: 'points', path: 'gpu', repeat: 0, warmup: false, tUs: t.map((x) => x + 20_000_000), latUs: t.map(() => 7000) },
    { r: 'event', kind: 'throttling', at: 2 as HostTimeMs, tUs: 5_000_000, path: 'npu', message: 'Thermal status rose to moderate' },
    { r: 'path-result', result: sampleResult('npu', {}, [{ opType: 'RESIZE_BILINEAR', count: 2, ranOn: 'CPU', reason: 'not supported', timeShare: 0.1 }]) },
    { r: 'path-result', result: sampleResult('gpu', { startUs: 20_000_000, endUs: 30_000_000, delegate: { name: 'GPU', nodesDelegated: 10, nodesTotal: 10, partitions: 1 } }) },
    { r: 'conditions', conditions: { screenKeptOn: true, batterySaverOff: true, charging: false, baselineTemperatureC: 30, pathOrder: [['npu', 'gpu']], notes: [] } },
    { r: 'end', at: 3 as HostTimeMs, status: 'complete', message: null },
  ];
}

export const toJsonLines = (records: readonly SessionRecord[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
