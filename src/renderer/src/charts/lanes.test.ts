import { describe, expect, it } from 'vitest';
import type { SessionSeriesRecord } from '../../../shared/session/records.js';
import type { TelemetrySeries } from '../../../shared/session/session-data.js';
import { telemetryLanes, thermalLevelNames, thermalStatusName } from './lanes.js';

const series = (id: string, kind: SessionSeriesRecord['kind'], unit: string): TelemetrySeries => ({
  meta: { r: 'series', id, name: id, kind, unit, updateHz: null, source: 'test' },
  tUs: [],
  v: [],
});

describe('telemetryLanes', () => {
  it('groups series by what they measure, in display units, voltage beside current', () => {
    const lanes = telemetryLanes([
      series('cpu-cap', 'frequency', 'kHz'),
      series('gpu-cap', 'frequency', 'Hz'),
      series('temp-batt', 'temperature', '°C'),
      series('volt', 'voltage', 'mV'),
      series('cur', 'current', 'mA'),
      series('status', 'thermal-status', 'level'),
    ]);
    expect(lanes.map((l) => `${l.title} (${l.unit})`)).toEqual(['Battery current (mA)', 'Temperature (°C)', 'Thermal status ()', 'Frequency cap (MHz)']);
    expect(lanes[0]!.right).toMatchObject({ unit: 'mV' });
    const caps = lanes[3]!.series.map((s) => s.scale);
    expect(caps).toEqual([1e-3, 1e-6]);
    expect(lanes[2]!.step).toBe(true);
  });

  it('draws the thermal HAL’s sensors in a lane of their own, after the sysfs temperatures', () => {
    const lanes = telemetryLanes([series('thermal.zone0', 'temperature', '°C'), series('thermal.hal.skin', 'temperature', '°C'), series('thermal.hal.cpu0', 'temperature', '°C'), series('thermal.status', 'thermal-status', 'level')]);
    expect(lanes.map((l) => l.title)).toEqual(['Temperature', 'Temperature (thermal HAL)', 'Thermal status']);
    expect(lanes[1]!.series.map((s) => s.series.meta.id)).toEqual(['thermal.hal.skin', 'thermal.hal.cpu0']);
    expect(lanes[0]!.series.map((s) => s.series.meta.id)).toEqual(['thermal.zone0']);
  });

  it('keeps a unit it does not know as recorded, in a lane of its own', () => {
    const lanes = telemetryLanes([series('a', 'temperature', '°C'), series('b', 'temperature', 'kelvin-ish')]);
    expect(lanes.map((l) => l.unit)).toEqual(['°C', 'kelvin-ish']);
  });

  it('names thermal status levels', () => {
    expect(thermalStatusName(2)).toBe('moderate');
    expect(thermalStatusName(9)).toBe('level 9');
  });
});

describe('thermal level names', () => {
  it("names an iPhone's thermal states by ProcessInfo's scale and Android's by PowerManager's", () => {
    const iphone = series('thermal.status', 'thermal-status', 'level 0–3 (nominal, fair, serious, critical)');
    const android = series('thermal.status', 'thermal-status', 'level 0–6');
    expect([0, 1, 2, 3].map((l) => thermalStatusName(l, thermalLevelNames(iphone)))).toEqual(['nominal', 'fair', 'serious', 'critical']);
    expect([0, 1, 2, 3].map((l) => thermalStatusName(l, thermalLevelNames(android)))).toEqual(['none', 'light', 'moderate', 'severe']);
  });
});
