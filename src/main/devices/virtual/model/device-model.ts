// The virtual phone's physical model on one BOOTTIME axis: the loads programs put on it, the power they draw,
// the heat and the throttling that follow, the battery and its gauge, and the latency of each inference a
// benchmark schedules. State moves forward only (a query for an earlier moment sees the latest state).
import type { TfliteModel } from '../../../../shared/formats/tflite/model.js';
import type { PhoneClock } from '../phone/clock.js';
import { BatteryModel, type ChargerState } from './battery.js';
import { initCostUs, stepCostsUs } from './cost.js';
import { GroundTruth } from './ground-truth.js';
import type { ComputeUnit, CpuClusterSpec, DeviceHardware } from './hardware-spec.js';
import { ACCELERATOR_NOISE, Ar1Noise, CPU_NOISE } from './noise.js';
import { type PathRequest, type Placement, placeModel } from './placement.js';
import { type PowerParts, PowerRailMeter } from './power-rails.js';
import { PowerTimeline } from './power-timeline.js';
import { SeededRandom } from './rng.js';
import { ThermalModel } from './thermal.js';

/** What a program keeps busy: inference threads on the big cores, GPU and NPU duty (0–1), other watts. */
export interface LoadUse {
  readonly cpuThreads: number;
  readonly gpu: number;
  readonly npu: number;
  readonly extraW: number;
}

export interface LoadHandle {
  /** From `atNs` on, the program uses this. */
  set(use: LoadUse, atNs: number): void;
  end(atNs: number): void;
}

export interface CompiledPlan {
  readonly model: TfliteModel;
  readonly placement: Placement;
  /** µs per step, warm and unthrottled. */
  readonly baseUs: readonly number[];
  readonly initUs: number;
  readonly threads: number;
  /** Where the delegated part runs (`cpu` when nothing is delegated). */
  readonly unit: ComputeUnit;
}

export interface InferenceOptions {
  readonly pid: number;
  readonly kind: 'warmup' | 'regular';
  readonly index: number;
  /** The first Invoke after init: caches cold, lazy allocations. */
  readonly first: boolean;
  /** ATrace is writing a begin and an end per step (tracing on and this process allowed). */
  readonly traced: boolean;
  /** The op profiler is timing every step. */
  readonly profiled: boolean;
  /** A foreground app is scheduled on the big cores more reliably than a shell-started binary. */
  readonly foregroundApp: boolean;
}

export interface InferenceTiming {
  readonly beginNs: number;
  readonly endNs: number;
  readonly stepBeginNs: readonly number[];
  readonly stepEndNs: readonly number[];
}

/** Cost of one ATrace begin or end (a write to trace_marker) and of one op-profiler event, µs. */
const TRACE_WRITE_US = 1.8;
const PROFILER_EVENT_US = 0.8;
/** Subgraph::Invoke's own work around the steps, µs. */
const INVOKE_OVERHEAD_US = 3;
/** An accelerator step keeps one CPU thread waiting on it, partly busy. */
const WAITING_THREAD = 0.15;
const FOREGROUND_CPU_FACTOR = 0.95;
/** How fast the governors follow load (schedutil's utilization averaging and devfreq polling), s. */
const UTILIZATION_TAU_S = 0.03;
/** A core or GPU busier than this runs at its cap rather than idling down. */
const BUSY_THRESHOLD = 0.25;

export class DeviceModel {
  readonly thermal: ThermalModel;
  readonly battery: BatteryModel;
  readonly groundTruth: GroundTruth;
  /** ODPM rails (what `dumpsys …IPowerStats/default` reads); null on phones without them. */
  readonly powerRails: PowerRailMeter | null;
  readonly #timeline = new PowerTimeline();
  /** The cluster of each core, fastest first: where the k-th inference thread runs. */
  readonly #clusterOfCore: readonly number[];
  readonly #loads = new Map<number, LoadUse>();
  readonly #noise: Record<ComputeUnit, Ar1Noise>;
  readonly #rng: SeededRandom;
  #nextLoad = 1;
  #lastNs: number;
  /** Recent utilization as the governors see it: busy threads, GPU and NPU duty. */
  #recent: { threads: number; gpu: number; npu: number } = { threads: 0, gpu: 0, npu: 0 };

