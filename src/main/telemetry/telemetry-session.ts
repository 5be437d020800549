// Telemetry for one capture: the sampler loop streaming sysfs readings, and a 1 Hz poll of
// `dumpsys thermalservice` for the thermal status (and, on phones with ODPM power rails, of their
// cumulative energy). Readings become session series on the phone's BOOTTIME axis (µs after the
// session origin), calibrated per session.
//
// The loop delivers a batch of samples every 0.7 s; each batch is read without
// building objects per sample and emitted as soon as it is read, so the host wakes once
// per batch and not also for a timer.
import type { SessionRecord, SessionSeriesRecord } from '../../shared/session/records.js';
import type { ThermalReading } from '../../shared/tool-output/thermalservice.js';
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import type { TelemetrySources } from '../devices/android/device-facts.js';
import { runShell } from '../devices/android/shell.js';
import { streamShell, type ShellStream } from '../devices/android/shell-stream.js';
import { calibrateBatteryCurrent, detectUpdateRateHz, type CurrentCalibration } from './calibration/battery-current.js';
import { parseBattery } from './parsers/battery.js';
import { parsePowerStatsEnergyMeter } from './parsers/power-stats.js';
import { parseThermalservice } from './parsers/thermalservice.js';
import { BoottimeClockMap } from './sampler/clock-map.js';
import { SampleReader } from './sampler/sample-reader.js';
import { parseSamplerLine } from './sampler/sampler-lines.js';
import { RAILS_BEGIN, RAILS_END, samplerScript, SAMPLER_PIDFILE, SAMPLER_THERMAL_PIDFILE, THERMAL_AT } from './sampler/sampler-script.js';
import { dropOldest, isFull, SeriesBuffer } from './series-buffer.js';
import { sourceSpecs, type SourceSpec } from './source-specs.js';

export { sourceSpecs, thermalZoneCelsius, type SourceSpec } from './source-specs.js';

/** The HAL's live temperatures become series, at most this many (a Pixel lists dozens of sensors). */
export const MAX_HAL_TEMPERATURE_SERIES = 16;
/**
 * The HAL types recorded, most telling first. UNKNOWN (-1) is left out: on a Pixel it holds differences between
 * sensors and flags as well as thermistors; so is USB_PORT, whose Pixel sensors are throttling flags. BCL types
 * (volts, amps, percent) are no temperatures.
 */
const HAL_TYPE_PRIORITY: readonly string[] = ['SKIN', 'NPU', 'TPU', 'GPU', 'CPU', 'SOC', 'BATTERY', 'DISPLAY', 'MODEM', 'WIFI', 'CAMERA', 'POWER_AMPLIFIER', 'SPEAKER', 'AMBIENT', 'FLASHLIGHT', 'POGO'];
const HAL_TEMPERATURE_SOURCE = 'dumpsys thermalservice, current temperatures from HAL';

export interface TelemetrySessionOptions {
  device: AdbkitDeviceClient;
  serial: string;
  sources: TelemetrySources;
  rateHz: number;
  workDir: string;
  /** BOOTTIME µs of the session origin. */
  originBootUs: number;
  emit: (record: SessionRecord) => void;
  /** After the records of each batch read from the phone were emitted. */
  onBatch?: () => void;
  onThrottling: (status: number, tUs: number) => void;
  log: (line: string) => void;
}

