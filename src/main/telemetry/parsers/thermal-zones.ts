// Listings of /sys/class/thermal/thermal_zone<N>/{type,temp} (android-telemetry.md §3.5):
//   `grep . thermal_zone*/temp`        → `…/thermal_zone3/temp:41000` (index from the path)
//   `cat thermal_zone3/temp` after a prompt, or `head` (`==> …/thermal_zone3/temp <==`)
//   `cat thermal_zone*/temp` (or `cat */temp` inside /sys/class/thermal) → bare values in the
//     shell's glob order, which sorts names as text: zone0, zone1, zone10, zone11, …, zone2.
//   `echo $z $(cat $z/type) $(cat $z/temp)` loops → `…/thermal_zone3 cpu-0-0-usr 41000`
import type { ThermalZone, ThermalZonesResult } from '../../../shared/tool-output/thermal-zones.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseInteger } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

type Attribute = 'type' | 'temp';

const PATH_VALUE = /^\s*(?:\S*\/)?thermal_zone(\d{1,6})\/(type|temp)\s*[:=](.*)$/;
const ZONE_RECORD = /^\s*(?:\S*\/)?thermal_zone(\d{1,6})\/?(?:\s*:\s*|\s+)(\S+)\s+(-?\d{1,12})\s*$/;
const READ_ERROR_PATH = /thermal_zone(\d{1,6})\/(type|temp): /;
const READ_ERROR_WORDS = /Invalid argument|No such|Permission denied|No data|error/i;
const PATH_MENTION = /thermal_zone(\d{1,6})\/(type|temp)\b/;
const GLOB_MENTION = /(?:thermal_zone)?\*\/(type|temp)\b/;
const BARE_TEMP = /^\s*(-?\d{1,12})\s*$/;
const BARE_TYPE = /^\s*([A-Za-z][\w.-]{0,63})\s*$/;

/** Degrees from a raw `temp`: the ABI says millidegrees, older kernels print tenths or degrees. */
export function celsiusOf(raw: number): { celsius: number; unit: 'millidegree' | 'decidegree' | 'degree' } {
  const magnitude = Math.abs(raw);
  if (magnitude >= 1000) return { celsius: raw / 1000, unit: 'millidegree' };
  if (magnitude >= 150) return { celsius: raw / 10, unit: 'decidegree' };
  return { celsius: raw, unit: 'degree' };
}

/** The zone indices a glob lists, in the shell's (text-sorted) order. */
export function sortedZoneIndices(count: number): number[] {
  const indices = Array.from({ length: count }, (_, i) => i);
  return indices.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

class ZoneListing {
  readonly explicit = new Map<number, { type: string | null; temp: number | null }>();
  readonly bare: Record<Attribute, (string | number)[]> = { type: [], temp: [] };
  readonly failed: Record<Attribute, Set<number>> = { type: new Set(), temp: new Set() };
  pending: { index: number; attribute: Attribute } | null = null;
  globAttribute: Attribute | null = null;

  line(raw: string): void {
    let m: RegExpExecArray | null;
    if ((m = READ_ERROR_PATH.exec(raw)) && READ_ERROR_WORDS.test(raw.slice(m.index + m[0].length))) {
      this.failed[m[2] as Attribute].add(Number(m[1]));
      this.pending = null;
      return;
    }
    if ((m = PATH_VALUE.exec(raw))) {
      this.#set(Number(m[1]), m[2] as Attribute, (m[3] ?? '').trim());
      this.pending = null;
      return;
    }
    if ((m = ZONE_RECORD.exec(raw))) {
      this.#set(Number(m[1]), 'type', m[2] ?? '');
      this.#set(Number(m[1]), 'temp', m[3] ?? '');
      return;
    }
    if ((m = PATH_MENTION.exec(raw))) {
      this.pending = { index: Number(m[1]), attribute: m[2] as Attribute };
      return;
    }
    if ((m = GLOB_MENTION.exec(raw))) {
      this.globAttribute = m[1] as Attribute;
      this.pending = null;
      return;
    }
    if (raw.trim() === '') return;
    if (this.pending !== null) {
      this.#set(this.pending.index, this.pending.attribute, raw.trim());
      this.pending = null;
      return;
    }
    const temp = BARE_TEMP.exec(raw);
    if (temp && this.globAttribute !== 'type') {
      const value = parseInteger(temp[1]);
      if (value !== null) this.bare.temp.push(value);
      return;
    }
    const type = BARE_TYPE.exec(raw);
    if (type?.[1] !== undefined && this.globAttribute !== 'temp') this.bare.type.push(type[1]);
  }

  #set(index: number, attribute: Attribute, value: string): void {
    const zone = this.explicit.get(index) ?? { type: null, temp: null };
    if (attribute === 'type') zone.type = value === '' ? null : value;
    else zone.temp = parseInteger(value);
    this.explicit.set(index, zone);
  }

  /**
   * Bare values of one attribute, placed on zone indices in glob order, skipping unreadable
   * zones. The zone count is the longer of the two lists, so a cut-short list still lands right.
   */
  #placed(attribute: Attribute, zoneCount: number): Map<number, string | number> {
    const values = this.bare[attribute];
    const failed = this.failed[attribute];
    const order = sortedZoneIndices(zoneCount).filter((index) => !failed.has(index));
    return new Map(values.map((value, i) => [order[i] ?? i, value]));
  }

  zones(): ThermalZonesResult | null {
    const zoneCount = Math.max(
      this.bare.type.length + this.failed.type.size,
      this.bare.temp.length + this.failed.temp.size,
    );
    const byIndex = new Map<number, { type: string | null; temp: number | null }>();
    for (const [index, value] of this.#placed('type', zoneCount)) byIndex.set(index, { type: String(value), temp: null });
    for (const [index, value] of this.#placed('temp', zoneCount)) {
      const zone = byIndex.get(index) ?? { type: null, temp: null };
      zone.temp = typeof value === 'number' ? value : null;
      byIndex.set(index, zone);
    }
    const usedBare = byIndex.size > 0;
    for (const [index, zone] of this.explicit) {
      const merged = byIndex.get(index) ?? { type: null, temp: null };
      byIndex.set(index, { type: zone.type ?? merged.type, temp: zone.temp ?? merged.temp });
    }
    if (byIndex.size === 0) return null;
    const zones: ThermalZone[] = [...byIndex]
      .sort(([a], [b]) => a - b)
      .map(([index, { type, temp }]) => {
        const degrees = temp === null ? null : celsiusOf(temp);
        return { index, type, temp_raw: temp, celsius: degrees?.celsius ?? null, temp_unit: degrees?.unit ?? null };
      });
    return { kind: 'thermal_zones', zones, indexing: usedBare ? 'sorted_names' : 'paths' };
  }
}

export function parseThermalZones(text: string): ThermalZonesResult | UnknownResult {
  return guarded(() => {
    const listing = new ZoneListing();
    for (const raw of splitLines(text)) {
      if (raw.length <= MAX_LINE_LENGTH) listing.line(raw);
    }
    return listing.zones() ?? unknownResult('No line of this text lists a thermal zone (/sys/class/thermal/thermal_zone*).');
  });
}
