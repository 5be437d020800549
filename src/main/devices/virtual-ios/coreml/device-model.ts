// The virtual iPhone's physical model on its monotonic clock: the loads the probe app puts on the CPU, GPU and
// Neural Engine, the power they draw, the heat and the thermal state that follow (work slows from `serious`),
// the battery and its gauge, and the latency of each prediction a plan schedules. State moves forward only.
// The thermal RC network, battery, power timeline, noise and rng are the Android virtual phone's.
import { performance } from 'node:perf_hooks';
import type { CoremlModel } from '../../../../shared/formats/coreml/model.js';
import type { ProbeComputeDevice, ProbeComputeUnits, ProbeThermalState } from '../../../../shared/ios-probe/probe-protocol.js';
import { BatteryModel, type ChargerState } from '../../virtual/model/battery.js';
import { ACCELERATOR_NOISE, Ar1Noise, CPU_NOISE } from '../../virtual/model/noise.js';
import { PowerTimeline } from '../../virtual/model/power-timeline.js';
import { SeededRandom } from '../../virtual/model/rng.js';
import { MAX_THERMAL_TIME_SCALE, ThermalModel } from '../../virtual/model/thermal.js';
import type { IosBatteryReading, IosDeviceNs, IosPhoneBody } from '../virtual-iphone-contracts.js';
import { type CoremlPlanCost, compileMs, planCost } from './cost.js';
import { VirtualIphoneConfigError } from './errors.js';
import { IphoneGroundTruth } from './ground-truth.js';
import { IphoneBatteryGauge } from './iphone-battery.js';
import type { VirtualIphoneProfile } from './iphone-spec.js';
import { hasComputePlan } from './profiles.js';
import { iphoneThermalState } from './thermal-state.js';

/** What a program keeps busy: each device's duty (0–1) and other watts. */
export interface IphoneLoadUse {
  readonly cpu: number;
  readonly gpu: number;
  readonly neuralEngine: number;
  readonly extraW: number;
}

export interface IphoneLoadHandle {
  /** From `atNs` (the phone's clock, ns) on, the program uses this. */
  set(use: IphoneLoadUse, atNs: number): void;
  end(atNs: number): void;
}

export interface CompiledCoremlPlan {
  readonly model: CoremlModel;
  readonly computeUnits: ProbeComputeUnits;
  readonly cost: CoremlPlanCost;
  /** MLModel.compileModel(at:) and MLModel(contentsOf:configuration:) as they will take this time, ms. */
  readonly compileMs: number;
  readonly loadMs: number;
}

export interface PredictionOptions {
  readonly planId: string;
  readonly kind: 'warmup' | 'regular';
  readonly index: number;
  /** The first prediction after load: caches cold, lazy allocations. */
  readonly first: boolean;
}

export interface VirtualIphoneModelOptions {
  readonly seed: number;
  readonly charger: ChargerState;
  /** Thermal time runs this many times faster than the clock (1 = real time; at most 1000). */
  readonly thermalSpeed: number;
  /** Milliseconds of a monotonic clock (default performance.now); tests may drive time by hand. */
  readonly clockMs?: () => number;
  /** Unix epoch milliseconds (default Date.now), for the gauge's UpdateTime. */
  readonly unixMs?: () => number;
}

export type IphoneThermalListener = (state: ProbeThermalState, atNs: IosDeviceNs) => void;

const DEVICES: readonly ProbeComputeDevice[] = ['cpu', 'gpu', 'neuralEngine'];

export class VirtualIphoneModel implements IosPhoneBody {
  readonly thermal: ThermalModel;
  readonly groundTruth: IphoneGroundTruth;
  readonly computePlanAvailable: boolean;
  readonly #battery: BatteryModel;
  readonly #gauge: IphoneBatteryGauge;
  readonly #timeline = new PowerTimeline();
  readonly #loads = new Map<number, IphoneLoadUse>();
  readonly #listeners = new Set<IphoneThermalListener>();
  readonly #noise: Record<ProbeComputeDevice, Ar1Noise>;
  readonly #rng: SeededRandom;
  readonly #clockMs: () => number;
  readonly #unixMs: () => number;
  readonly #bootedAtMs: number;
  #nextLoad = 1;
  #lastNs: number;
  #state: ProbeThermalState;

