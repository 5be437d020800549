import { describe, expect, it } from 'vitest';
import { readTfliteModel } from '../../../../shared/formats/tflite/reader.js';
import { buildLargePush, buildMobilenetMini } from '../../../../shared/formats/tflite/samples.js';
import { PhoneClock } from '../phone/clock.js';
import { getVirtualPhoneProfile, virtualPhoneProfileNames } from '../phone/profiles.js';
import { DeviceModel, type InferenceOptions } from './device-model.js';
import type { DeviceHardware } from './hardware-spec.js';
import { validatePowerRails } from './power-rails.js';
import { PIXEL } from './profiles/pixel.js';

const mini = readTfliteModel(buildMobilenetMini());
const large = readTfliteModel(buildLargePush());
const OPTIONS: InferenceOptions = { pid: 4000, kind: 'regular', index: 0, first: false, traced: false, profiled: false, foregroundApp: false };
const REFRESH_NS = PIXEL.spec.powerRails!.refreshMs * 1e6;
type Request = Parameters<DeviceModel['compile']>[1];

/** A clock that stands still, so two models built apart in time start at the same moment. */
class StillClock extends PhoneClock {
  override uptimeMs(): number {
    return PIXEL.uptimeAtStartSec * 1000;
  }
}

function pixelModel(seed = 11): DeviceModel {
  return new DeviceModel(PIXEL.spec, new StillClock(0), seed);
}

/** Runs `count` inferences back to back (the tool's own work between them) from `fromNs`; returns the end. */
function runMany(model: DeviceModel, fromNs: number, count: number, request: Request, threads = 4, graph = mini): number {
  const plan = model.compile(graph, request, threads, 34);
  const load = model.addLoad();
  let t = fromNs;
  for (let i = 0; i < count; i++) {
    const timing = model.runInference(plan, t, { ...OPTIONS, index: i }, load);
    load.set(model.toolIdleUse, timing.endNs);
    t = timing.endNs + 20_000;
  }
  load.end(t);
  return t;
}

/** The next driver refresh at or after tNs. */
const nextRefresh = (model: DeviceModel, tNs: number): number => {
  const last = model.powerRails!.lastRefreshNs(tNs);
  return last === tNs ? last : last + REFRESH_NS;
};

const sumUws = (model: DeviceModel, tNs: number): number => model.powerRails!.read(tNs).reduce((sum, r) => sum + r.energyUws, 0);
const railUws = (model: DeviceModel, tNs: number, rail: string): number => model.powerRails!.read(tNs).find((r) => r.rail === rail)!.energyUws;