export class TelemetrySession {
  readonly #o: TelemetrySessionOptions;
  readonly #specs: SourceSpec[];
  readonly #clock = new BoottimeClockMap();
  readonly #reader = new SampleReader();
  /** One series per source, in the order of the sources. */
  readonly #sourceSeries: SeriesBuffer[];
  readonly #power = new SeriesBuffer('battery.power', { name: 'Battery power drawn', kind: 'power', unit: 'mW', source: 'battery current × voltage' }, true);
  /** ODPM rails: the average power of all rails over each interval between two dumps, drawn as a step. */
  readonly #railsPower = new SeriesBuffer('rails.power', { name: 'Power drawn (power rails)', kind: 'power', unit: 'mW', source: 'ODPM power rails (dumpsys IPowerStats), average between readings' }, true);
  readonly #thermalStatus = new SeriesBuffer('thermal.status', { name: 'Thermal status', kind: 'thermal-status', unit: 'level 0–6', source: 'dumpsys thermalservice' }, false);
  readonly #byId = new Map<string, SeriesBuffer>();
  /** The HAL's sensors that are recorded, by name; chosen from the first dump. */
  #halSeries: Map<string, SeriesBuffer> | null = null;
  /** Series in the order of their first point, which is the order they are declared and flushed in. */
  readonly #declared: SeriesBuffer[] = [];
  readonly #currentIndex: number;
  readonly #voltageIndex: number;
  /** Raw readings of the last minutes, for calibration and update rates: one time axis, one column per source. */
  readonly #historyUs: number[] = [];
  readonly #historyV: (number | null)[][];
  #stream: ShellStream | null = null;
  #calibration: CurrentCalibration | null = null;
  #charging: boolean | null = null;
  #discharging: boolean | null = null;
  #lastSeq = 0;
  #received = 0;
  #dropped = 0;
  #maxStatus = 0;
  #lastStatus: number | null = null;
  #stopped = false;
  /** host ms − device µs/1000 of the least-delayed sample: maps host moments onto the device axis. */
  #hostMinusDeviceMs: number | null = null;
  /** The device µs of the newest sample of the chunk being read. */
  #chunkLastUs: number | null = null;
  /** Lines of the current `dumpsys thermalservice` dump, between its T+ and T- marks. */
  #thermalDump: string[] | null = null;
  /** Every rails reading: device µs and the summed cumulative energy of all rails, mJ. */
  readonly #railsUs: number[] = [];
  readonly #railsMj: number[] = [];
  #railNames: string | null = null;

