// A two-node thermal RC network: the SoC die heats from the power drawn and leaks into the phone's skin, which
// cools to ambient. The skin's temperature against the thermal HAL's thresholds gives the thermal status, and
// each status step is a throttling step (lower CPU frequency caps, slower GPU and NPU). A time-scale knob lets
// tests heat a phone in seconds rather than minutes.
import type { ThermalSpec } from './hardware-spec.js';

/** Going back down a step needs the skin this far below its threshold (the HAL's hysteresis). */
const HYSTERESIS_C = 1;
/** Longest Euler step, in model seconds; the die's time constant is ~10 s. */
const MAX_STEP_S = 0.5;
/** Faster thermal time would make the integration steps too fine to keep up with the clock. */
export const MAX_THERMAL_TIME_SCALE = 1000;
const MAX_STATUS = 6;

export class ThermalModel {
  #die: number;
  #skin: number;
  #status = 0;
  #timeScale = 1;
  #onStatus: ((status: number) => void) | undefined;

  constructor(
    readonly spec: ThermalSpec,
    idlePowerW: number,
  ) {
    // Start at the idle steady state.
    this.#skin = spec.ambientC + idlePowerW * spec.skinToAmbientKPerW;
    this.#die = this.#skin + idlePowerW * spec.dieToSkinKPerW;
  }

  get dieC(): number {
    return this.#die;
  }

  get skinC(): number {
    return this.#skin;
  }

  /** Thermal status 0–6 (PowerManager THERMAL_STATUS_*), which is also the throttling step. */
  get status(): number {
    return this.#status;
  }

  get timeScale(): number {
    return this.#timeScale;
  }

  /** Thermal time runs this many times faster than the clock (1 = real time). */
  set timeScale(scale: number) {
    if (!(scale > 0) || scale > MAX_THERMAL_TIME_SCALE) {
      throw new RangeError(`a thermal time scale must be above 0 and at most ${MAX_THERMAL_TIME_SCALE}, got ${scale}`);
    }
    this.#timeScale = scale;
  }

  onStatusChange(listener: (status: number) => void): void {
    this.#onStatus = listener;
  }

  /** Sets both nodes (tests: start a run hot or cold). */
  setTemperatures(dieC: number, skinC: number): void {
    this.#die = dieC;
    this.#skin = skinC;
    this.#updateStatus();
  }

  /** Integrates `seconds` of thermal time (already scaled) at a constant power. */
  advance(seconds: number, powerW: number): void {
    let left = seconds;
    const s = this.spec;
    while (left > 1e-9) {
      const dt = Math.min(left, MAX_STEP_S);
      const toSkin = (this.#die - this.#skin) / s.dieToSkinKPerW;
      const toAmbient = (this.#skin - s.ambientC) / s.skinToAmbientKPerW;
      this.#die += ((powerW - toSkin) / s.dieCapacityJPerK) * dt;
      this.#skin += ((toSkin - toAmbient) / s.skinCapacityJPerK) * dt;
      left -= dt;
    }
    this.#updateStatus();
  }

  /** The longest clock-time step over which the status (and so the power) may be taken as constant. */
  get maxClockStepS(): number {
    return MAX_STEP_S / this.#timeScale;
  }

  /** A sensor's reading: its node plus offset. */
  sensorC(node: 'die' | 'skin', offsetC: number): number {
    return (node === 'die' ? this.#die : this.#skin) + offsetC;
  }

  /** The status a skin temperature maps to by the thresholds (no hysteresis): the HAL's per-sensor mStatus. */
  statusFor(skinC: number): number {
    let status = 0;
    for (let i = 1; i <= MAX_STATUS; i++) {
      const threshold = this.spec.skinThresholdsC[i];
      if (threshold !== undefined && !Number.isNaN(threshold) && skinC >= threshold) status = i;
    }
    return status;
  }

  #updateStatus(): void {
    let status = this.#status;
    const up = this.statusFor(this.#skin);
    if (up > status) status = up;
    while (status > 0) {
      const threshold = this.spec.skinThresholdsC[status] ?? Number.NaN;
      if (this.#skin >= threshold - HYSTERESIS_C) break;
      status--;
    }
    if (status !== this.#status) {
      this.#status = status;
      this.#onStatus?.(status);
    }
  }
}
