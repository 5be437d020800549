// `dumpsys thermalservice` in the Android 11+ layout (android-telemetry.md §3.1): the status (the highest
// mStatus of the SKIN sensors), cached temperatures (as of the last status change, so they go stale), the
// live HAL temperatures, cooling devices at the throttling step, and the skin thresholds.
import type { DeviceModel } from '../../model/device-model.js';
import type { ThermalSensorSpec } from '../../model/hardware-spec.js';

const SKIN = 3;
const COOLING_CPU = 2;
const COOLING_GPU = 3;
const COOLING_NPU = 5;

/** Java's Float.toString for the HAL's readings, rounded to the sensor's 0.1 °C. */
export function javaFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

export class ThermalHalView {
  #cached: string[];

  constructor(private readonly model: DeviceModel) {
    this.#cached = this.#temperatures((s) => s.halType === SKIN);
    model.thermal.onStatusChange(() => {
      this.#cached = this.#temperatures((s) => s.halType === SKIN);
    });
  }

  #temperatures(which: (s: ThermalSensorSpec) => boolean): string[] {
    const thermal = this.model.thermal;
    return this.model.hardware.thermal.sensors
      .filter((s) => s.hal && which(s))
      .map((s) => {
        const value = thermal.sensorC(s.node, s.offsetC);
        const status = s.halType === SKIN ? thermal.status : 0;
        return `\tTemperature{mValue=${javaFloat(value)}, mType=${s.halType}, mName=${s.name}, mStatus=${status}}`;
      });
  }

  dump(): string {
    const model = this.model;
    model.catchUp();
    const hw = model.hardware;
    const listeners = ['\tcallbacks: 1', '\tkilled: false', '\tbroadcasts count: -1'];
    const hal = hw.thermal.halVersion.startsWith('AIDL') ? `\tThermalHAL ${hw.thermal.halVersion}  connected: yes` : `\tThermalHAL ${hw.thermal.halVersion} connected: yes`;
    const step = model.coolingState();
    const cooling = [
      ...hw.cpu.clusters.map((c) => `\tCoolingDevice{mValue=${step}, mType=${COOLING_CPU}, mName=thermal-cpufreq-${c.cpus[0] ?? 0}}`),
      `\tCoolingDevice{mValue=${step}, mType=${COOLING_GPU}, mName=gpu}`,
      ...(hw.npu === null ? [] : [`\tCoolingDevice{mValue=${step}, mType=${COOLING_NPU}, mName=npu}`]),
    ];
    const floats = (values: readonly number[]): string => `[${values.map(javaFloat).join(', ')}]`;
    const thresholds = hw.thermal.sensors
      .filter((s) => s.hal && s.halType === SKIN)
      .map(
        (s) =>
          `\tTemperatureThreshold{mType=${s.halType}, mName=${s.name}, mHotThrottlingThresholds=${floats(hw.thermal.skinThresholdsC)}, mColdThrottlingThresholds=${floats(new Array<number>(7).fill(Number.NaN))}}`,
      );
    return [
      'IsStatusOverride: false',
      'ThermalEventListeners:',
      ...listeners,
      'ThermalStatusListeners:',
      ...listeners,
      `Thermal Status: ${model.thermalStatus}`,
      'Cached temperatures:',
      ...this.#cached,
      'HAL Ready: true',
      'HAL connection:',
      hal,
      'Current temperatures from HAL:',
      ...this.#temperatures(() => true),
      'Current cooling devices from HAL:',
      ...cooling,
      'Temperature static thresholds from HAL:',
      ...thresholds,
      '',
    ].join('\n');
  }
}
