// A true power draw as a step function of BOOTTIME: one change point each time the power changes, with the
// energy accumulated up to each point, so energy over any window is its exact integral (one binary search
// each end) and stays exact after old points are dropped past a cap, which keeps a long-running phone's
// history bounded. The phone's total draw is one; each ODPM rail of a phone that has them is another.

const MAX_POINTS = 2_000_000;

export class PowerTimeline {
  readonly #t: number[] = [];
  readonly #p: number[] = [];
  /** J accumulated at #t[i]. */
  readonly #e: number[] = [];
  readonly #maxPoints: number;

  /** `startEnergyJ`: what was accumulated before the first point (a meter that counted before the model began). */
  constructor(options: { startEnergyJ?: number; maxPoints?: number } = {}) {
    this.#startEnergyJ = options.startEnergyJ ?? 0;
    this.#maxPoints = options.maxPoints ?? MAX_POINTS;
  }

  readonly #startEnergyJ: number;

  /** The power is `powerW` from `tNs` on (times only grow). */
  record(tNs: number, powerW: number): void {
    const last = this.#p.length - 1;
    if (last >= 0 && this.#p[last] === powerW) return;
    if (last >= 0 && this.#t[last]! >= tNs) {
      this.#p[last] = powerW;
      return;
    }
    this.#e.push(last < 0 ? this.#startEnergyJ : this.#e[last]! + (this.#p[last]! * (tNs - this.#t[last]!)) / 1e9);
    this.#t.push(tNs);
    this.#p.push(powerW);
    if (this.#t.length > this.#maxPoints) {
      const drop = this.#maxPoints / 2;
      this.#t.splice(0, drop);
      this.#p.splice(0, drop);
      this.#e.splice(0, drop);
    }
  }

  get firstNs(): number | null {
    return this.#t[0] ?? null;
  }

  /** The power at the first point kept, W (what held before it is not known here). */
  get firstPowerW(): number | null {
    return this.#p[0] ?? null;
  }

  powerAt(tNs: number): number | null {
    const i = this.#indexAt(tNs);
    return i < 0 ? null : (this.#p[i] ?? null);
  }

  /** J accumulated at tNs (the last power recorded holds until the next); null before the first point kept. */
  accumulatedJ(tNs: number): number | null {
    const i = this.#indexAt(tNs);
    return i < 0 ? null : this.#e[i]! + (this.#p[i]! * (tNs - this.#t[i]!)) / 1e9;
  }

  /** ∫ power dt over [fromNs, toNs], J; nothing is counted before the first point kept. */
  energyJ(fromNs: number, toNs: number): number {
    const first = this.#t[0];
    if (toNs <= fromNs || first === undefined || toNs <= first) return 0;
    return this.accumulatedJ(toNs)! - this.accumulatedJ(Math.max(fromNs, first))!;
  }

  /** Index of the last change point at or before tNs; −1 before the first. */
  #indexAt(tNs: number): number {
    let lo = 0;
    let hi = this.#t.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#t[mid] ?? 0) <= tNs) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
