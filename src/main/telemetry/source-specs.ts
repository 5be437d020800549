// The sysfs files the telemetry loop reads, and the series each becomes.
import type { TelemetryKind } from '../../shared/session/records.js';
import type { TelemetrySources } from '../devices/android/device-facts.js';

export interface SourceSpec {
  path: string;
  id: string;
  name: string;
  kind: TelemetryKind;
  unit: string;
  /** Raw reading → value in `unit`; set after calibration for the battery current. */
  convert: (raw: number) => number;
}

const zoneName = (path: string): string => /thermal_zone(\d+)/.exec(path)?.[1] ?? path;
const cpuName = (path: string): string => /cpu(\d+)\/cpufreq/.exec(path)?.[1] ?? path;

/** Temperatures in sysfs are millidegrees on most phones, whole degrees on some. */
export const thermalZoneCelsius = (raw: number): number => (Math.abs(raw) >= 1000 ? raw / 1000 : raw);

export function sourceSpecs(sources: TelemetrySources): SourceSpec[] {
  const specs: SourceSpec[] = [];
  if (sources.batteryCurrent) specs.push({ path: sources.batteryCurrent, id: 'battery.current', name: 'Battery current drawn', kind: 'current', unit: 'mA', convert: (v) => v });
  if (sources.batteryVoltage) specs.push({ path: sources.batteryVoltage, id: 'battery.voltage', name: 'Battery voltage', kind: 'voltage', unit: 'mV', convert: (v) => v / 1000 });
  if (sources.batteryTemperature) specs.push({ path: sources.batteryTemperature, id: 'battery.temperature', name: 'Battery temperature', kind: 'temperature', unit: '°C', convert: (v) => v / 10 });
  for (const path of sources.thermalZones.slice(0, 8)) {
    specs.push({ path, id: `thermal.zone${zoneName(path)}`, name: `Thermal zone ${zoneName(path)}`, kind: 'temperature', unit: '°C', convert: thermalZoneCelsius });
  }
  // The first and the last CPU policy: the little and the big cluster on most phones.
  const cpus = [...new Set([sources.cpuFreq[0], sources.cpuFreq.at(-1)])].filter((p): p is string => p !== undefined);
  for (const cur of cpus) {
    specs.push({ path: cur, id: `cpu${cpuName(cur)}.freq`, name: `CPU ${cpuName(cur)} frequency`, kind: 'frequency', unit: 'MHz', convert: (v) => v / 1000 });
    const max = cur.replace('scaling_cur_freq', 'scaling_max_freq');
    specs.push({ path: max, id: `cpu${cpuName(cur)}.cap`, name: `CPU ${cpuName(cur)} frequency cap`, kind: 'frequency', unit: 'MHz', convert: (v) => v / 1000 });
  }
  if (sources.gpuFreq) specs.push({ path: sources.gpuFreq, id: 'gpu.freq', name: 'GPU frequency', kind: 'frequency', unit: 'MHz', convert: (v) => (v > 100_000 ? v / 1_000_000 : v) });
  return specs;
}
