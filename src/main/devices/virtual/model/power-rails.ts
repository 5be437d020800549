// ODPM power rails (android-telemetry.md §2): per-rail cumulative energy as the PMIC's on-device power monitor
// counts it. The rails sit downstream of the battery: they see what the SoC, display and the rest draw, never
// the charger, so plugging USB in changes the battery current but not them. Each rail carries its share of the
// idle power plus the active power of the consumer feeding it (a CPU cluster, the GPU, the NPU/TPU); the
// rails' idle shares may leave part of the idle power unmetered, as real channels do not cover every regulator.
// The driver refreshes its accumulators only every `refreshMs` (§2.2: 20 ms to ~2.6 s by ADC rate), so a
// reading is the energy as of the last refresh, not of the moment it is read.
import { VirtualPhoneConfigError } from '../errors.js';
import type { DeviceHardware, PowerRailFeed, PowerRailSpec, PowerRailsSpec } from './hardware-spec.js';

/** The phone's power split by what the model knows consumes it, W. */
export interface PowerParts {
  /** Idle power of the whole phone (display, modem, SoC idle; metered or not). */
  readonly idleW: number;
  /** Active power of each CPU cluster (index as in `cpu.clusters`), the benchmark tool's own work included. */
  readonly cpuClusterW: readonly number[];
  readonly gpuW: number;
  readonly npuW: number;
}

export interface RailReading {
  readonly rail: string;
  readonly subsystem: string;
  /** Cumulative since the meter started, µWs (the HAL's `energyUWs`, an integer). */
  readonly energyUws: number;
}

/** Throws if a profile's rails leave compute power unmetered, feed one consumer twice or claim more idle power than the phone has. */
export function validatePowerRails(spec: PowerRailsSpec, hardware: DeviceHardware): void {
  const problem = (text: string): never => {
    throw new VirtualPhoneConfigError(`power rails: ${text}`);
  };
  const key = (feed: PowerRailFeed): string => (feed.kind === 'cpu-cluster' ? `cpu-cluster ${feed.cluster}` : feed.kind);
  const compute = [...hardware.cpu.clusters.map((_, i) => `cpu-cluster ${i}`), 'gpu', ...(hardware.npu === null ? [] : ['npu'])];
  for (const needed of compute) {
    const feeding = spec.rails.filter((r) => key(r.feeds) === needed).length;
    if (feeding !== 1) problem(`${needed} is fed by ${feeding} rails (needs exactly one, so all its power is metered once)`);
  }
  for (const r of spec.rails) {
    if (r.feeds.kind === 'cpu-cluster' && hardware.cpu.clusters[r.feeds.cluster] === undefined) problem(`${r.rail} feeds a cluster the CPU lacks`);
    if (r.feeds.kind === 'npu' && hardware.npu === null) problem(`${r.rail} feeds an NPU the phone lacks`);
    if (!(r.idleW >= 0)) problem(`${r.rail} has a negative idle share`);
  }
  const metered = spec.rails.reduce((sum, r) => sum + r.idleW, 0);
  if (metered > hardware.power.idleW + 1e-9) problem(`the rails' idle shares (${metered} W) exceed the idle power (${hardware.power.idleW} W)`);
  if (!(spec.refreshMs > 0)) problem('refreshMs must be positive');
}

/**
 * One rail's power as a step function of BOOTTIME with the energy accumulated up to each change point, so a
 * query stays exact after old points are dropped.
 */
class RailTimeline {
  readonly #t: number[] = [];
  readonly #p: number[] = [];
  /** J accumulated at #t[i]. */
  readonly #e: number[] = [];
  static readonly MAX_POINTS = 400_000;

  constructor(
    private readonly idleW: number,
    startNs: number,
    startEnergyJ: number,
  ) {
    this.#t.push(startNs);
    this.#p.push(idleW);
    this.#e.push(startEnergyJ);
  }

