import { describe, expect, it } from 'vitest';
import { readTfliteModel } from '../../../../shared/formats/tflite/reader.js';
import { buildLargePush, buildMobilenetMini } from '../../../../shared/formats/tflite/samples.js';
import { PhoneClock } from '../phone/clock.js';
import { DeviceModel, type InferenceOptions } from './device-model.js';
import { FLAGSHIP } from './profiles/flagship.js';

const mini = readTfliteModel(buildMobilenetMini());
const OPTIONS: InferenceOptions = { pid: 4000, kind: 'regular', index: 0, first: false, traced: false, profiled: false, foregroundApp: false };

function runMany(model: DeviceModel, count: number, request: Parameters<DeviceModel['compile']>[1] = { kind: 'cpu', xnnpack: 'explicit' }, graph = mini) {
  const plan = model.compile(graph, request, 4, 34);
  const load = model.addLoad();
  let t = model.horizonNs + 1e6;
  const start = t;
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const timing = model.runInference(plan, t, { ...OPTIONS, index: i }, load);
    load.set(model.toolIdleUse, timing.endNs);
    latencies.push((timing.endNs - timing.beginNs) / 1e3);
    t = timing.endNs + 5000;
  }
  load.end(t);
  return { start, end: t, latencies };
}

describe('device model', () => {
  it('derives latency from the model’s work: a bigger graph takes longer, the NPU pays per partition', () => {
    const model = new DeviceModel(FLAGSHIP.spec, new PhoneClock(3_600_000), 1);
    const small = runMany(model, 50).latencies;
    const large = runMany(model, 50, { kind: 'cpu', xnnpack: 'explicit' }, readTfliteModel(buildLargePush())).latencies;
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(large)).toBeGreaterThan(avg(small) * 10);
    const npu = runMany(model, 50, { kind: 'nnapi', accelerator: null }).latencies;
    expect(avg(npu)).toBeGreaterThan(FLAGSHIP.spec.npu!.partitionOverheadUs);
  });

  it('draws noise from an AR(1) process: consecutive inferences are correlated', () => {
    const model = new DeviceModel(FLAGSHIP.spec, new PhoneClock(3_600_000), 7);
    const all = runMany(model, 3000).latencies.map(Math.log);
    // Rare preemption spikes aside (they are independent by design).
    const cut = [...all].sort((a, b) => a - b)[Math.floor(all.length * 0.97)]!;
    const pairs = all.slice(1).map((x, i) => [all[i]!, x] as const).filter(([a, b]) => a < cut && b < cut);
    const mean = pairs.reduce((s, [a]) => s + a, 0) / pairs.length;
    let num = 0;
    let den = 0;
    for (const [a, b] of pairs) {
      num += (a - mean) * (b - mean);
      den += (a - mean) ** 2;
    }
    expect(num / den).toBeGreaterThan(0.6);
  });

  it('integrates the true energy exactly: idle windows at idle power, busy ones above, windows add up', () => {
    const model = new DeviceModel(FLAGSHIP.spec, new PhoneClock(3_600_000), 3);
    const idleFrom = model.horizonNs;
    model.advanceTo(idleFrom + 2e9);
    expect(model.groundTruth.energyJ(idleFrom, idleFrom + 2e9)).toBeCloseTo(FLAGSHIP.spec.power.idleW * 2, 6);
    const { start, end } = runMany(model, 2000);
    const mid = (start + end) / 2;
    const whole = model.groundTruth.energyJ(start, end);
    expect(model.groundTruth.energyJ(start, mid) + model.groundTruth.energyJ(mid, end)).toBeCloseTo(whole, 9);
    const watts = model.groundTruth.averagePowerW(start, end);
    expect(watts).toBeGreaterThan(FLAGSHIP.spec.power.idleW + 2);
    expect(watts).toBeLessThan(FLAGSHIP.spec.power.idleW + FLAGSHIP.spec.cpu.activePowerW[3]! + 0.5);
  });

  it('slows the CPU path by the throttled frequency cap', () => {
    const model = new DeviceModel(FLAGSHIP.spec, new PhoneClock(3_600_000), 5);
    const cool = runMany(model, 400).latencies;
    model.thermal.setTemperatures(60, 43.5);
    expect(model.thermalStatus).toBe(2);
    const hot = runMany(model, 400).latencies;
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const prime = FLAGSHIP.spec.cpu.clusters.at(-1)!;
    expect(median(hot) / median(cool)).toBeGreaterThan((prime.maxKhz / prime.capKhz[2]!) * 0.85);
    expect(model.cpuCapKhz(prime)).toBe(prime.capKhz[2]);
  });
});
