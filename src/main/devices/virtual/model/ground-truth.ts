// What really happened on the virtual phone, for tests to hold Tetherscope's measurements against: every
// inference's true begin, end and latency, and the true energy the phone drew over any window. Nothing on the
// phone side reads this; only the host side of a test does.
import type { ComputeUnit } from './hardware-spec.js';
import type { PowerRailMeter } from './power-rails.js';
import type { PowerTimeline } from './power-timeline.js';

export interface TrueInference {
  readonly pid: number;
  /** Where its delegated part ran (`cpu` when nothing was delegated). */
  readonly unit: ComputeUnit;
  readonly kind: 'warmup' | 'regular';
  /** 0-based within its kind and run. */
  readonly index: number;
  /** BOOTTIME ns, the clock of the phone's traces and /proc/uptime. */
  readonly beginNs: bigint;
  readonly endNs: bigint;
  readonly latencyUs: number;
  readonly throttleStep: number;
  /** The process could emit ATrace slices for it (tracing on, allowed and requested). */
  readonly traced: boolean;
}

const MAX_KEPT = 1_000_000;

export class GroundTruth {
  readonly #inferences: TrueInference[] = [];

  constructor(
    private readonly timeline: PowerTimeline,
    private readonly catchUp: () => void,
    private readonly rails: PowerRailMeter | null = null,
  ) {}

  /** @internal The device model records each inference as it schedules it. */
  record(inference: TrueInference): void {
    this.#inferences.push(inference);
    if (this.#inferences.length > MAX_KEPT) this.#inferences.splice(0, MAX_KEPT / 2);
  }

  /** Inferences so far, in the order they ran; optionally one process's. */
  inferences(filter: { readonly pid?: number } = {}): readonly TrueInference[] {
    return filter.pid === undefined ? [...this.#inferences] : this.#inferences.filter((i) => i.pid === filter.pid);
  }

  /** True energy the whole phone drew (not what its battery gauge says) over [from, to], BOOTTIME ns; J. */
  energyJ(fromNs: bigint | number, toNs: bigint | number): number {
    this.catchUp();
    return this.timeline.energyJ(Number(fromNs), Number(toNs));
  }

  averagePowerW(fromNs: bigint | number, toNs: bigint | number): number {
    const seconds = (Number(toNs) - Number(fromNs)) / 1e9;
    return seconds > 0 ? this.energyJ(fromNs, toNs) / seconds : 0;
  }

  /** The phone's true power at a moment, W. */
  powerAtW(tNs: bigint | number): number | null {
    this.catchUp();
    return this.timeline.powerAt(Number(tNs));
  }

  /**
   * True energy through the ODPM rails together over [from, to], BOOTTIME ns; J — exact, without the driver's
   * refresh granularity. null on a phone without rails. It differs from `energyJ` only by the unmetered part of
   * the idle power (`energyJ − meteredEnergyJ = (power.idleW − meteredIdleW) × seconds`).
   */
  meteredEnergyJ(fromNs: bigint | number, toNs: bigint | number): number | null {
    if (this.rails === null) return null;
    this.catchUp();
    return this.rails.energyJ(Number(fromNs), Number(toNs));
  }

  /** The idle power the rails carry, W; null without rails. */
  get meteredIdleW(): number | null {
    return this.rails?.meteredIdleW ?? null;
  }

  clear(): void {
    this.#inferences.length = 0;
  }
}
