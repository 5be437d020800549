// Maps the phone's wall clock ($EPOCHREALTIME, µs) to its BOOTTIME, the clock of its
// Perfetto traces. /proc/uptime is BOOTTIME truncated to 10 ms, so each sample bounds the
// offset from below: offset ≥ uptime − realtime. The largest lower bound seen converges on
// the true offset as samples fall at every phase of the 10 ms tick (as NTP takes the
// minimum-delay sample).
export class BoottimeClockMap {
  #lowerBoundUs: number | null = null;
  #samples = 0;

  observe(realtimeUs: number, uptimeUs: number | null): void {
    if (uptimeUs === null) return;
    const bound = uptimeUs - realtimeUs;
    this.#samples++;
    if (this.#lowerBoundUs === null || bound > this.#lowerBoundUs) this.#lowerBoundUs = bound;
  }

  /** BOOTTIME − REALTIME in µs, or null before any sample. */
  get offsetUs(): number | null {
    return this.#lowerBoundUs;
  }

  get samples(): number {
    return this.#samples;
  }

  toBoottimeUs(realtimeUs: number): number | null {
    return this.#lowerBoundUs === null ? null : realtimeUs + this.#lowerBoundUs;
  }
}
