// The phone's true power draw as a step function of BOOTTIME: one change point each time the total changes.
// Energy over any window is its exact integral. Old points are dropped past a cap so a long-running phone
// keeps a bounded history.

const MAX_POINTS = 2_000_000;

export class PowerTimeline {
  #t: number[] = [];
  #p: number[] = [];

  /** The power is `powerW` from `tNs` on (times only grow). */
  record(tNs: number, powerW: number): void {
    const last = this.#p.length - 1;
    if (last >= 0 && this.#p[last] === powerW) return;
    if (last >= 0 && this.#t[last] === tNs) {
      this.#p[last] = powerW;
      return;
    }
    this.#t.push(tNs);
    this.#p.push(powerW);
    if (this.#t.length > MAX_POINTS) {
      this.#t.splice(0, MAX_POINTS / 2);
      this.#p.splice(0, MAX_POINTS / 2);
    }
  }

  get firstNs(): number | null {
    return this.#t[0] ?? null;
  }

  powerAt(tNs: number): number | null {
    const i = this.#indexAt(tNs);
    return i < 0 ? null : (this.#p[i] ?? null);
  }

  /** ∫ power dt over [fromNs, toNs], J; the last power recorded holds until the next. */
  energyJ(fromNs: number, toNs: number): number {
    if (toNs <= fromNs || this.#t.length === 0) return 0;
    let i = Math.max(0, this.#indexAt(fromNs));
    let energy = 0;
    let t = Math.max(fromNs, this.#t[0] ?? fromNs);
    while (t < toNs) {
      const next = Math.min(toNs, this.#t[i + 1] ?? Number.POSITIVE_INFINITY);
      energy += (this.#p[i] ?? 0) * ((next - t) / 1e9);
      t = next;
      i++;
    }
    return energy;
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
