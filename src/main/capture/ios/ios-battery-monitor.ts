// Polls the iPhone's battery over diagnostics_relay and turns each new gauge update into
// session samples: current drawn (mA), voltage (mV), power drawn (mW), battery temperature
// (°C) and charge (%). The gauge publishes every few seconds, so a reading is kept only
// when its UpdateTime changes; the real update rate is measured and recorded.
import type { SessionRecord, SessionSeriesRecord } from '../../../shared/session/records.js';
import type { IosBatteryReader, IosBatterySample } from '../../devices/ios/ios-battery.js';

export interface IosBatteryMonitorOptions {
  reader: IosBatteryReader;
  pollHz: number;
  /** Device time (µs after the session origin) of a host time. */
  deviceUs: (hostMs: number) => number;
  emit: (record: SessionRecord) => void;
  log: (line: string) => void;
}

const SERIES: readonly Omit<SessionSeriesRecord, 'r' | 'updateHz'>[] = [
  { id: 'battery.power', name: 'Battery power drawn (charger input minus load while charging)', kind: 'power', unit: 'mW', source: 'diagnostics_relay InstantAmperage × Voltage' },
  { id: 'battery.current', name: 'Battery current drawn', kind: 'current', unit: 'mA', source: 'diagnostics_relay InstantAmperage' },
  { id: 'battery.voltage', name: 'Battery voltage', kind: 'voltage', unit: 'mV', source: 'diagnostics_relay Voltage' },
  { id: 'battery.temperature', name: 'Battery temperature', kind: 'temperature', unit: '°C', source: 'diagnostics_relay Temperature' },
  { id: 'battery.charge', name: 'Battery charge', kind: 'charge', unit: '%', source: 'diagnostics_relay CurrentCapacity' },
];

export class IosBatteryMonitor {
  readonly #o: IosBatteryMonitorOptions;
  readonly #kept = new Map<string, { tUs: number[]; v: number[] }>();
  #timer: NodeJS.Timeout | null = null;
  #lastKey: string | null = null;
  #updates: number[] = [];
  #first: IosBatterySample | null = null;
  #latest: IosBatterySample | null = null;
  #failures = 0;
  #stopped = false;
  /** +1 when the phone reports discharge as negative (Apple's convention), −1 when inverted. */
  #sign: 1 | -1 | null = null;
  signNote: string | null = null;

  constructor(options: IosBatteryMonitorOptions) {
    this.#o = options;
  }

  /** Reads once (so charging and temperature are known), then keeps polling. */
  async start(): Promise<IosBatterySample> {
    for (const s of SERIES) this.#o.emit({ r: 'series', updateHz: null, ...s });
    const first = await this.#o.reader.read();
    this.#first = first;
    this.#take(first, Date.now());
    this.#schedule();
    return first;
  }

  get charging(): boolean | null {
    return this.#first ? this.#first.externalConnected || this.#first.isCharging : null;
  }

  latest(): IosBatterySample | null {
    return this.#latest;
  }

  /** Gauge updates per second, from the UpdateTime changes seen; null before three. */
  updateHz(): number | null {
    if (this.#updates.length < 3) return null;
    const span = (this.#updates.at(-1)! - this.#updates[0]!) / 1000;
    return span > 0 ? (this.#updates.length - 1) / span : null;
  }

  meanOver(id: 'battery.power' | 'battery.temperature', fromUs: number, toUs: number): number | null {
    const kept = this.#kept.get(id);
    if (!kept) return null;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < kept.tUs.length; i++) {
      if (kept.tUs[i]! < fromUs || kept.tUs[i]! > toUs) continue;
      sum += kept.v[i]!;
      n++;
    }
    return n > 0 ? sum / n : null;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    const hz = this.updateHz();
    for (const s of SERIES) this.#o.emit({ r: 'series', updateHz: hz === null ? null : Math.round(hz * 1000) / 1000, ...s });
    this.#o.reader.close();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#poll(), 1000 / this.#o.pollHz);
  }

  async #poll(): Promise<void> {
    try {
      const sample = await this.#o.reader.read();
      if (this.#stopped) return; // the session has ended; a late reading goes nowhere
      this.#failures = 0;
      this.#take(sample, Date.now());
    } catch (error) {
      if (++this.#failures === 3) this.#o.log(`Battery readings stopped: ${error instanceof Error ? error.message : String(error)}`);
      if (this.#failures >= 3) return; // the phone is gone or refuses; the capture notices
    }
    this.#schedule();
  }

  #take(sample: IosBatterySample, hostMs: number): void {
    this.#latest = sample;
    // One reading per gauge update: UpdateTime when the phone gives it, else the values.
    const key = sample.updateTime !== null ? String(sample.updateTime) : `${sample.instantAmperageMa}/${sample.voltageMv}/${sample.temperatureC}`;
    if (key === this.#lastKey) return;
    this.#lastKey = key;
    this.#updates.push(hostMs);
    if (this.#sign === null) this.#sign = this.#decideSign(sample);
    const tUs = Math.round(this.#o.deviceUs(hostMs));
    const drawnMa = -sample.instantAmperageMa * this.#sign;
    const values: [string, number | null][] = [
      ['battery.power', (drawnMa * sample.voltageMv) / 1000],
      ['battery.current', drawnMa],
      ['battery.voltage', sample.voltageMv],
      ['battery.temperature', sample.temperatureC],
      ['battery.charge', sample.capacityPercent],
    ];
    for (const [id, v] of values) {
      if (v === null || !Number.isFinite(v)) continue;
      const rounded = Math.round(v * 1000) / 1000;
      this.#o.emit({ r: 'samples', id, tUs: [tUs], v: [rounded] });
      if (id === 'battery.power' || id === 'battery.temperature') {
        const kept = this.#kept.get(id) ?? { tUs: [], v: [] };
        this.#kept.set(id, kept);
        kept.tUs.push(tUs);
        kept.v.push(rounded);
        if (kept.tUs.length > 20_000) {
          kept.tUs.splice(0, 10_000);
          kept.v.splice(0, 10_000);
        }
      }
    }
  }

  /** A phone on battery draws current: if it reports that as positive, its sign is inverted. */
  #decideSign(sample: IosBatterySample): 1 | -1 {
    const onBattery = !sample.externalConnected && !sample.isCharging;
    if (onBattery && sample.instantAmperageMa > 0) {
      this.signNote = 'The iPhone reported its discharge current as positive; Tetherscope flipped the sign so that current drawn is positive.';
      return -1;
    }
    this.signNote = onBattery
      ? 'Battery current: the iPhone reports discharge as negative (InstantAmperage, mA); shown as current drawn.'
      : 'Battery current: the iPhone is on external power, so its battery current is charger input minus load.';
    return 1;
  }
}
