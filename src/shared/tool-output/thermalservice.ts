/** `dumpsys thermalservice` (Android 10 and 11+ layouts). */

/** Unit of a thermal-HAL reading: °C for temperature types, else what the BCL type measures. */
export const ThermalUnit = {
  Celsius: 'celsius',
  Volt: 'V',
  Millivolt: 'mV',
  Milliampere: 'mA',
  Percent: '%',
} as const;
export type ThermalUnit = (typeof ThermalUnit)[keyof typeof ThermalUnit];

interface ThermalReadingBase {
  readonly name: string;
  /** The raw `mType` / `Type:` number as printed. */
  readonly type: number;
  /** AOSP name of the type (`CPU`, `SKIN`, `BCL_VOLTAGE`, ...), or the vendor's where it renumbers. */
  readonly type_name: string;
  readonly status: number | null;
}

export interface TemperatureReading extends ThermalReadingBase {
  readonly celsius: number | null;
}

/** BCL sensors report volts, milliamps or percent, never degrees. */
export interface OtherThermalReading extends ThermalReadingBase {
  readonly celsius: null;
  readonly value: number | null;
  readonly unit: Exclude<ThermalUnit, 'celsius'>;
}

export type ThermalReading = TemperatureReading | OtherThermalReading;

export interface CoolingDevice {
  readonly name: string;
  readonly type: number;
  readonly value: number | null;
}

export interface TemperatureThreshold {
  readonly name: string;
  readonly type: number | null;
  /** Indexed by thermal status 0–6; null where NaN. */
  readonly hot: readonly (number | null)[];
  readonly cold: readonly (number | null)[];
}

export interface ThermalserviceResult {
  readonly kind: 'thermalservice';
  /** `Thermal Status:` 0 NONE … 6 SHUTDOWN. */
  readonly status: number | null;
  readonly status_override: boolean | null;
  readonly hal_ready: boolean | null;
  readonly hal_version: string | null;
  readonly format: 'android10' | 'android11+' | null;
  /** `samsung`: the vendor HAL renumbers types (1 CPU, 3 BATTERY, 4 SKIN, ...). */
  readonly numbering: 'aosp' | 'samsung';
  readonly temperatures: readonly ThermalReading[];
  readonly temperatures_source: 'current' | 'cached' | null;
  readonly cooling_devices: readonly CoolingDevice[];
  readonly thresholds: readonly TemperatureThreshold[];
}
