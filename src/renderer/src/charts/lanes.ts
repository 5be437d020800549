// Which telemetry series share a lane of the timeline, and in which display unit. Every
// lane has one unit on its axis; a second unit (voltage beside current) gets the right
// axis of the same lane.
import type { TelemetryKind } from '../../../shared/session/records.js';
import type { TelemetrySeries } from '../../../shared/session/session-data.js';

export interface SeriesDisplay {
  series: TelemetrySeries;
  /** Display unit and the factor that takes the recorded unit there. */
  unit: string;
  scale: number;
  decimals: number;
}

export interface Lane {
  key: string;
  title: string;
  unit: string;
  /** Relative height. */
  weight: number;
  series: SeriesDisplay[];
  /** A second quantity drawn against the lane's right axis. */
  right: { title: string; unit: string; series: SeriesDisplay[] } | null;
  step: boolean;
}

interface KindDisplay {
  title: string;
  unit: string;
  from: Readonly<Record<string, number>>;
  decimals: number;
}

const DISPLAY: Partial<Record<TelemetryKind, KindDisplay>> = {
  power: { title: 'Power', unit: 'mW', from: { W: 1000, mW: 1, uW: 1e-3, µW: 1e-3 }, decimals: 0 },
  current: { title: 'Battery current', unit: 'mA', from: { A: 1000, mA: 1, uA: 1e-3, µA: 1e-3 }, decimals: 0 },
  voltage: { title: 'Voltage', unit: 'mV', from: { V: 1000, mV: 1, uV: 1e-3, µV: 1e-3 }, decimals: 0 },
  temperature: { title: 'Temperature', unit: '°C', from: { '°C': 1, C: 1, degC: 1, dC: 0.1, mC: 1e-3 }, decimals: 1 },
  frequency: { title: 'Frequency cap', unit: 'MHz', from: { Hz: 1e-6, kHz: 1e-3, MHz: 1, GHz: 1000 }, decimals: 0 },
  charge: { title: 'Battery charge', unit: '%', from: { '%': 1 }, decimals: 0 },
};

/** Android's thermal status levels (PowerManager.THERMAL_STATUS_*). */
export const THERMAL_STATUS_NAMES = ['none', 'light', 'moderate', 'severe', 'critical', 'emergency', 'shutdown'] as const;

/** An iPhone's ProcessInfo.thermalState, as Tetherscope Probe reports it. */
export const IOS_THERMAL_STATE_NAMES = ['nominal', 'fair', 'serious', 'critical'] as const;

/** The level names of a thermal series: an iPhone's series says which scale in its unit. */
export function thermalLevelNames(series: TelemetrySeries): readonly string[] {
  return /nominal/.test(series.meta.unit) ? IOS_THERMAL_STATE_NAMES : THERMAL_STATUS_NAMES;
}

export const thermalStatusName = (level: number, names: readonly string[] = THERMAL_STATUS_NAMES): string => names[Math.round(level)] ?? `level ${level}`;

function display(series: TelemetrySeries): SeriesDisplay {
  const kind = DISPLAY[series.meta.kind];
  const scale = kind?.from[series.meta.unit];
  if (kind && scale !== undefined) return { series, unit: kind.unit, scale, decimals: kind.decimals };
  // A unit we do not know is shown as recorded rather than guessed at.
  return { series, unit: series.meta.unit, scale: 1, decimals: 2 };
}

const ORDER: readonly TelemetryKind[] = ['power', 'current', 'voltage', 'temperature', 'thermal-status', 'frequency', 'charge', 'other'];

/** The thermal HAL's sensors (an Android phone lists up to 16) draw in a lane of their own, below the sysfs temperatures. */
const isHalTemperature = (s: TelemetrySeries): boolean => s.meta.kind === 'temperature' && s.meta.id.startsWith('thermal.hal.');

export function telemetryLanes(all: readonly TelemetrySeries[]): Lane[] {
  const byKind = new Map<TelemetryKind, TelemetrySeries[]>();
  for (const s of all) if (!isHalTemperature(s)) byKind.set(s.meta.kind, [...(byKind.get(s.meta.kind) ?? []), s]);
  const hal = all.filter(isHalTemperature);
  const lanes: Lane[] = [];
  for (const kind of ORDER) {
    if (kind === 'thermal-status' && hal.length > 0) {
      lanes.push({ key: 'temperature:hal', title: 'Temperature (thermal HAL)', unit: '°C', weight: 1, series: hal.map(display), right: null, step: false });
    }
    const members = byKind.get(kind);
    if (!members?.length) continue;
    if (kind === 'voltage' && byKind.get('current')?.length) continue;
    if (kind === 'thermal-status') {
      lanes.push({ key: kind, title: 'Thermal status', unit: '', weight: 0.55, series: members.map(display), right: null, step: true });
      continue;
    }
    // Series of one kind but different display units (an unknown unit) get lanes of their own.
    const byUnit = new Map<string, SeriesDisplay[]>();
    for (const d of members.map(display)) byUnit.set(d.unit, [...(byUnit.get(d.unit) ?? []), d]);
    for (const [unit, series] of byUnit) {
      const title = DISPLAY[kind]?.title ?? series[0]!.series.meta.name;
      const voltage = kind === 'current' ? (byKind.get('voltage') ?? []).map(display) : [];
      lanes.push({
        key: `${kind}:${unit}`,
        title,
        unit,
        weight: 1,
        series,
        right: voltage.length ? { title: 'Voltage', unit: voltage[0]!.unit, series: voltage } : null,
        step: false,
      });
    }
  }
  return lanes;
}
