import { performance } from 'node:perf_hooks';

/**
 * The phone's clocks. Wall time follows the host's; BOOTTIME starts at the
 * profile's uptime when the virtual phone boots.
 */
export class PhoneClock {
  readonly #bootedAtMs: number;

  constructor(uptimeAtStartMs: number) {
    this.#bootedAtMs = performance.now() - uptimeAtStartMs;
  }

  /** Epoch milliseconds with sub-millisecond precision. */
  nowMs(): number {
    return performance.timeOrigin + performance.now();
  }

  /** mksh's `$EPOCHREALTIME`: seconds, a dot, then exactly six digits of microseconds. */
  epochRealtime(): string {
    const us = BigInt(Math.floor(this.nowMs() * 1000));
    const seconds = us / 1_000_000n;
    const micros = (us % 1_000_000n).toString().padStart(6, '0');
    return `${seconds}.${micros}`;
  }

  /** CLOCK_BOOTTIME in milliseconds (the clock of Perfetto traces). */
  uptimeMs(): number {
    return performance.now() - this.#bootedAtMs;
  }
}