describe('ODPM power rails of the virtual phone', () => {
  it('exist only on profiles that declare them, and every declared set meters all compute power', () => {
    for (const name of virtualPhoneProfileNames()) {
      const profile = getVirtualPhoneProfile(name);
      const model = new DeviceModel(profile.spec, new PhoneClock(profile.uptimeAtStartSec * 1000), 1);
      expect(model.powerRails === null, name).toBe(profile.spec.powerRails === undefined);
      expect(model.groundTruth.meteredEnergyJ(0, 1e9) === null, name).toBe(profile.spec.powerRails === undefined);
      if (profile.spec.powerRails !== undefined) expect(() => validatePowerRails(profile.spec.powerRails!, profile.spec)).not.toThrow();
    }
    expect(getVirtualPhoneProfile('pixel').spec.powerRails?.rails).toHaveLength(16);
    const rails = PIXEL.spec.powerRails!;
    const without = (rail: string): DeviceHardware => ({ ...PIXEL.spec, powerRails: { ...rails, rails: rails.rails.filter((r) => r.rail !== rail) } });
    expect(() => new DeviceModel(without('S2S_VDD_G3D'), new PhoneClock(1e6), 1)).toThrow(/gpu is fed by 0 rails/);
    expect(() => new DeviceModel(without('S3M_VDD_CPUCL1'), new PhoneClock(1e6), 1)).toThrow(/cpu-cluster 1 is fed by 0 rails/);
    const greedy: DeviceHardware = { ...PIXEL.spec, powerRails: { ...rails, rails: rails.rails.map((r) => ({ ...r, idleW: 0.1 })) } };
    expect(() => new DeviceModel(greedy, new PhoneClock(1e6), 1)).toThrow(/exceed the idle power/);
  });

  it('count from the meter’s start: idle power times the time since then, with part of the idle power unmetered', () => {
    const model = pixelModel();
    const t = model.powerRails!.lastRefreshNs(model.horizonNs);
    const meteredIdleW = model.groundTruth.meteredIdleW!;
    expect(meteredIdleW).toBeCloseTo(0.643, 9);
    expect(meteredIdleW).toBeLessThan(PIXEL.spec.power.idleW);
    const sinceStartS = (t - PIXEL.spec.powerRails!.meterStartMs * 1e6) / 1e9;
    expect(sumUws(model, t) / 1e6).toBeCloseTo(meteredIdleW * sinceStartS, 3);
    expect(railUws(model, t, 'VSYS_PWR_DISPLAY') / 1e6).toBeCloseTo(0.35 * sinceStartS, 4);
    // Idle for 10 s: exactly the metered idle power on the rails, the whole idle power in the ground truth.
    model.advanceTo(t + 10e9);
    expect((sumUws(model, t + 10e9) - sumUws(model, t)) / 1e6).toBeCloseTo(meteredIdleW * 10, 4);
    expect(model.groundTruth.energyJ(t, t + 10e9) - model.groundTruth.meteredEnergyJ(t, t + 10e9)!).toBeCloseTo((PIXEL.spec.power.idleW - meteredIdleW) * 10, 6);
  });

  it('hold every joule above idle of a loaded window: CPU, GPU and NPU paths, within 1 % of the ground truth', () => {
    const model = pixelModel();
    const meteredIdleW = model.groundTruth.meteredIdleW!;
    const paths: { request: Request; rail: string }[] = [
      { request: { kind: 'cpu', xnnpack: 'explicit' }, rail: 'S2M_VDD_CPUCL2' },
      { request: { kind: 'gpu' }, rail: 'S2S_VDD_G3D' },
      { request: { kind: 'nnapi', accelerator: 'google-edgetpu' }, rail: 'S10M_VDD_TPU' },
    ];
    for (const { request, rail } of paths) {
      // Windows begin and end on driver refreshes and in idle, as a sampler's idle-bracketed run would.
      const from = nextRefresh(model, model.horizonNs + 0.5e9);
      model.advanceTo(from);
      const end = runMany(model, from + 0.2e9, 1500, request, 4, large);
      const to = nextRefresh(model, end + 0.3e9);
      model.advanceTo(to);
      const seconds = (to - from) / 1e9;
      const trueAboveIdleJ = model.groundTruth.energyJ(from, to) - PIXEL.spec.power.idleW * seconds;
      const railsAboveIdleJ = (sumUws(model, to) - sumUws(model, from)) / 1e6 - meteredIdleW * seconds;
      expect(trueAboveIdleJ, JSON.stringify(request)).toBeGreaterThan(1);
      expect(Math.abs(railsAboveIdleJ - trueAboveIdleJ) / trueAboveIdleJ, JSON.stringify(request)).toBeLessThan(0.01);
      // The path's own unit's rail carries a good part of it.
      const idleShare = PIXEL.spec.powerRails!.rails.find((r) => r.rail === rail)!.idleW;
      const onRailJ = (railUws(model, to, rail) - railUws(model, from, rail)) / 1e6 - idleShare * seconds;
      expect(onRailJ / trueAboveIdleJ, `${rail} share`).toBeGreaterThan(0.3);
    }
  });

  it('keep the metered energy exact against the ground truth under throttling', () => {
    const model = pixelModel(5);
    model.thermal.setTemperatures(62, 44);
    expect(model.thermalStatus).toBeGreaterThan(1);
    const from = model.horizonNs;
    const end = runMany(model, from + 1e6, 300, { kind: 'cpu', xnnpack: 'explicit' }, 6);
    const seconds = (end - from) / 1e9;
    const unmeteredW = PIXEL.spec.power.idleW - model.groundTruth.meteredIdleW!;
    expect(model.groundTruth.meteredEnergyJ(from, end)! + unmeteredW * seconds).toBeCloseTo(model.groundTruth.energyJ(from, end), 9);
  });

  it('update only at the driver’s refreshes and never go backwards', () => {
    const model = pixelModel();
    const from = nextRefresh(model, model.horizonNs + 1e6);
    const end = runMany(model, from + 1e6, 600, { kind: 'cpu', xnnpack: 'explicit' });
    model.advanceTo(end + 1e9);
    let last = -1;
    for (let t = from; t < end; t += 50e6) {
      const now = sumUws(model, t);
      expect(now).toBeGreaterThanOrEqual(last);
      expect(now).toBe(sumUws(model, model.powerRails!.lastRefreshNs(t)));
      last = now;
    }
    expect(sumUws(model, from + REFRESH_NS - 1)).toBe(sumUws(model, from));
    expect(sumUws(model, from + REFRESH_NS)).toBeGreaterThan(sumUws(model, from));
  });

  it('are not moved by USB charging, unlike the battery current', () => {
    const run = (charger: 'usb' | 'none') => {
      const model = pixelModel(21);
      model.setCharger(charger);
      const from = nextRefresh(model, model.horizonNs + 1e6);
      model.advanceTo(from);
      const end = runMany(model, from + 1e6, 300, { kind: 'nnapi', accelerator: null });
      const to = nextRefresh(model, end + 1e8);
      model.advanceTo(to);
      return { rails: model.powerRails!.read(to), currentA: model.battery.trueCurrentA, truth: model.groundTruth.energyJ(from, to) };
    };
    const plugged = run('usb');
    const unplugged = run('none');
    expect(plugged.rails).toEqual(unplugged.rails);
    expect(plugged.truth).toBeCloseTo(unplugged.truth, 9);
    expect(plugged.currentA - unplugged.currentA).toBeGreaterThan(0.3);
  });
});
