// `dumpsys android.hardware.power.stats.IPowerStats/default [delta]` (android-telemetry.md §2.1): the Pixel
// PowerStats AIDL HAL prints three sections — state residencies, energy consumers, energy meter — of which
// only the energy meter holds the ODPM rails: one `[<RAIL>]:<Subsystem>   <cumulative> mWs` line per channel
// (with ` (<delta>)` after it in delta mode), cumulative since the meter started, in mWs (= mJ).
//
// There is no real capture of this dump in fixtures/real: the patterns below follow the HAL's own printf
// formats (Pixel `powerstats/PowerStatsAidl.cpp`, [S28]) as the reference quotes them.
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';

export interface PowerRailEnergy {
  readonly rail: string;
  readonly subsystem: string;
  /** cumulative since the meter started, mWs (= mJ) */
  readonly energyMws: number;
}

export interface PowerStatsEnergyMeter {
  readonly rails: PowerRailEnergy[];
  /** The section's end line was seen (a cut-off dump gives the rails read so far and false). */
  readonly complete: boolean;
}

const SECTION_START = /^={13} PowerStats HAL 2\.0 (state residencies|energy consumers|energy meter) ={14}$/;
const SECTION_END = /^={10} End of PowerStats HAL 2\.0 (state residencies|energy consumers|energy meter) ={10}$/;
/**
 * `  %32s   %14.2f mWs` or, in delta mode, `  %32s   %14.2f mWs (%14.2f)`, the channel being
 * `[<RAIL>]:<SUBSYSTEM>`. Subsystems may hold spaces and parentheses (`CPU(BIG)`), so the subsystem is
 * whatever lies between the colon and the last number before ` mWs`.
 */
const RAIL = /^\s*\[([^\]]+)\]:(.+?)\s+(-?\d+\.\d{2}) mWs(?: \(\s*(-?\d+\.\d{2})\))?\s*$/;
const ENERGY_METER = 'energy meter';

const NOTHING: PowerStatsEnergyMeter = { rails: [], complete: false };

/**
 * Reads the "energy meter" section of `dumpsys android.hardware.power.stats.IPowerStats/default` (with or
 * without `delta`). Never throws; foreign text gives no rails. Rail lines count only inside the section (after
 * its header); if the text holds the section twice (two dumps), the last one wins.
 */
export function parsePowerStatsEnergyMeter(text: string): PowerStatsEnergyMeter {
  try {
    return readEnergyMeter(text);
  } catch {
    return { rails: [], complete: false };
  }
}

function readEnergyMeter(text: string): PowerStatsEnergyMeter {
  if (typeof text !== 'string') return NOTHING;
  let inMeter = false;
  let rails: PowerRailEnergy[] = [];
  let complete = false;
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue;
    const start = SECTION_START.exec(line);
    if (start !== null) {
      inMeter = start[1] === ENERGY_METER;
      if (inMeter) {
        rails = [];
        complete = false;
      }
      continue;
    }
    const end = SECTION_END.exec(line);
    if (end !== null) {
      if (inMeter && end[1] === ENERGY_METER) complete = true;
      inMeter = false;
      continue;
    }
    if (!inMeter) continue;
    const m = RAIL.exec(line);
    if (m === null) continue;
    const rail = (m[1] ?? '').trim();
    const energyMws = Number(m[3]);
    if (rail === '' || !Number.isFinite(energyMws)) continue;
    rails.push({ rail, subsystem: (m[2] ?? '').trim(), energyMws });
  }
  return { rails, complete };
}
