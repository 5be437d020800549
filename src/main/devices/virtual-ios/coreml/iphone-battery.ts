// The battery as the AppleSmartBattery IORegistry entry shows it: the Android model's cell and fuel gauge
// (charger-in minus load on USB, a reading published once a gauge period), read out in IORegistry's units, with
// UpdateTime stamped at each publication and Amperage as a slower average of the published currents.
import type { BatteryModel } from '../../virtual/model/battery.js';
import type { IosBatteryReading } from '../virtual-iphone-contracts.js';

/** Weight of a new reading in the averaged Amperage. */
const AVERAGE_WEIGHT = 0.3;

export class IphoneBatteryGauge {
  #last: BatteryModel['reading'] | null = null;
  #averageMa = 0;
  #updateTimeS = 0;
  #reading: IosBatteryReading | null = null;

  constructor(
    private readonly battery: BatteryModel,
    private readonly cycleCount: number,
  ) {}

  /** Call after the battery was brought forward; `publishedAtUnixS` is when its current reading was published. */
  read(publishedAtUnixS: () => number, temperatureC: number): IosBatteryReading {
    const published = this.battery.reading;
    if (published !== this.#last || this.#reading === null) {
      const ma = Math.round(published.currentUa / 1000);
      this.#averageMa = this.#last === null ? ma : this.#averageMa + (ma - this.#averageMa) * AVERAGE_WEIGHT;
      this.#last = published;
      this.#updateTimeS = Math.floor(publishedAtUnixS());
      this.#reading = this.#make(ma, temperatureC);
    }
    return this.#reading;
  }

  #make(instantMa: number, temperatureC: number): IosBatteryReading {
    const b = this.battery;
    const published = b.reading;
    const usb = b.charger === 'usb';
    const full = b.stateOfCharge >= 0.995;
    const maxMah = Math.round(b.spec.capacityMah * 0.97);
    return {
      instantAmperageMa: instantMa,
      amperageMa: Math.round(this.#averageMa),
      voltageMv: Math.round(published.voltageUv / 1000),
      temperatureCentiC: Math.round(temperatureC * 100),
      currentCapacityPercent: published.capacityPercent,
      rawCurrentCapacityMah: Math.round(b.stateOfCharge * maxMah),
      rawMaxCapacityMah: maxMah,
      designCapacityMah: b.spec.capacityMah,
      cycleCount: this.cycleCount,
      isCharging: usb && !full,
      externalConnected: usb,
      fullyCharged: usb && full,
      updateTime: this.#updateTimeS,
    };
  }
}
