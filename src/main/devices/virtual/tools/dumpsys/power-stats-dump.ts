// `dumpsys android.hardware.power.stats.IPowerStats/default [delta]` as the Pixel PowerStats AIDL HAL prints it
// (android-telemetry.md §2.1, Pixel `powerstats/PowerStatsAidl.cpp` [S28]): state residencies, energy
// consumers, then the energy meter with one line per ODPM rail, cumulative since the meter started. The HAL
// casts each µWs count to a float before dividing by 1000 (so large counts lose their last digits) and keeps
// the previous `delta` call in statics shared by every caller — both reproduced here.
import type { DeviceModel } from '../../model/device-model.js';
import type { PowerRailFeed } from '../../model/hardware-spec.js';
import type { RailReading } from '../../model/power-rails.js';

export const POWER_STATS_SERVICE = 'android.hardware.power.stats.IPowerStats/default';

interface Residency {
  readonly entity: string;
  readonly state: string;
  readonly totalMs: number;
  readonly entries: number;
  readonly lastEntryMs: number;
}

const s = (width: number, text: string): string => text.padStart(width);
const int = (width: number, value: number): string => String(Math.trunc(value)).padStart(width);
/** `%14.2f` of `static_cast<float>(uws) / 1000.0`. */
const mws = (width: number, uws: number): string => (Math.fround(uws) / 1000).toFixed(2).padStart(width);

/** The Pixel HAL's energy consumer names for what a rail feeds (consumers sum their rails). */
function consumerName(feed: PowerRailFeed): string | null {
  switch (feed.kind) {
    case 'cpu-cluster':
      return `CPUCL${feed.cluster}`;
    case 'gpu':
      return 'GPU';
    case 'npu':
      return 'TPU';
    case 'display':
      return 'DISPLAY';
    case 'system':
      return null;
  }
}

export class PowerStatsHalView {
  /** The HAL's `static` previous results and times, one pair per section, shared by every `delta` caller. */
  #prevResidencies: Residency[] = [];
  #prevResidencyNs: number | null = null;
  #prevMeter: RailReading[] = [];
  #prevMeterNs: number | null = null;

  constructor(private readonly model: DeviceModel) {}

  /** Whether the phone has the HAL at all (phones without ODPM rails do not register the service). */
  get present(): boolean {
    return this.model.powerRails !== null;
  }

  dump(delta: boolean): string {
    const meter = this.model.powerRails;
    if (meter === null) return '';
    this.model.catchUp();
    const nowNs = this.model.nowNs();
    const readings = meter.read(nowNs);
    return this.#residencies(nowNs, delta) + this.#consumers(readings) + this.#meter(readings, nowNs, delta);
  }

  /**
   * The virtual phone stays awake on the desk (never suspends), so the SoC has been ACTIVE since boot and has
   * never entered SLEEP; the entity and state names are illustrative.
   */
  #residencies(nowNs: number, delta: boolean): string {
    const uptimeMs = Math.floor(nowNs / 1e6);
    const results: Residency[] = [
      { entity: 'SoC', state: 'ACTIVE', totalMs: uptimeMs, entries: 1, lastEntryMs: 0 },
      { entity: 'SoC', state: 'SLEEP', totalMs: 0, entries: 0, lastEntryMs: 0 },
    ];
    const out = ['', '============= PowerStats HAL 2.0 state residencies =============='];
    if (delta) {
      const prevNs = this.#prevResidencyNs ?? nowNs;
      out.push(`Elapsed time: ${Math.floor((nowNs - prevNs) / 1e6)} ms`);
      out.push(
        `  ${s(16, 'Entity')}   ${s(18, 'State')}   ${s(16, 'Total time')} (${s(14, 'Delta   ')})   ${s(15, 'Total entries')} (${s(16, 'Delta   ')})   ${s(17, 'Last entry tstamp')} (${s(14, 'Delta ')})`,
      );
      for (const r of results) {
        const prev = this.#prevResidencies.find((p) => p.entity === r.entity && p.state === r.state);
        const d = (pick: (x: Residency) => number): number => (prev === undefined ? 0 : pick(r) - pick(prev));
        out.push(
          `  ${s(16, r.entity)}   ${s(18, r.state)}   ${int(13, r.totalMs)} ms (${int(14, d((x) => x.totalMs))})   ${int(15, r.entries)} (${int(16, d((x) => x.entries))})   ${int(14, r.lastEntryMs)} ms (${int(14, d((x) => x.lastEntryMs))})`,
        );
      }
      this.#prevResidencies = results;
      this.#prevResidencyNs = nowNs;
    } else {
      out.push(`  ${s(16, 'Entity')}   ${s(18, 'State')}   ${s(16, 'Total time')}   ${s(15, 'Total entries')}   ${s(17, 'Last entry tstamp')}`);
      for (const r of results) out.push(`  ${s(16, r.entity)}   ${s(18, r.state)}   ${int(13, r.totalMs)} ms   ${int(15, r.entries)}   ${int(14, r.lastEntryMs)} ms`);
    }
    out.push('========== End of PowerStats HAL 2.0 state residencies ==========');
    return `${out.join('\n')}\n`;
  }

  #consumers(readings: readonly RailReading[]): string {
    const rails = this.model.powerRails?.rails ?? [];
    const totals = new Map<string, number>();
    rails.forEach((rail, i) => {
      const name = consumerName(rail.feeds);
      if (name !== null) totals.set(name, (totals.get(name) ?? 0) + (readings[i]?.energyUws ?? 0));
    });
    const out = ['', '============= PowerStats HAL 2.0 energy consumers =============='];
    for (const [name, uws] of totals) out.push(`${name.padEnd(12)} : ${mws(14, uws)} mWs`);
    out.push('========== End of PowerStats HAL 2.0 energy consumers ==========');
    return `${out.join('\n')}\n`;
  }

  #meter(readings: readonly RailReading[], nowNs: number, delta: boolean): string {
    const channel = (r: RailReading): string => s(32, `[${r.rail}]:${r.subsystem}`);
    const out = ['', '============= PowerStats HAL 2.0 energy meter =============='];
    if (delta) {
      const prevNs = this.#prevMeterNs ?? nowNs;
      out.push(`Elapsed time: ${Math.floor((nowNs - prevNs) / 1e6)} ms`);
      out.push(`  ${s(32, 'Channel')}   ${s(18, 'Cumulative Energy')} (${s(14, 'Delta   ')})`);
      for (const r of readings) {
        const prev = this.#prevMeter.find((p) => p.rail === r.rail);
        out.push(`  ${channel(r)}   ${mws(14, r.energyUws)} mWs (${mws(14, prev === undefined ? 0 : r.energyUws - prev.energyUws)})`);
      }
      this.#prevMeter = readings.slice();
      this.#prevMeterNs = nowNs;
    } else {
      out.push(`  ${s(32, 'Channel')}   ${s(18, 'Cumulative Energy')}`);
      for (const r of readings) out.push(`  ${channel(r)}   ${mws(14, r.energyUws)} mWs`);
    }
    out.push('========== End of PowerStats HAL 2.0 energy meter ==========');
    return `${out.join('\n')}\n`;
  }
}