  constructor(
    readonly hardware: DeviceHardware,
    private readonly clock: PhoneClock,
    seed: number,
  ) {
    this.#rng = new SeededRandom(seed);
    const clusters = hardware.cpu.clusters;
    this.#clusterOfCore = [...clusters.keys()].reverse().flatMap((i) => (clusters[i]?.cpus ?? []).map(() => i));
    this.#noise = {
      cpu: new Ar1Noise(CPU_NOISE, this.#rng),
      gpu: new Ar1Noise(ACCELERATOR_NOISE, this.#rng),
      npu: new Ar1Noise(ACCELERATOR_NOISE, this.#rng),
    };
    this.#lastNs = this.nowNs();
    this.thermal = new ThermalModel(hardware.thermal, hardware.power.idleW);
    this.battery = new BatteryModel(hardware.battery, this.#rng, this.#lastNs, hardware.power.idleW, this.#batteryC());
    this.powerRails = hardware.powerRails === undefined ? null : new PowerRailMeter(hardware.powerRails, hardware, this.#lastNs);
    this.groundTruth = new GroundTruth(this.#timeline, () => this.advanceTo(this.nowNs()), this.powerRails);
    this.#record(this.#lastNs, 0);
  }

  /** BOOTTIME now, ns. */
  nowNs(): number {
    return this.clock.uptimeMs() * 1e6;
  }

  /** The latest moment the model has reached (never behind the clock after `catchUp`). */
  get horizonNs(): number {
    return this.#lastNs;
  }

  /** Brings the model to the clock's now; sysfs reads call this. */
  catchUp(): void {
    this.advanceTo(this.nowNs());
  }

  advanceTo(tNs: number): void {
    let t = this.#lastNs;
    if (tNs <= t) return;
    while (t < tNs) {
      const dt = Math.min(tNs - t, this.thermal.maxClockStepS * 1e9);
      const power = this.#record(t, this.thermal.status);
      this.battery.integrate(t, t + dt, power, this.#batteryC());
      this.thermal.advance((dt / 1e9) * this.thermal.timeScale, power);
      this.#followLoad(dt / 1e9);
      t += dt;
    }
    this.#lastNs = tNs;
    this.#record(tNs, this.thermal.status);
  }

  /** Records the power from tNs on, in total and on the rails; returns the total, W. */
  #record(tNs: number, status: number): number {
    const parts = this.#powerParts(status);
    this.#timeline.record(tNs, parts.totalW);
    this.powerRails?.record(tNs, parts);
    return parts.totalW;
  }

  /** Thermal time runs `scale` times faster than the clock: tests heat a phone in seconds. */
  setThermalTimeScale(scale: number): void {
    this.catchUp();
    this.thermal.timeScale = scale;
  }

  setCharger(state: ChargerState): void {
    this.catchUp();
    this.battery.setCharger(state);
  }

  /** A program's claim on the hardware; its power counts until `end`. */
  addLoad(): LoadHandle {
    const id = this.#nextLoad++;
    const change = (use: LoadUse | null, atNs: number): void => {
      this.advanceTo(atNs);
      if (use === null) this.#loads.delete(id);
      else this.#loads.set(id, use);
      this.#record(Math.max(atNs, this.#lastNs), this.thermal.status);
    };
    return { set: (use, atNs) => change(use, atNs), end: (atNs) => change(null, atNs) };
  }

  /** Where the nodes of a model run on a path, and what each step costs here. */
  compile(model: TfliteModel, request: PathRequest, threads: number, androidSdk: number): CompiledPlan {
    const placement = placeModel(model, this.hardware, androidSdk, request);
    const effectiveThreads = threads > 0 ? threads : 4;
    return {
      model,
      placement,
      baseUs: stepCostsUs(model, this.hardware, placement, effectiveThreads),
      initUs: initCostUs(model, this.hardware, placement),
      threads: effectiveThreads,
      unit: placement.delegate?.unit ?? 'cpu',
    };
  }

  /** Schedules one Invoke from `atNs`: its steps' times, the load it puts on the phone, the ground truth. */
  runInference(plan: CompiledPlan, atNs: number, options: InferenceOptions, load: LoadHandle): InferenceTiming {
    this.advanceTo(atNs);
    const step = this.thermal.status;
    const die = this.thermal.dieC;
    const noise = { cpu: this.#noise.cpu.next(step, die), gpu: this.#noise.gpu.next(step, die), npu: this.#noise.npu.next(step, die) };
    const stepBeginNs: number[] = [];
    const stepEndNs: number[] = [];
    const busyUs: Record<ComputeUnit, number> = { cpu: 0, gpu: 0, npu: 0 };
    const perStepOverhead = (options.traced ? 2 * TRACE_WRITE_US : 0) + (options.profiled ? 2 * PROFILER_EVENT_US : 0);
    let t = atNs + (INVOKE_OVERHEAD_US + (options.traced ? TRACE_WRITE_US : 0)) * 1e3;
    plan.placement.steps.forEach((s, i) => {
      let us = (plan.baseUs[i] ?? 0) * this.#slowdown(s.unit, step) * noise[s.unit];
      if (options.first) us *= this.#coldFactor(s.unit);
      if (s.unit === 'cpu' && options.foregroundApp) us *= FOREGROUND_CPU_FACTOR;
      stepBeginNs.push(t);
      t += us * 1e3;
      stepEndNs.push(t);
      t += perStepOverhead * 1e3;
      busyUs[s.unit] += us;
    });
    const endNs = t + (options.traced ? TRACE_WRITE_US : 0) * 1e3;
    const totalUs = (endNs - atNs) / 1e3;
    const acceleratorUs = busyUs.gpu + busyUs.npu;
    load.set(
      {
        cpuThreads: (busyUs.cpu * plan.threads + acceleratorUs * WAITING_THREAD + (totalUs - busyUs.cpu - acceleratorUs)) / totalUs,
        gpu: busyUs.gpu / totalUs,
        npu: busyUs.npu / totalUs,
        extraW: 0,
      },
      atNs,
    );
    this.groundTruth.record({
      pid: options.pid,
      unit: plan.unit,
      kind: options.kind,
      index: options.index,
      beginNs: BigInt(Math.round(atNs)),
      endNs: BigInt(Math.round(endNs)),
      latencyUs: totalUs,
      throttleStep: step,
      traced: options.traced,
    });
    return { beginNs: atNs, endNs, stepBeginNs, stepEndNs };
  }

  /** The load of the benchmark tool between inferences (bookkeeping on one core). */
  get toolIdleUse(): LoadUse {
    return { cpuThreads: 0, gpu: 0, npu: 0, extraW: this.hardware.power.toolOverheadW };
  }

  // --- what sysfs and the HAL show ------------------------------------------------------------------------

  get thermalStatus(): number {
    return this.thermal.status;
  }

  cpuCapKhz(cluster: CpuClusterSpec): number {
    return cluster.capKhz[this.thermal.status] ?? cluster.capKhz.at(-1) ?? cluster.maxKhz;
  }

  /** scaling_cur_freq: busy cores at their cap, the others at their idle frequency. */
  cpuCurKhz(cpu: number): number {
    const cluster = this.hardware.cpu.clusters.find((c) => c.cpus.includes(cpu));
    if (cluster === undefined) return 0;
    return this.#busyCpus().has(cpu) ? this.cpuCapKhz(cluster) : cluster.idleKhz;
  }

  gpuClockHz(): number {
    const clock = this.hardware.gpu.clock;
    const busy = this.#recent.gpu > BUSY_THRESHOLD / 4;
    return busy ? (clock.busyHz[this.thermal.status] ?? clock.busyHz.at(-1) ?? clock.idleHz) : clock.idleHz;
  }

  gpuMaxClockHz(): number {
    const clock = this.hardware.gpu.clock;
    return clock.busyHz[this.thermal.status] ?? clock.busyHz.at(-1) ?? clock.idleHz;
  }

  /** Cooling-device state of a unit: how many steps it is held down. */
  coolingState(): number {
    return this.thermal.status;
  }

  /** The phone's true power at the model's horizon, W (the ground truth integrates it exactly over time). */
  get powerW(): number {
    return this.#powerW(this.thermal.status);
  }

  #followLoad(seconds: number): void {
    const now = this.#use();
    const blend = 1 - Math.exp(-seconds / UTILIZATION_TAU_S);
    const r = this.#recent;
    r.threads += (now.cpuThreads - r.threads) * blend;
    r.gpu += (now.gpu - r.gpu) * blend;
    r.npu += (now.npu - r.npu) * blend;
  }

  #use(): LoadUse {
    let cpuThreads = 0;
    let gpu = 0;
    let npu = 0;
    let extraW = 0;
    for (const use of this.#loads.values()) {
      cpuThreads += use.cpuThreads;
      gpu += use.gpu;
      npu += use.npu;
      extraW += use.extraW;
    }
    return { cpuThreads, gpu, npu, extraW };
  }

  #busyCpus(): Set<number> {
    const threads = Math.floor(this.#recent.threads + 1 - BUSY_THRESHOLD);
    const byPerformance = [...this.hardware.cpu.clusters].reverse().flatMap((c) => [...c.cpus].reverse());
    return new Set(byPerformance.slice(0, Math.max(0, threads)));
  }

  #slowdown(unit: ComputeUnit, step: number): number {
    if (unit === 'cpu') {
      const big = this.hardware.cpu.clusters.at(-1);
      return big === undefined ? 1 : big.maxKhz / this.cpuCapKhz(big);
    }
    const spec = unit === 'gpu' ? this.hardware.gpu : this.hardware.npu;
    return spec?.slowdown[step] ?? spec?.slowdown.at(-1) ?? 1;
  }

  #coldFactor(unit: ComputeUnit): number {
    if (unit === 'cpu') return 1.6;
    return (unit === 'gpu' ? this.hardware.gpu : this.hardware.npu)?.coldFactor ?? 1;
  }

  #powerW(status: number): number {
    return this.#powerParts(status).totalW;
  }

  /**
   * The phone's power and its split: idle, each CPU cluster (inference threads fill the biggest cores first,
   * so the k-th thread's share of the CPU power goes to the cluster of the k-th fastest core; the tool's own
   * work, `extraW`, runs on the thread that calls Invoke and goes to the biggest cluster), GPU and NPU.
   */
  #powerParts(status: number): PowerParts & { readonly totalW: number } {
    const hw = this.hardware;
    const { cpuThreads: threads, gpu, npu, extraW: extra } = this.#use();
    const clusters = hw.cpu.clusters;
    const big = clusters.at(-1);
    const capRatio = big === undefined ? 1 : (big.capKhz[status] ?? big.maxKhz) / big.maxKhz;
    const frequencyFactor = capRatio ** hw.cpu.powerFrequencyExponent;
    const cpuW = interpolate(hw.cpu.activePowerW, threads) * frequencyFactor;
    const accelerator = (spec: { activePowerW: number; slowdown: readonly number[] } | null, duty: number): number =>
      spec === null ? 0 : (Math.min(1, duty) * spec.activePowerW) / (spec.slowdown[status] ?? 1) ** 1.5;
    const gpuW = accelerator(hw.gpu, gpu);
    const npuW = accelerator(hw.npu, npu);
    const cpuClusterW = clusters.map(() => 0);
    if (clusters.length > 0) {
      for (let k = 1; k < threads + 1; k++) {
        const share = (interpolate(hw.cpu.activePowerW, Math.min(threads, k)) - interpolate(hw.cpu.activePowerW, k - 1)) * frequencyFactor;
        const cluster = this.#clusterOfCore[k - 1] ?? 0;
        cpuClusterW[cluster] = (cpuClusterW[cluster] ?? 0) + share;
      }
      cpuClusterW[clusters.length - 1] = (cpuClusterW[clusters.length - 1] ?? 0) + extra;
    }
    return { totalW: hw.power.idleW + cpuW + gpuW + npuW + extra, idleW: hw.power.idleW, cpuClusterW, gpuW, npuW };
  }

  #batteryC(): number {
    return this.thermal.skinC - 1.5;
  }

  /** A uniform draw from the phone's seeded generator (init-time jitter). */
  random(): number {
    return this.#rng.next();
  }
}

/** values[n − 1] is the value at n; linear between, 0 at 0, the last slope held beyond. */
function interpolate(values: readonly number[], x: number): number {
  if (x <= 0 || values.length === 0) return 0;
  const n = Math.floor(x);
  const at = (k: number): number => (k <= 0 ? 0 : (values[Math.min(k, values.length) - 1] ?? 0));
  return at(n) + (at(n + 1) - at(n)) * (x - n);
}