  constructor(
    readonly profile: VirtualIphoneProfile,
    options: VirtualIphoneModelOptions,
  ) {
    const hw = profile.hardware;
    this.#clockMs = options.clockMs ?? (() => performance.now());
    this.#unixMs = options.unixMs ?? (() => Date.now());
    this.#bootedAtMs = this.#clockMs() - profile.uptimeAtStartSec * 1000;
    this.#rng = new SeededRandom(options.seed);
    this.#noise = {
      cpu: new Ar1Noise(CPU_NOISE, this.#rng),
      gpu: new Ar1Noise(ACCELERATOR_NOISE, this.#rng),
      neuralEngine: new Ar1Noise(ACCELERATOR_NOISE, this.#rng),
    };
    this.computePlanAvailable = hasComputePlan(profile.identity.productVersion);
    this.#lastNs = this.#clockNs();
    this.thermal = new ThermalModel(hw.thermal, hw.power.idleW);
    this.thermal.timeScale = checkedThermalSpeed(options.thermalSpeed);
    this.#state = iphoneThermalState(this.thermal.status);
    this.#battery = new BatteryModel(hw.battery, this.#rng, this.#lastNs, hw.power.idleW, this.#batteryC());
    this.#battery.setCharger(options.charger);
    this.#gauge = new IphoneBatteryGauge(this.#battery, 212);
    this.groundTruth = new IphoneGroundTruth(hw, this.#timeline, () => this.catchUp());
    this.#timeline.record(this.#lastNs, this.#powerW());
  }

  // ---- IosPhoneBody ----

  nowNs(): IosDeviceNs {
    return BigInt(Math.round(this.#clockNs())) as IosDeviceNs;
  }

  battery(): IosBatteryReading {
    this.catchUp();
    const periodNs = this.#battery.spec.gaugePeriodMs * 1e6;
    const publishedNs = Math.floor(this.#lastNs / periodNs) * periodNs;
    const unixAtBootMs = this.#unixMs() - (this.#clockMs() - this.#bootedAtMs);
    return this.#gauge.read(() => (unixAtBootMs + publishedNs / 1e6) / 1000, this.#batteryC());
  }

  // ---- time ----

  /** The phone's clock now, ns as a number (exact to well past a year of uptime). */
  clockNs(): number {
    return this.#clockNs();
  }

  get horizonNs(): number {
    return this.#lastNs;
  }

  catchUp(): void {
    this.advanceTo(this.#clockNs());
  }

  advanceTo(tNs: number): void {
    let t = this.#lastNs;
    if (tNs <= t) return;
    while (t < tNs) {
      const dt = Math.min(tNs - t, this.thermal.maxClockStepS * 1e9);
      const power = this.#powerW();
      this.#timeline.record(t, power);
      this.#battery.integrate(t, t + dt, power, this.#batteryC());
      this.thermal.advance((dt / 1e9) * this.thermal.timeScale, power);
      t += dt;
      this.#noticeState(t);
    }
    this.#lastNs = tNs;
    this.#timeline.record(tNs, this.#powerW());
  }

  // ---- knobs ----

  setThermalSpeed(speed: number): void {
    const checked = checkedThermalSpeed(speed);
    this.catchUp();
    this.thermal.timeScale = checked;
  }

  setCharger(state: ChargerState): void {
    this.catchUp();
    this.#battery.setCharger(state);
  }

  get charger(): ChargerState {
    return this.#battery.charger;
  }

  /** Sets the die and skin temperatures (tests: start a run hot). */
  setTemperatures(dieC: number, skinC: number): void {
    this.catchUp();
    this.thermal.setTemperatures(dieC, skinC);
    this.#noticeState(this.#lastNs);
  }

  // ---- thermal state ----

  get thermalState(): ProbeThermalState {
    return this.#state;
  }

  /** Called on every change of ProcessInfo.thermalState; returns the disposer. */
  onThermalStateChange(listener: IphoneThermalListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- work ----

  addLoad(): IphoneLoadHandle {
    const id = this.#nextLoad++;
    const change = (use: IphoneLoadUse | null, atNs: number): void => {
      this.advanceTo(atNs);
      if (use === null) this.#loads.delete(id);
      else this.#loads.set(id, use);
      this.#timeline.record(Math.max(atNs, this.#lastNs), this.#powerW());
    };
    return { set: (use, atNs) => change(use, atNs), end: (atNs) => change(null, atNs) };
  }

  /** The probe app between predictions: bookkeeping only. */
  get appIdleUse(): IphoneLoadUse {
    return { cpu: 0, gpu: 0, neuralEngine: 0, extraW: this.profile.hardware.power.appOverheadW };
  }

  compile(model: CoremlModel, computeUnits: ProbeComputeUnits): CompiledCoremlPlan {
    const cost = planCost(model, this.profile.hardware, computeUnits);
    const jitter = (): number => 0.93 + 0.14 * this.#rng.next();
    return { model, computeUnits, cost, compileMs: compileMs(model, this.profile.hardware) * jitter(), loadMs: cost.loadMs * jitter() };
  }

  /** Schedules one prediction from `atNs`: its end, the load it puts on the phone, the ground truth. */
  predict(plan: CompiledCoremlPlan, atNs: number, options: PredictionOptions, load: IphoneLoadHandle): { beginNs: number; endNs: number } {
    this.advanceTo(atNs);
    const hw = this.profile.hardware;
    const status = this.thermal.status;
    const die = this.thermal.dieC;
    const factor = {} as Record<ProbeComputeDevice, number>;
    for (const d of DEVICES) factor[d] = this.#slowdown(d, status) * this.#noise[d].next(status, die);
    const busy: Record<ProbeComputeDevice, number> = { cpu: 0, gpu: 0, neuralEngine: 0 };
    for (const segment of plan.cost.segments) {
      busy.cpu += segment.transferInUs * factor.cpu;
      busy[segment.device] += segment.computeUs * factor[segment.device] * (options.first ? hw.units[segment.device].coldFactor : 1);
    }
    busy.cpu += plan.cost.transferOutUs * factor.cpu;
    const totalUs = busy.cpu + busy.gpu + busy.neuralEngine;
    const endNs = atNs + totalUs * 1e3;
    load.set({ cpu: busy.cpu / totalUs, gpu: busy.gpu / totalUs, neuralEngine: busy.neuralEngine / totalUs, extraW: hw.power.appOverheadW }, atNs);
    const energyJ = DEVICES.reduce((j, d) => j + (busy[d] / 1e6) * this.#activeW(d, status), 0);
    this.groundTruth.record({
      planId: options.planId,
      computeUnits: plan.computeUnits,
      kind: options.kind,
      index: options.index,
      beginNs: BigInt(Math.round(atNs)),
      endNs: BigInt(Math.round(endNs)),
      latencyUs: totalUs,
      thermalState: iphoneThermalState(status),
      busyUs: busy,
      energyJ,
    });
    return { beginNs: atNs, endNs };
  }

  /** A uniform draw from the phone's seeded generator. */
  random(): number {
    return this.#rng.next();
  }

  /** The phone's true power at the model's horizon, W. */
  get powerW(): number {
    return this.#powerW();
  }

  #clockNs(): number {
    return (this.#clockMs() - this.#bootedAtMs) * 1e6;
  }

  #noticeState(tNs: number): void {
    const state = iphoneThermalState(this.thermal.status);
    if (state === this.#state) return;
    this.#state = state;
    const at = BigInt(Math.round(tNs)) as IosDeviceNs;
    for (const listener of [...this.#listeners]) listener(state, at);
  }

  #slowdown(device: ProbeComputeDevice, status: number): number {
    const s = this.profile.hardware.units[device].slowdown;
    return s[status] ?? s.at(-1) ?? 1;
  }

  /** A throttled device draws less: its clock and voltage are down (P falls faster than speed). */
  #activeW(device: ProbeComputeDevice, status: number): number {
    return this.profile.hardware.units[device].activePowerW / this.#slowdown(device, status) ** 1.5;
  }

  #powerW(): number {
    const status = this.thermal.status;
    let watts = this.profile.hardware.power.idleW;
    for (const use of this.#loads.values()) {
      watts += use.extraW;
      for (const d of DEVICES) watts += Math.min(1, use[d]) * this.#activeW(d, status);
    }
    return watts;
  }

  #batteryC(): number {
    return this.thermal.skinC - 1.5;
  }
}

function checkedThermalSpeed(speed: number): number {
  if (!(speed > 0) || speed > MAX_THERMAL_TIME_SCALE) {
    throw new VirtualIphoneConfigError(`thermalSpeed must be above 0 and at most ${MAX_THERMAL_TIME_SCALE}, got ${speed}`);
  }
  return speed;
}