  constructor(options: TelemetrySessionOptions) {
    this.#o = options;
    this.#specs = sourceSpecs(options.sources);
    this.#sourceSeries = this.#specs.map((s) => new SeriesBuffer(s.id, { name: s.name, kind: s.kind, unit: s.unit, source: s.path }, s.id === 'battery.temperature'));
    this.#historyV = this.#specs.map(() => []);
    this.#currentIndex = this.#specs.findIndex((s) => s.id === 'battery.current');
    this.#voltageIndex = this.#specs.findIndex((s) => s.id === 'battery.voltage');
    for (const series of [...this.#sourceSeries, this.#power, this.#railsPower, this.#thermalStatus]) if (!this.#byId.has(series.id)) this.#byId.set(series.id, series);
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
    const series = this.#byId.get(id);
    return series?.hasPoint ? { tUs: series.latestUs, v: series.latestV } : null;
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
    const script = samplerScript({ sources: this.#specs.map((s) => s.path), rateHz: this.#o.rateHz, workDir: this.#o.workDir, thermalEveryS: 1, powerRails: this.#o.sources.powerRails });
    this.#stream = await streamShell(this.#o.device, script, {
      exitStatus: false,
      onLine: (line) => this.#onLine(line),
      onChunkEnd: () => this.#onChunkEnd(),
    });
  }

  #onLine(line: string): void {
    if (this.#reader.read(line)) {
      this.#onSample();
      return;
    }
    if (line.startsWith('H ') && parseSamplerLine(line).type === 'header') return;
    if (line === 'T+') this.#thermalDump = [];
    else if (line === 'T-') {
      const dump = this.#thermalDump;
      this.#thermalDump = null;
      if (!dump) return;
      const rails = dump.findIndex((l) => l.startsWith(`${RAILS_BEGIN} `));
      this.#onThermalDump(rails < 0 ? dump : dump.slice(0, rails));
      if (rails >= 0) this.#onRailsDump(dump.slice(rails));
    } else this.#thermalDump?.push(line);
  }

  #onSample(): void {
    const sample = this.#reader;
    if (this.#lastSeq > 0 && sample.seq > this.#lastSeq + 1) this.#dropped += sample.seq - this.#lastSeq - 1;
    this.#lastSeq = sample.seq;
    this.#received++;
    this.#clock.observe(sample.realtimeUs, sample.uptimeUs);
    const boot = this.#clock.toBoottimeUs(sample.realtimeUs);
    if (boot === null) return;
    const tUs = boot - this.#o.originBootUs;
    this.#chunkLastUs = tUs;
    this.#record(tUs);
  }

  /** After each chunk: its samples all arrived now, so the newest of them had the least delay. */
  #onChunkEnd(): void {
    if (this.#chunkLastUs !== null) {
      const hostMinusDevice = Date.now() - this.#chunkLastUs / 1000;
      if (this.#hostMinusDeviceMs === null || hostMinusDevice < this.#hostMinusDeviceMs) this.#hostMinusDeviceMs = hostMinusDevice;
      this.#chunkLastUs = null;
    }
    if (this.#stopped) return;
    this.flush();
    this.#o.onBatch?.();
  }

  #record(tUs: number): void {
    const sample = this.#reader;
    const history = this.#historyUs;
    history.push(tUs);
    for (let i = 0; i < this.#specs.length; i++) {
      const raw = i < sample.valueCount ? (sample.values[i] ?? null) : null;
      this.#historyV[i]!.push(raw);
      if (raw === null) continue;
      if (i === this.#currentIndex && !this.#calibration) continue;
      this.#push(this.#sourceSeries[i]!, tUs, this.#specs[i]!.convert(raw));
    }
    if (isFull(history.length)) dropOldest(history, ...this.#historyV);
    // Calibrate the battery current once two seconds of readings are in.
    if (this.#currentIndex >= 0 && !this.#calibration && history.at(-1)! - history[0]! >= 2_000_000) this.#calibrate();
    const mA = this.#valueAt(this.#currentIndex, tUs);
    const mV = this.#valueAt(this.#voltageIndex, tUs);
    if (mA !== null && mV !== null && this.#calibration && !this.#calibration.unusable) this.#push(this.#power, tUs, (mA * mV) / 1000);
  }

  #calibrate(): void {
    const readings = this.#historyV[this.#currentIndex]!;
    const calibration = calibrateBatteryCurrent(
      readings.filter((v): v is number => v !== null),
      this.#discharging,
    );
    this.#calibration = calibration;
    const spec = this.#specs[this.#currentIndex]!;
    const factor = calibration.toMilliampsDrawn;
    spec.convert = (v) => v * factor;
    this.#o.log(calibration.explanation);
    if (calibration.unusable) return;
    const series = this.#sourceSeries[this.#currentIndex]!;
    readings.forEach((raw, k) => raw !== null && this.#push(series, this.#historyUs[k]!, spec.convert(raw)));
  }

  /** A source's converted value at exactly `tUs`, or null. */
  #valueAt(index: number, tUs: number): number | null {
    const series = this.#sourceSeries[index];
    return series && series.latestUs === tUs ? series.latestV : null;
  }

  #push(series: SeriesBuffer, tUs: number, v: number): void {
    if (!series.declared) {
      series.declared = { r: 'series', id: series.id, updateHz: null, ...series.meta };
      this.#declared.push(series);
      this.#o.emit(series.declared);
    }
    series.push(tUs, v);
  }

  /** Mean of a kept series (power, battery temperature) over a device-time window; null without readings. */
  meanOver(id: 'battery.power' | 'battery.temperature', fromUs: number, toUs: number): number | null {
    return this.#byId.get(id)?.meanOver(fromUs, toUs) ?? null;
  }

  /** The device-time µs of the newest sample. */
  get nowUs(): number | null {
    let newest: number | null = null;
    for (const { latestUs } of this.#declared) if (newest === null || latestUs > newest) newest = latestUs;
    return newest;
  }

  /** One thermal dump: `@thermal-at <epoch>`, then the status and the live HAL temperatures. */
  #onThermalDump(lines: string[]): void {
    if (this.#stopped) return;
    const first = lines[0] ?? '';
    const at = first.startsWith(`${THERMAL_AT} `) ? epochUs(first.slice(THERMAL_AT.length + 1)) : null;
    const boot = at === null ? null : this.#clock.toBoottimeUs(at);
    // Without its stamp the dump is placed when it arrived, up to a second late.
    const tUs = boot !== null ? boot - this.#o.originBootUs : this.hostToDeviceUs(Date.now());
    if (tUs === null) return;
    const dump = parseThermalservice((at === null ? lines : lines.slice(1)).join('\n'));
    if (dump.kind !== 'thermalservice') return;
    if (dump.temperatures_source === 'current') this.#onHalTemperatures(dump.temperatures, tUs);
    const status = dump.status;
    if (status === null) return;
    this.#push(this.#thermalStatus, tUs, status);
    if (status > this.#maxStatus) {
      this.#maxStatus = status;
      this.#o.onThrottling(status, tUs);
    }
    this.#lastStatus = status;
  }

  #onHalTemperatures(readings: readonly ThermalReading[], tUs: number): void {
    if (this.#halSeries === null) {
      // A dump without readings (a HAL still starting) decides nothing.
      if (!readings.some((r) => r.celsius !== null)) return;
      this.#halSeries = this.#chooseHalSensors(readings);
    }
    for (const reading of readings) {
      const series = this.#halSeries.get(reading.name);
      if (series && reading.celsius !== null) this.#push(series, tUs, reading.celsius);
    }
  }

  /** The HAL's sensors to record, chosen once from the first dump with readings: the most telling types first. */
  #chooseHalSensors(readings: readonly ThermalReading[]): Map<string, SeriesBuffer> {
    const chosen = new Map<string, SeriesBuffer>();
    const rank = (r: ThermalReading): number => HAL_TYPE_PRIORITY.indexOf(r.type_name);
    const candidates = readings.filter((r) => r.celsius !== null && rank(r) >= 0);
    candidates.sort((a, b) => rank(a) - rank(b));
    for (const reading of candidates) {
      if (chosen.has(reading.name) || chosen.size >= MAX_HAL_TEMPERATURE_SERIES) continue;
      const series = new SeriesBuffer(`thermal.hal.${reading.name}`, { name: `${reading.name} (thermal HAL, ${reading.type_name})`, kind: 'temperature', unit: '°C', source: HAL_TEMPERATURE_SOURCE }, false);
      chosen.set(reading.name, series);
      this.#byId.set(series.id, series);
    }
    const left = readings.filter((r) => r.celsius !== null && !chosen.has(r.name)).map((r) => `${r.name} (${r.type_name})`);
    this.#o.log(
      `Thermal HAL: recording ${chosen.size} sensor${chosen.size === 1 ? '' : 's'}` +
        (left.length > 0 ? `; not recorded (untyped, USB port or beyond ${MAX_HAL_TEMPERATURE_SERIES}): ${left.join(', ')}` : '') +
        '.',
    );
    return chosen;
  }

  /** One rails dump: `@rails-begin <epoch>`, the energy meter section, `@rails-end <epoch>`. */
  #onRailsDump(lines: string[]): void {
    if (this.#stopped) return;
    const begin = epochUs(lines[0]?.slice(RAILS_BEGIN.length + 1) ?? '');
    const last = lines.at(-1) ?? '';
    const end = last.startsWith(`${RAILS_END} `) ? epochUs(last.slice(RAILS_END.length + 1)) : null;
    if (begin === null || end === null || end < begin) return;
    const meter = parsePowerStatsEnergyMeter(lines.slice(1, -1).join('\n'));
    if (!meter.complete || meter.rails.length === 0) return;
    const boot = this.#clock.toBoottimeUs((begin + end) / 2);
    if (boot === null) return;
    const tUs = boot - this.#o.originBootUs;
    const names = meter.rails.map((r) => r.rail).join(', ');
    if (this.#railNames !== names) {
      if (this.#railsUs.length > 0) {
        // Another set of rails (a HAL restart): start the energy sum afresh.
        this.#railsUs.length = 0;
        this.#railsMj.length = 0;
      }
      this.#railNames = names;
      this.#o.log(`Power rails: ${meter.rails.length} (${names}); energy is read from them, which USB charging does not affect.`);
    }
    const mJ = meter.rails.reduce((sum, r) => sum + r.energyMws, 0);
    const prevUs = this.#railsUs.at(-1);
    const prevMj = this.#railsMj.at(-1);
    if (prevUs !== undefined && prevMj !== undefined) {
      if (tUs <= prevUs) return;
      if (mJ < prevMj) {
        // The meter restarted counting: no power for this interval.
        this.#railsUs.length = 0;
        this.#railsMj.length = 0;
      } else {
        const mW = (mJ - prevMj) / ((tUs - prevUs) / 1e6);
        this.#push(this.#railsPower, prevUs + 1, mW);
        this.#push(this.#railsPower, tUs, mW);
      }
    }
    this.#railsUs.push(tUs);
    this.#railsMj.push(mJ);
    if (isFull(this.#railsUs.length)) dropOldest(this.#railsUs, this.#railsMj);
  }

  /**
   * Mean power of all rails over a device-time window, mW, from their cumulative energy between the first and the
   * last reading inside it (what came before or after the window is left out); null without two readings at
   * least half a second apart inside it.
   */
  railsPowerOver(fromUs: number, toUs: number): number | null {
    const times = this.#railsUs;
    const energy = this.#railsMj;
    let first = -1;
    let last = -1;
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < fromUs || times[i]! > toUs) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0 || last <= first || times[last]! - times[first]! < 500_000) return null;
    return (energy[last]! - energy[first]!) / ((times[last]! - times[first]!) / 1e6);
  }

  /** The device-time µs of the newest rails reading. */
  get railsNowUs(): number | null {
    return this.#railsUs.at(-1) ?? null;
  }

  get hasPowerRails(): boolean {
    return this.#railsUs.length > 0;
  }

  get thermalStatus(): number | null {
    return this.#lastStatus;
  }

  /** Emits the points read so far; runs after each chunk of the stream, and at the end. */
  flush(): void {
    for (const series of this.#declared) {
      const points = series.take();
      if (points) this.#o.emit({ r: 'samples', id: series.id, tUs: points.tUs, v: points.v });
    }
  }

  /** Each source's real update rate, from what it read so far. */
  updateRates(): Map<string, number | null> {
    const rates = new Map<string, number | null>();
    if (this.#historyUs.length === 0) return rates;
    this.#specs.forEach((spec, i) => rates.set(spec.id, detectUpdateRateHz(this.#historyUs, this.#historyV[i]!)));
    return rates;
  }

  /** Stops the loop: the stream is closed and the phone-side process killed by its pidfile. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.flush();
    // Declared again, now with each source's detected update rate (the later declaration wins).
    const rates = this.updateRates();
    const rails = this.#railsUs;
    if (rails.length >= 2) rates.set(this.#railsPower.id, (rails.length - 1) / ((rails.at(-1)! - rails[0]!) / 1e6));
    for (const [id, rate] of rates) {
      const declared: SessionSeriesRecord | null | undefined = this.#byId.get(id)?.declared;
      if (declared) this.#o.emit({ ...declared, updateHz: rate });
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

/** `1700000000.123456` ($EPOCHREALTIME) → µs, or null. */
function epochUs(text: string): number | null {
  const match = /^(\d{1,12})\.(\d{6})$/.exec(text.trim());
  return match ? Number(match[1]) * 1_000_000 + Number(match[2]) : null;
}
