// ODPM power rails (android-telemetry.md §2): per-rail cumulative energy as the PMIC's on-device power monitor
// counts it. The rails sit downstream of the battery: they see what the SoC, display and the rest draw, never
// the charger, so plugging USB in changes the battery current but not them. Each rail carries its share of the
// idle power plus the active power of the consumer feeding it (a CPU cluster, the GPU, the NPU/TPU); the
// rails' idle shares may leave part of the idle power unmetered, as real channels do not cover every regulator.
// The driver refreshes its accumulators only every `refreshMs` (§2.2: 20 ms to ~2.6 s by ADC rate), so a
// reading is the energy as of the last refresh, not of the moment it is read.
import { VirtualPhoneConfigError } from '../errors.js';
import type { DeviceHardware, PowerRailFeed, PowerRailSpec, PowerRailsSpec } from './hardware-spec.js';
import { PowerTimeline } from './power-timeline.js';

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

export class PowerRailMeter {
  readonly #timelines: PowerTimeline[];
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
    this.#timelines = spec.rails.map((r) => {
      const timeline = new PowerTimeline({ startEnergyJ: r.idleW * idledS, maxPoints: 400_000 });
      timeline.record(startNs, r.idleW);
      return timeline;
    });
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
    return this.#timelines.map((tl) => {
      if (tNs < this.#meterStartNs) return 0;
      // Before the model began the phone idled: back along the first power kept, never below the meter's start.
      const first = tl.firstNs ?? tNs;
      return tl.accumulatedJ(tNs) ?? Math.max(0, tl.accumulatedJ(first)! - ((tl.firstPowerW ?? 0) * (first - tNs)) / 1e9);
    });
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
