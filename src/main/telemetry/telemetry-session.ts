// Telemetry for one capture: the sampler loop streaming sysfs readings, and a 1 Hz poll of
// `dumpsys thermalservice` for the thermal status. Readings become session series on the
// phone's BOOTTIME axis (µs after the session origin), calibrated per session.
import type { SessionRecord, SessionSeriesRecord, TelemetryKind } from '../../shared/session/records.js';
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import type { TelemetrySources } from '../devices/android/device-facts.js';
import { runShell } from '../devices/android/shell.js';
import { streamShell, type ShellStream } from '../devices/android/shell-stream.js';
import { calibrateBatteryCurrent, detectUpdateRateHz, type CurrentCalibration } from './calibration/battery-current.js';
import { parseBattery } from './parsers/battery.js';
import { parseThermalservice } from './parsers/thermalservice.js';
import { BoottimeClockMap } from './sampler/clock-map.js';
import { parseSamplerLine, type SamplerSample } from './sampler/sampler-lines.js';
import { samplerScript, SAMPLER_PIDFILE, SAMPLER_THERMAL_PIDFILE } from './sampler/sampler-script.js';

/**
 * The raw readings kept in memory serve the update-rate estimate and the idle baselines,
 * which need only the last minutes: a long run must not grow them without end (the session
 * file has every reading).
 */
const KEEP_READINGS = 6000;
function trimToRecent(series: { tUs: number[]; v: unknown[] }): void {
  if (series.tUs.length < 2 * KEEP_READINGS) return;
  series.tUs.splice(0, KEEP_READINGS);
  series.v.splice(0, KEEP_READINGS);
}

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

export interface TelemetrySessionOptions {
  device: AdbkitDeviceClient;
  serial: string;
  sources: TelemetrySources;
  rateHz: number;
  workDir: string;
  /** BOOTTIME µs of the session origin. */
  originBootUs: number;
  emit: (record: SessionRecord) => void;
  onThrottling: (status: number, tUs: number) => void;
  log: (line: string) => void;
}

interface Pending {
  tUs: number[];
  v: number[];
}

export class TelemetrySession {
  readonly #o: TelemetrySessionOptions;
  readonly #specs: SourceSpec[];
  readonly #clock = new BoottimeClockMap();
  readonly #pending = new Map<string, Pending>();
  readonly #history = new Map<string, { tUs: number[]; v: (number | null)[] }>();
  #stream: ShellStream | null = null;
  #flushTimer: NodeJS.Timeout | null = null;
  #calibration: CurrentCalibration | null = null;
  #charging: boolean | null = null;
  #lastSeq = 0;
  #received = 0;
  #dropped = 0;
  #maxStatus = 0;
  #lastStatus: number | null = null;
  #latest = new Map<string, { tUs: number; v: number }>();
  #stopped = false;
  /** host ms − device µs/1000 of the least-delayed sample: maps host moments onto the device axis. */
  #hostMinusDeviceMs: number | null = null;

  constructor(options: TelemetrySessionOptions) {
    this.#o = options;
    this.#specs = sourceSpecs(options.sources);
  }

  get calibration(): CurrentCalibration | null {
    return this.#calibration;
  }

  get charging(): boolean | null {
    return this.#charging;
  }

