// The battery and its fuel gauge. The true current is what the cell sees: on USB power it is charger-in minus
// load (android-telemetry.md §1.4), off it, minus the load. The gauge publishes only about once a second: the
// mean current over the window just ended (so a reading lags the load by up to two periods), quantized to its
// LSB, as the driver's sysfs nodes show it.
import type { BatterySpec } from './hardware-spec.js';
import type { SeededRandom } from './rng.js';

export const ChargerState = { Usb: 'usb', None: 'none' } as const;
export type ChargerState = (typeof ChargerState)[keyof typeof ChargerState];

export interface GaugeReading {
  /** µA, kernel convention (positive = into the battery), quantized; the driver's quirks are applied later. */
  readonly currentUa: number;
  readonly voltageUv: number;
  readonly temperatureDeciC: number;
  readonly capacityPercent: number;
  readonly chargeCounterUah: number;
}

export class BatteryModel {
  #chargeC: number;
  #charger: ChargerState = ChargerState.Usb;
  #windowStartNs: number;
  #windowChargeC = 0;
  #lastCurrentA = 0;
  #reading: GaugeReading;

  constructor(
    readonly spec: BatterySpec,
    private readonly rng: SeededRandom,
    startNs: number,
    idlePowerW: number,
    temperatureC: number,
  ) {
    this.#chargeC = (spec.initialPercent / 100) * this.capacityC;
    this.#windowStartNs = Math.floor(startNs / this.#periodNs) * this.#periodNs;
    const current = this.#currentA(idlePowerW);
    this.#lastCurrentA = current;
    this.#reading = this.#publish(current, temperatureC);
  }

  get capacityC(): number {
    return this.spec.capacityMah * 3.6;
  }

  get charger(): ChargerState {
    return this.#charger;
  }

  /** Plugs the phone into the desk's USB port, or pulls the cable. */
  setCharger(state: ChargerState): void {
    this.#charger = state;
  }

  get stateOfCharge(): number {
    return this.#chargeC / this.capacityC;
  }

  /** True current into the cell right now, A (negative = discharging). */
  get trueCurrentA(): number {
    return this.#lastCurrentA;
  }

  /** What the gauge last published. */
  get reading(): GaugeReading {
    return this.#reading;
  }

  /** Charger power reaching the battery side, W. */
  get chargerInW(): number {
    if (this.#charger !== ChargerState.Usb || this.stateOfCharge >= 1) return 0;
    const usb = this.spec.usb;
    return (usb.maxCurrentUa / 1e6) * (usb.maxVoltageUv / 1e6) * usb.efficiency;
  }

  openCircuitV(): number {
    const s = this.spec;
    return s.emptyV + (s.fullV - s.emptyV) * Math.min(1, Math.max(0, this.stateOfCharge));
  }

  /** Runs the battery from `fromNs` to `toNs` at a constant load; publishes at every gauge tick crossed. */
  integrate(fromNs: number, toNs: number, loadW: number, temperatureC: number): void {
    let t = fromNs;
    while (t < toNs) {
      const tick = this.#windowStartNs + this.#periodNs;
      const until = Math.min(toNs, tick);
      const current = this.#currentA(loadW);
      const seconds = (until - t) / 1e9;
      this.#chargeC = Math.min(this.capacityC, Math.max(0, this.#chargeC + current * seconds));
      this.#windowChargeC += current * seconds;
      this.#lastCurrentA = current;
      t = until;
      if (t >= tick) {
        this.#reading = this.#publish(this.#windowChargeC / (this.#periodNs / 1e9), temperatureC);
        this.#windowChargeC = 0;
        this.#windowStartNs = tick;
      }
    }
  }

  get #periodNs(): number {
    return this.spec.gaugePeriodMs * 1e6;
  }

  /**
   * The battery current that delivers the net power at the terminals, where the voltage
   * moves with the current through the internal resistance (V = OCV + I·R), so that
   * current × terminal voltage, what a gauge shows, equals the power the phone drew.
   */
  #currentA(loadW: number): number {
    const netW = this.chargerInW - loadW;
    const ocv = this.openCircuitV();
    const r = this.spec.internalOhm;
    if (r <= 0) return netW / ocv;
    const disc = ocv * ocv + 4 * r * netW;
    return disc > 0 ? (-ocv + Math.sqrt(disc)) / (2 * r) : -ocv / (2 * r);
  }

  #publish(meanCurrentA: number, temperatureC: number): GaugeReading {
    const s = this.spec;
    const measuredUa = meanCurrentA * 1e6 + s.currentNoiseUa * this.rng.normal();
    const currentUa = Math.round(measuredUa / s.currentLsbUa) * s.currentLsbUa;
    const terminalV = this.openCircuitV() + meanCurrentA * s.internalOhm;
    return {
      currentUa: Math.round(currentUa),
      voltageUv: Math.round(Math.round((terminalV * 1e6) / s.voltageLsbUv) * s.voltageLsbUv),
      temperatureDeciC: Math.round(temperatureC * 10),
      capacityPercent: Math.min(100, Math.max(0, Math.round(this.stateOfCharge * 100))),
      chargeCounterUah: Math.round((this.#chargeC / 3.6) * 1000),
    };
  }
}