  record(tNs: number, powerW: number): void {
    const last = this.#t.length - 1;
    const lastT = this.#t[last] ?? tNs;
    const lastP = this.#p[last] ?? 0;
    if (lastP === powerW) return;
    if (tNs <= lastT) {
      this.#p[last] = powerW;
      return;
    }
    this.#t.push(tNs);
    this.#p.push(powerW);
    this.#e.push((this.#e[last] ?? 0) + (lastP * (tNs - lastT)) / 1e9);
    if (this.#t.length > RailTimeline.MAX_POINTS) {
      const drop = RailTimeline.MAX_POINTS / 2;
      this.#t.splice(0, drop);
      this.#p.splice(0, drop);
      this.#e.splice(0, drop);
    }
  }

  /** J accumulated at tNs; before the first point, back along the idle power (never below 0: the meter's start). */
  energyJ(tNs: number): number {
    const first = this.#t[0] ?? tNs;
    if (tNs < first) return Math.max(0, (this.#e[0] ?? 0) - (this.idleW * (first - tNs)) / 1e9);
    let lo = 0;
    let hi = this.#t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#t[mid] ?? 0) <= tNs) lo = mid;
      else hi = mid - 1;
    }
    return (this.#e[lo] ?? 0) + ((this.#p[lo] ?? 0) * (tNs - (this.#t[lo] ?? tNs))) / 1e9;
  }
}

export class PowerRailMeter {
  readonly #timelines: RailTimeline[];
  readonly #meterStartNs: number;
  readonly #refreshNs: number;

  constructor(
    readonly spec: PowerRailsSpec,
    hardware: DeviceHardware,
    startNs: number,
  ) {
    validatePowerRails(spec, hardware);
    this.#meterStartNs = spec.meterStartMs * 1e6;
    this.#refreshNs = spec.refreshMs * 1e6;
    // Before the model starts the phone is taken to have idled since the meter began counting.
    const idledS = Math.max(0, startNs - this.#meterStartNs) / 1e9;
    this.#timelines = spec.rails.map((r) => new RailTimeline(r.idleW, startNs, r.idleW * idledS));
  }

  get rails(): readonly PowerRailSpec[] {
    return this.spec.rails;
  }

  /** The idle power the rails carry together, W (the phone's idle power less its unmetered part). */
  get meteredIdleW(): number {
    return this.spec.rails.reduce((sum, r) => sum + r.idleW, 0);
  }

  /** @internal The device model records the split of its power at each change. */
  record(tNs: number, parts: PowerParts): void {
    this.spec.rails.forEach((r, i) => this.#timelines[i]?.record(tNs, railPowerW(r, parts)));
  }

  /** True energy through every rail since the meter started, at tNs, J (exact; no refresh granularity). */
  trueEnergyJ(tNs: number): number[] {
    return this.#timelines.map((tl) => (tNs < this.#meterStartNs ? 0 : tl.energyJ(tNs)));
  }

  /** True energy through all rails together over [from, to], J. */
  energyJ(fromNs: number, toNs: number): number {
    const from = this.trueEnergyJ(fromNs);
    return this.trueEnergyJ(toNs).reduce((sum, e, i) => sum + e - (from[i] ?? 0), 0);
  }

  /** The moment of the driver's last refresh at or before tNs (refreshes tick from the meter's start). */
  lastRefreshNs(tNs: number): number {
    if (tNs <= this.#meterStartNs) return this.#meterStartNs;
    return this.#meterStartNs + Math.floor((tNs - this.#meterStartNs) / this.#refreshNs) * this.#refreshNs;
  }

  /** What the HAL reads at tNs: each accumulator as of the driver's last refresh, whole µWs. */
  read(tNs: number): RailReading[] {
    const energies = this.trueEnergyJ(this.lastRefreshNs(tNs));
    return this.spec.rails.map((r, i) => ({ rail: r.rail, subsystem: r.subsystem, energyUws: Math.round((energies[i] ?? 0) * 1e6) }));
  }
}

function railPowerW(rail: PowerRailSpec, parts: PowerParts): number {
  const feed = rail.feeds;
  switch (feed.kind) {
    case 'cpu-cluster':
      return rail.idleW + (parts.cpuClusterW[feed.cluster] ?? 0);
    case 'gpu':
      return rail.idleW + parts.gpuW;
    case 'npu':
      return rail.idleW + parts.npuW;
    case 'display':
    case 'system':
      return rail.idleW;
  }
}