  get stats(): { received: number; dropped: number; clockSamples: number } {
    return { received: this.#received, dropped: this.#dropped, clockSamples: this.#clock.samples };
  }

  /** The latest value of a series, converted. */
  latest(id: string): { tUs: number; v: number } | null {
    return this.#latest.get(id) ?? null;
  }

  /** The device-axis µs of a host moment, from the sample stream's delay. */
  hostToDeviceUs(hostMs: number): number | null {
    return this.#hostMinusDeviceMs === null ? null : (hostMs - this.#hostMinusDeviceMs) * 1000;
  }

  async start(): Promise<void> {
    const battery = await runShell(this.#o.device, this.#o.serial, 'dumpsys battery', { timeoutMs: 10_000, what: 'reading the battery state' }).catch(() => null);
    const parsed = battery ? parseBattery(battery.stdout) : null;
    let discharging: boolean | null = null;
    if (parsed?.kind === 'battery') {
      this.#charging = parsed.plugged !== null;
      discharging = parsed.status === 'discharging' || parsed.status === 'not_charging' ? true : parsed.status === 'charging' || parsed.status === 'full' ? false : null;
    }
    this.#discharging = discharging;
    const script = samplerScript({ sources: this.#specs.map((s) => s.path), rateHz: this.#o.rateHz, workDir: this.#o.workDir, thermalEveryS: 1 });
    this.#stream = await streamShell(this.#o.device, script, { exitStatus: false, onLine: (line) => this.#onLine(line) });
    this.#flushTimer = setInterval(() => this.flush(), 250);
  }

  /** Lines of the current `dumpsys thermalservice` dump, between its T+ and T- marks. */
  #thermalDump: string[] | null = null;

  #discharging: boolean | null = null;

  #onLine(line: string): void {
    const parsed = parseSamplerLine(line);
    if (parsed.type === 'other') {
      if (line === 'T+') this.#thermalDump = [];
      else if (line === 'T-') {
        if (this.#thermalDump) this.#onThermalDump(this.#thermalDump.join('\n'));
        this.#thermalDump = null;
      } else this.#thermalDump?.push(line);
      return;
    }
    if (parsed.type !== 'sample') return;
    const sample = parsed.sample;
    if (this.#lastSeq > 0 && sample.seq > this.#lastSeq + 1) this.#dropped += sample.seq - this.#lastSeq - 1;
    this.#lastSeq = sample.seq;
    this.#received++;
    this.#clock.observe(sample.realtimeUs, sample.uptimeUs);
    const boot = this.#clock.toBoottimeUs(sample.realtimeUs);
    if (boot === null) return;
    const tUs = boot - this.#o.originBootUs;
    const hostMinusDevice = Date.now() - tUs / 1000;
    if (this.#hostMinusDeviceMs === null || hostMinusDevice < this.#hostMinusDeviceMs) this.#hostMinusDeviceMs = hostMinusDevice;
    this.#record(sample, tUs);
  }

  #record(sample: SamplerSample, tUs: number): void {
    this.#specs.forEach((spec, i) => {
      const raw = sample.values[i] ?? null;
      const history = this.#history.get(spec.id) ?? { tUs: [], v: [] };
      this.#history.set(spec.id, history);
      history.tUs.push(tUs);
      history.v.push(raw);
      trimToRecent(history);
      if (raw === null) return;
      if (spec.id === 'battery.current' && !this.#calibration) return;
      this.#push(spec.id, tUs, spec.convert(raw));
    });
    // Calibrate the battery current once two seconds of readings are in.
    const current = this.#history.get('battery.current');
    if (current && !this.#calibration && current.tUs.length > 0 && current.tUs.at(-1)! - current.tUs[0]! >= 2_000_000) {
      this.#calibration = calibrateBatteryCurrent(current.v.filter((v): v is number => v !== null), this.#discharging);
      const spec = this.#specs.find((s) => s.id === 'battery.current')!;
      const factor = this.#calibration.toMilliampsDrawn;
      spec.convert = (v) => v * factor;
      this.#o.log(this.#calibration.explanation);
      if (!this.#calibration.unusable) current.tUs.forEach((t, k) => current.v[k] !== null && this.#push('battery.current', t, spec.convert(current.v[k]!)));
    }
    const mA = this.#latestAt('battery.current', tUs);
    const mV = this.#latestAt('battery.voltage', tUs);
    if (mA !== null && mV !== null && this.#calibration && !this.#calibration.unusable) this.#push('battery.power', tUs, (mA * mV) / 1000);
  }

  #latestAt(id: string, tUs: number): number | null {
    const l = this.#latest.get(id);
    return l && l.tUs === tUs ? l.v : null;
  }

  #declared = new Set<string>();
  readonly #meta = new Map<string, SessionSeriesRecord>();

  #push(id: string, tUs: number, v: number): void {
    if (!this.#declared.has(id)) {
      this.#declared.add(id);
      const spec = this.#specs.find((s) => s.id === id);
      const meta =
        id === 'battery.power'
          ? { name: 'Battery power drawn', kind: 'power' as const, unit: 'mW', source: 'battery current × voltage' }
          : id === 'thermal.status'
            ? { name: 'Thermal status', kind: 'thermal-status' as const, unit: 'level 0–6', source: 'dumpsys thermalservice' }
            : { name: spec?.name ?? id, kind: spec?.kind ?? ('other' as const), unit: spec?.unit ?? '', source: spec?.path ?? id };
      const record = { r: 'series' as const, id, updateHz: null, ...meta };
      this.#meta.set(id, record);
      this.#o.emit(record);
    }
    const p = this.#pending.get(id) ?? { tUs: [], v: [] };
    this.#pending.set(id, p);
    p.tUs.push(Math.round(tUs));
    p.v.push(Math.round(v * 1000) / 1000);
    this.#latest.set(id, { tUs, v });
    if (id === 'battery.power' || id === 'battery.temperature') {
      const kept = this.#kept.get(id) ?? { tUs: [], v: [] };
      this.#kept.set(id, kept);
      kept.tUs.push(tUs);
      kept.v.push(v);
      trimToRecent(kept);
    }
  }

  readonly #kept = new Map<string, { tUs: number[]; v: number[] }>();

  /** Mean of a kept series (power, battery temperature) over a device-time window; null without readings. */
  meanOver(id: 'battery.power' | 'battery.temperature', fromUs: number, toUs: number): number | null {
    const kept = this.#kept.get(id);
    if (!kept) return null;
    let sum = 0;
    let n = 0;
    for (let i = kept.tUs.length - 1; i >= 0; i--) {
      const t = kept.tUs[i]!;
      if (t < fromUs) break;
      if (t <= toUs) {
        sum += kept.v[i]!;
        n++;
      }
    }
    return n > 0 ? sum / n : null;
  }

  /** The device-time µs of the newest sample. */
  get nowUs(): number | null {
    let newest: number | null = null;
    for (const { tUs } of this.#latest.values()) if (newest === null || tUs > newest) newest = tUs;
    return newest;
  }

  #onThermalDump(text: string): void {
    if (this.#stopped) return;
    const parsed = parseThermalservice(text);
    if (parsed.kind !== 'thermalservice' || parsed.status === null) return;
    const tUs = this.hostToDeviceUs(Date.now());
    if (tUs === null) return;
    this.#push('thermal.status', tUs, parsed.status);
    if (parsed.status > this.#maxStatus) {
      this.#maxStatus = parsed.status;
      this.#o.onThrottling(parsed.status, tUs);
    }
    this.#lastStatus = parsed.status;
  }

  get thermalStatus(): number | null {
    return this.#lastStatus;
  }

  flush(): void {
    for (const [id, p] of this.#pending) {
      if (p.tUs.length === 0) continue;
      this.#o.emit({ r: 'samples', id, tUs: p.tUs, v: p.v });
      this.#pending.set(id, { tUs: [], v: [] });
    }
  }

  /** Each source's real update rate, from what it read so far. */
  updateRates(): Map<string, number | null> {
    const rates = new Map<string, number | null>();
    for (const [id, h] of this.#history) rates.set(id, detectUpdateRateHz(h.tUs, h.v));
    return rates;
  }

  /** Stops the loop: the stream is closed and the phone-side process killed by its pidfile. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#flushTimer) clearInterval(this.#flushTimer);
    this.flush();
    // Declared again, now with each source's detected update rate (the later declaration wins).
    for (const [id, rate] of this.updateRates()) {
      const meta = this.#meta.get(id);
      if (meta) this.#o.emit({ ...meta, updateHz: rate });
    }
    const kills = [SAMPLER_PIDFILE, SAMPLER_THERMAL_PIDFILE].map((name) => {
      const pidfile = `${this.#o.workDir}/${name}`;
      return `if [ -r '${pidfile}' ]; then read -r p <'${pidfile}'; kill "$p" 2>/dev/null; rm -f '${pidfile}'; fi`;
    });
    await runShell(this.#o.device, this.#o.serial, kills.join('\n'), {
      timeoutMs: 5000,
      what: 'stopping the telemetry loop',
    }).catch(() => {});
    this.#stream?.stop();
  }
}
