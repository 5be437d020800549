import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoremlModel } from '../../../../shared/formats/coreml/reader.js';
import { buildCoremlFallbackMix, buildCoremlMobilenetMini } from '../../../../shared/formats/coreml/samples.js';
import { createVirtualIphoneModel } from './create.js';
import { VirtualIphoneConfigError } from './errors.js';
import { VIRTUAL_IPHONE_PROFILES, getVirtualIphoneProfile } from './profiles.js';

const modelsDir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'resources', 'models');
const mobilenet = readCoremlModel(readFileSync(join(modelsDir, 'mobilenet-mini.mlmodel')));
const fallbackMix = readCoremlModel(readFileSync(join(modelsDir, 'fallback-mix.mlmodel')));

/** A clock the test moves by hand, ms. */
function manualClock() {
  let ms = 1000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('committed sample models', () => {
  it('are what the builders make (run scripts/make-coreml-sample-models.ts after changing them)', () => {
    expect(new Uint8Array(readFileSync(join(modelsDir, 'mobilenet-mini.mlmodel')))).toEqual(buildCoremlMobilenetMini());
    expect(new Uint8Array(readFileSync(join(modelsDir, 'fallback-mix.mlmodel')))).toEqual(buildCoremlFallbackMix());
  });
});

describe('virtual iPhone profiles', () => {
  it('name their identity and whether MLComputePlan is there', () => {
    expect(VIRTUAL_IPHONE_PROFILES).toEqual(['iphone-16-pro', 'iphone-14', 'iphone-12']);
    const facts = VIRTUAL_IPHONE_PROFILES.map((name) => {
      const phone = createVirtualIphoneModel(name);
      return [phone.lockdownFacts.ProductType, phone.lockdownFacts.ProductVersion, phone.computePlan];
    });
    expect(facts).toEqual([
      ['iPhone17,1', '18.1', true],
      ['iPhone14,7', '17.3.1', false],
      ['iPhone13,2', '16.7.10', false],
    ]);
    expect(() => createVirtualIphoneModel('pixel')).toThrow(VirtualIphoneConfigError);
    expect(() => createVirtualIphoneModel('iphone-12', { thermalSpeed: 5000 })).toThrow(/thermalSpeed/);
  });
});

describe('placement per compute units', () => {
  const { groundTruth } = createVirtualIphoneModel('iphone-16-pro');
  const where = (units: Parameters<typeof groundTruth.placement>[1]) =>
    Object.fromEntries(groundTruth.placement(fallbackMix, units).map((p) => [p.name, p.preferred]));

  it('keeps the Neural Engine\'s refusals off it, and nothing else', () => {
    const refused = ['conv_dilated', 'add_broadcast', 'concat_nd', 'swish'];
    expect(groundTruth.neuralEngineFallbacks(fallbackMix, 'cpuAndNeuralEngine').map((p) => p.name)).toEqual(refused);
    expect(groundTruth.neuralEngineFallbacks(mobilenet, 'cpuAndNeuralEngine')).toEqual([]);
    const ane = where('cpuAndNeuralEngine');
    for (const name of refused) expect(ane[name]).toBe('cpu');
    expect(ane.conv_a).toBe('neuralEngine');
    // With every device allowed, the GPU takes what the Neural Engine refuses, except the custom layer.
    expect(where('all')).toMatchObject({ conv_dilated: 'gpu', add_broadcast: 'gpu', concat_nd: 'gpu', swish: 'cpu', conv_a: 'neuralEngine' });
    expect(where('cpuAndGPU')).toMatchObject({ conv_a: 'gpu', swish: 'cpu' });
    expect(new Set(Object.values(where('cpuOnly')))).toEqual(new Set(['cpu']));
    const swish = groundTruth.placement(fallbackMix, 'all').find((p) => p.name === 'swish');
    expect(swish?.supported).toEqual(['cpu']);
    expect(swish?.neuralEngineRefusal).toMatch(/custom layers/);
  });

  it('makes the Neural Engine the fastest and cheapest path for an all-ANE model, and hand-overs cost', () => {
    const latency = (units: 'cpuOnly' | 'cpuAndGPU' | 'cpuAndNeuralEngine') => groundTruth.latencyUs(mobilenet, units);
    expect(latency('cpuAndNeuralEngine')).toBeLessThan(latency('cpuOnly'));
    expect(groundTruth.energyPerPredictionJ(mobilenet, 'cpuAndNeuralEngine')).toBeLessThan(groundTruth.energyPerPredictionJ(mobilenet, 'cpuOnly'));
    // fallback-mix on the Neural Engine hops devices four times; its copies make it no better than the CPU alone.
    expect(groundTruth.latencyUs(fallbackMix, 'cpuAndNeuralEngine')).toBeGreaterThan(groundTruth.latencyUs(fallbackMix, 'cpuOnly') * 0.8);
  });
});

describe('thermal state', () => {
  it('rises under sustained load and slows predictions once serious', () => {
    const clock = manualClock();
    const phone = createVirtualIphoneModel('iphone-16-pro', { thermalSpeed: 100, clockMs: clock.now });
    const model = phone.model;
    const seen: string[] = [];
    model.onThermalStateChange((state) => seen.push(state));
    const plan = model.compile(mobilenet, 'cpuOnly');
    const load = model.addLoad();
    let t = model.clockNs();
    let index = 0;
    const run = (seconds: number) => {
      const until = t + seconds * 1e9;
      while (t < until) t = model.predict(plan, t, { planId: 'p', kind: 'regular', index: index++, first: false }, load).endNs;
      clock.advance((until - model.clockNs()) / 1e6 + 1);
      model.catchUp();
    };
    run(0.2);
    expect(model.thermalState).toBe('nominal');
    const coolLatency = phone.groundTruth.predictions().at(-1)?.latencyUs ?? 0;
    run(4);
    expect(seen.slice(0, 2)).toEqual(['fair', 'serious']);
    const hot = phone.groundTruth.predictions().at(-1);
    expect(hot?.thermalState).toMatch(/serious|critical/);
    expect(hot?.latencyUs ?? 0).toBeGreaterThan(coolLatency * 1.3);
  });
});

describe('battery and gauge', () => {
  it('publishes only once a gauge period, with UpdateTime; USB shows charger-in minus load', () => {
    const clock = manualClock();
    const phone = createVirtualIphoneModel('iphone-16-pro', { clockMs: clock.now, unixMs: () => 1_700_000_000_000 + clock.now() });
    const first = phone.body.battery();
    clock.advance(1000);
    expect(phone.body.battery()).toBe(first);
    const readings = new Set<number>();
    for (let i = 0; i < 30; i++) {
      clock.advance(1000);
      readings.add(phone.body.battery().updateTime);
    }
    // 30 s of 5 s windows.
    expect(readings.size).toBeGreaterThanOrEqual(5);
    expect(readings.size).toBeLessThanOrEqual(7);
    const idle = phone.body.battery();
    expect(idle.externalConnected).toBe(true);
    expect(idle.isCharging).toBe(true);
    // 5 V × 1.5 A × 0.88 in, 0.9 W out: about +1.5 A into the cell.
    expect(idle.instantAmperageMa).toBeGreaterThan(1000);
    phone.model.setCharger('none');
    clock.advance(11_000);
    const unplugged = phone.body.battery();
    expect(unplugged.externalConnected).toBe(false);
    expect(unplugged.instantAmperageMa).toBeLessThan(-150);
    expect(unplugged.instantAmperageMa).toBeGreaterThan(-400);
  });

  it('true energy of a run equals idle power plus the recorded predictions', () => {
    const clock = manualClock();
    const phone = createVirtualIphoneModel('iphone-14', { clockMs: clock.now, battery: 'unplugged' });
    const model = phone.model;
    const plan = model.compile(fallbackMix, 'all');
    const load = model.addLoad();
    const begin = model.clockNs();
    let t = begin;
    for (let i = 0; i < 500; i++) t = model.predict(plan, t, { planId: 'e', kind: 'regular', index: i, first: false }, load).endNs;
    load.end(t);
    const hw = phone.profile.hardware;
    const energy = phone.groundTruth.energyJ(BigInt(Math.round(begin)), BigInt(Math.round(t)));
    const seconds = (t - begin) / 1e9;
    const predictions = phone.groundTruth.predictions({ planId: 'e' });
    const recorded = predictions.reduce((j, p) => j + p.energyJ, 0);
    expect(energy).toBeCloseTo((hw.power.idleW + hw.power.appOverheadW) * seconds + recorded, 6);
    // The expected per-prediction energy is within the noise of what was recorded.
    expect(recorded / 500).toBeGreaterThan(phone.groundTruth.energyPerPredictionJ(fallbackMix, 'all') * 0.8);
    expect(recorded / 500).toBeLessThan(phone.groundTruth.energyPerPredictionJ(fallbackMix, 'all') * 1.25);
    expect(getVirtualIphoneProfile('iphone-14').hardware.battery.gaugePeriodMs).toBe(5000);
  });
});

describe('compile check', () => {
  it('passes the samples and names what compileModel would refuse', async () => {
    const { coremlCompileProblem } = await import('./compile-check.js');
    expect(coremlCompileProblem(mobilenet)).toBeNull();
    expect(coremlCompileProblem(fallbackMix)).toBeNull();
    const [first, ...rest] = mobilenet.layers;
    expect(coremlCompileProblem({ ...mobilenet, layers: rest })).toMatch(/layer "bn1" \(batchnorm\) reads "conv1", which no input or earlier layer produces/);
    const noOutput = { ...mobilenet, layers: mobilenet.layers.slice(0, -1) };
    expect(coremlCompileProblem(noOutput)).toMatch(/the model output "scores" is not produced by any layer/);
    if (first?.params?.type !== 'convolution') throw new Error('conv1 expected first');
    const wrongWeights = { ...mobilenet, layers: [{ ...first, params: { ...first.params, weights: { count: 5, storage: 'float32' as const } } }, ...rest] };
    expect(coremlCompileProblem(wrongWeights)).toMatch(/layer "conv1" \(convolution\) has 5 weight values where its sizes call for 432/);
  });
});
